package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAttachmentsCommand lists the programme's attachments in binding order.
func TestAttachmentsCommand(t *testing.T) {
	code, out, _ := dossierCmd(t, "attachments", "ningbo-hightech-2019")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 10 || lines[0] != "business-licence\trequired\t营业执照等注册登记证件复印件" {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "ip-waiver\toptional\t") || !strings.Contains(out, "rd-audit\trequired\t") {
		t.Errorf("attachments:\n%s", out)
	}
	if code, _, errOut := dossierCmd(t, "attachments", "no-such"); code != 2 || !strings.Contains(errOut, "没有编号为") {
		t.Errorf("unknown programme: exit %d, %s", code, errOut)
	}
}

// writeAttached writes the demo with the given attachments beside one good PDF licence.
func writeAttached(t *testing.T, files map[string]string, att map[string]any) string {
	t.Helper()
	path := writeDemo(t, func(m map[string]any) { m["attachments"] = att })
	dir := filepath.Dir(path)
	for name, body := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// An unknown attachment id, a .docx, a file that is not there: invalid data, exit 2, the file
// named; build writes nothing. A missing required attachment is listed but valid.
func TestAttachmentErrorsAreInvalid(t *testing.T) {
	pdf := "%PDF-1.4\n%…"
	cases := []struct {
		name  string
		files map[string]string
		att   map[string]any
		want  []string
	}{
		{"unknown id", map[string]string{"附件/a.pdf": pdf}, map[string]any{"licence-scan": []any{"附件/a.pdf"}},
			[]string{"“licence-scan”不是本项目的附件编号", "business-licence"}},
		{"docx", map[string]string{"附件/营业执照.docx": "PK\x03\x04word/document.xml"}, map[string]any{"business-licence": []any{"附件/营业执照.docx"}},
			[]string{"附件1 营业执照副本复印件", "附件/营业执照.docx", "不是 PDF、JPG 或 PNG"}},
		{"pdf named .jpg that is text", map[string]string{"scan.jpg": "hello"}, map[string]any{"audit-report": []any{"scan.jpg"}},
			[]string{"scan.jpg", "不是 PDF、JPG 或 PNG"}},
		{"missing file", nil, map[string]any{"business-licence": []any{"附件/没有这个文件.pdf"}},
			[]string{"找不到文件 附件/没有这个文件.pdf", "数据文件所在的文件夹"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeAttached(t, c.files, c.att)
			code, out, _ := dossierCmd(t, "check", id, path)
			if code != 2 {
				t.Errorf("check: exit %d, want 2:\n%s", code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("check does not say %q:\n%s", w, out)
				}
			}
			pkg := filepath.Join(t.TempDir(), "pkg")
			if code, _, _ := dossierCmd(t, "build", id, path, "--out", pkg); code != 2 {
				t.Errorf("build: exit %d, want 2", code)
			}
			if _, err := os.Stat(pkg); err == nil {
				t.Errorf("build wrote %s for invalid attachments", pkg)
			}
		})
	}

	// Nothing given: valid, eligible, the required ones listed; --json names them.
	path := writeDemo(t, nil)
	code, out, _ := dossierCmd(t, "check", id, path)
	if code != 0 || !strings.Contains(out, "附件1 营业执照副本复印件：未提供（必需）") || !strings.Contains(out, "附件2 2018年度财务审计报告：未提供（必需）") {
		t.Errorf("check without attachments: exit %d\n%s", code, out)
	}
	code, out, _ = dossierCmd(t, "check", id, path, "--json")
	var res struct {
		Missing []string `json:"missing_attachments"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || len(res.Missing) != 4 || res.Missing[0] != "business-licence" {
		t.Errorf("check --json: exit %d, missing_attachments %v (%v)", code, res.Missing, err)
	}
	pkg := filepath.Join(t.TempDir(), "pkg")
	code, out, _ = dossierCmd(t, "build", id, path, "--out", pkg)
	if code != 0 || !strings.Contains(out, "申报包不完整") || !strings.Contains(out, "附件1 营业执照副本复印件：未提供（必需）") {
		t.Errorf("build without attachments: exit %d\n%s", code, out)
	}
}

// A PDF that does not parse passes the sniff but not the binding: exit 2, the file named.
func TestBrokenPDFAttachment(t *testing.T) {
	path := writeAttached(t, map[string]string{"坏.pdf": "%PDF-1.4\nnot really a pdf\n"}, map[string]any{"business-licence": []any{"坏.pdf"}})
	pkg := filepath.Join(t.TempDir(), "pkg")
	code, _, errOut := dossierCmd(t, "build", id, path, "--out", pkg)
	if code != 2 || !strings.Contains(errOut, "坏.pdf") || !strings.Contains(errOut, "不是可以读取的 PDF") {
		t.Errorf("build: exit %d, %s", code, errOut)
	}
	if left, _ := os.ReadDir(filepath.Dir(pkg)); len(left) != 0 {
		t.Errorf("build left %v behind", left)
	}
}
