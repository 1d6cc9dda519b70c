package store

import (
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
