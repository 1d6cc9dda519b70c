package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/templates"
)

// template check: every problem of every file given as file:line:col, exit 2; a sound child of
// a shipped template, exit 0.
func TestTemplateCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("shanxi-hightech-2020.yaml", "format: 1\nid: shanxi-hightech-2020\nextends: shanxi-hightech-2019\nversion: 1\n"+
		"title: 2020年山西省高新技术企业认定\nissued: 2020-03-20\ndeadlines:\n  - {id: batch-1, label: 第一批, date: 2020-05-31}\n")
	code, out, _ := dossierCmd(t, "template", "check", good)
	if code != 0 {
		t.Fatalf("a sound child: exit %d\n%s", code, out)
	}
	// A template that overrides a shipped one is announced, with both versions.
	shipped, _ := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	shippedVersion := regexp.MustCompile(`\nversion: (\d+)\n`).FindStringSubmatch(string(shipped))[1]
	over := write("shanxi-techinnov-2019.yaml", strings.Replace(string(shipped), "\nversion: "+shippedVersion+"\n", "\nversion: 50\n", 1))
	code, out, _ = dossierCmd(t, "template", "check", over)
	if code != 0 || !strings.Contains(out, "提示：项目“shanxi-techinnov-2019”使用模板 "+over+"（版本 50），它覆盖了内置模板 shanxi-techinnov-2019.yaml（版本 "+shippedVersion+"）") {
		t.Errorf("override: exit %d\n%s", code, out)
	}
	sub := filepath.Join(dir, "bad")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(sub, "bad.yaml")
	os.WriteFile(bad, []byte("format: 1\nid: bad\nextends: shanxi-hightech-2019\ntitle: 测试\nrules:\n  - {id: nope, remove: true}\n"+
		"outputs:\n  - {id: application, print: {copies: 1, binding: lft}}\nsections:\n  - {id: x, titel: y}\n"), 0o644)
	os.WriteFile(filepath.Join(sub, "quote.yaml"), []byte("format: 1\nid: quote\ntitle: \"x\nversion: 1\n\n\n\nissued: 2019-01-01\n"), 0o644)
	os.WriteFile(filepath.Join(sub, "gbk.yaml"), []byte("format: 1\nid: gbk\ntitle: \xb8\xdf\xd0\xc2\n"), 0o644)
	code, out, _ = dossierCmd(t, "template", "check", sub)
	if code != 2 {
		t.Fatalf("broken templates: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		sub + "/bad.yaml:6:16: remove：父模板的 rules 中没有 id 为 “nope” 的项",
		sub + "/bad.yaml:8:51: binding 的值 “lft” 无效（可用：left、none）",
		sub + "/bad.yaml:10:13: 未知的键 “titel”",
		sub + "/quote.yaml:3:8: 引号没有闭合",
		sub + "/gbk.yaml:3:8: 文件不是 UTF-8 编码",
	} {
		if !strings.Contains(out, filepath.FromSlash(want)) && !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if code, _, _ := dossierCmd(t, "template", "check"); code != 2 {
		t.Errorf("no path: exit %d", code)
	}
}
