package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCopyAttachment(t *testing.T) {
	src, root := t.TempDir(), t.TempDir()
	a := filepath.Join(src, "营业执照.pdf")
	os.WriteFile(a, []byte("%PDF-1.4 licence"), 0o644)
	c1, err := CopyAttachment(root, 7, a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c1, filepath.Join(root, "7")+string(filepath.Separator)) || AttachmentName(c1) != "营业执照.pdf" {
		t.Errorf("copy at %s (name %s)", c1, AttachmentName(c1))
	}
	c2, err := CopyAttachment(root, 7, a)
	if err != nil || c2 != c1 {
		t.Errorf("same content stored twice: %s %s %v", c1, c2, err)
	}
	os.Remove(a)
	if b, err := os.ReadFile(c1); err != nil || string(b) != "%PDF-1.4 licence" {
		t.Errorf("copy: %q %v", b, err)
	}
	txt := filepath.Join(src, "说明.txt")
	os.WriteFile(txt, []byte("hello"), 0o644)
	if _, err := CopyAttachment(root, 7, txt); err == nil || !strings.Contains(err.Error(), "说明.txt 不是 PDF、JPG 或 PNG") {
		t.Errorf("text file: %v", err)
	}
	if _, err := CopyAttachment(root, 7, src); err == nil || strings.Contains(err.Error(), "is a directory") {
		t.Errorf("folder: %v", err)
	}
	if es, _ := os.ReadDir(filepath.Join(root, "7")); len(es) != 1 {
		t.Errorf("stored: %v", es)
	}
}

// CopyDataAttachments: an imported data file's attachments are copied into the store (paths
// relative to the file's folder), the data names the copies and keeps its other members; a
// missing file or a text file is reported with the attachment's label and keeps its place.
func TestCopyDataAttachments(t *testing.T) {
	dir, root := t.TempDir(), t.TempDir()
	os.Mkdir(filepath.Join(dir, "附件"), 0o755)
	os.WriteFile(filepath.Join(dir, "附件", "营业执照.pdf"), []byte("%PDF-1.4 licence"), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("hello"), 0o644)
	data := []byte(`{"format":1,"programme":"p","answers":{"a":1},"attachments":{"business-licence":["附件\\营业执照.pdf","missing.pdf"],"other":["说明.txt"]}}`)
	labels := map[string]string{"business-licence": "营业执照副本复印件", "other": "其他证明材料"}
	out, problems, err := CopyDataAttachments(root, 9, data, dir, func(id string) string { return labels[id] })
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Answers     map[string]any      `json:"answers"`
		Attachments map[string][]string `json:"attachments"`
	}
	if err := json.Unmarshal(out, &f); err != nil || f.Answers["a"] != 1.0 {
		t.Fatalf("data after the copy: %s (%v)", out, err)
	}
	lic := f.Attachments["business-licence"]
	if len(lic) != 2 || !strings.HasPrefix(lic[0], filepath.Join(root, "9")+string(filepath.Separator)) || AttachmentName(lic[0]) != "营业执照.pdf" {
		t.Fatalf("attachments after the copy: %v", f.Attachments)
	}
	if b, err := os.ReadFile(lic[0]); err != nil || string(b) != "%PDF-1.4 licence" {
		t.Errorf("copy: %q %v", b, err)
	}
	if lic[1] != filepath.Join(dir, "missing.pdf") || f.Attachments["other"][0] != filepath.Join(dir, "说明.txt") {
		t.Errorf("files not copied keep their (absolute) place: %v", f.Attachments)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "附件“营业执照副本复印件”") || !strings.Contains(problems[0], "missing.pdf") ||
		!strings.Contains(problems[1], "附件“其他证明材料”") || !strings.Contains(problems[1], "不是 PDF、JPG 或 PNG") {
		t.Errorf("problems: %q", problems)
	}
	for _, p := range problems {
		if strings.Contains(p, "no such file") || strings.Contains(p, "open ") {
			t.Errorf("English error text: %q", p)
		}
	}
}
