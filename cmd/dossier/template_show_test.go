package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The consultant's 2020 child (dossier/programme/testdata/y2020) in a user folder.
func consultantFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"shanxi-hightech-2020.yaml", "shanxi-hightech-2020.demo.json"} {
		b, err := os.ReadFile(filepath.Join("../../dossier/programme/testdata/y2020", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// template show prints the ids a child overrides, then the child's file and its parents'
// (the shipped ones the consultant could not see).
func TestTemplateShow(t *testing.T) {
	dir := consultantFolder(t)
	code, out, errOut := dossierCmd(t, "--templates", dir, "template", "show", "shanxi-hightech-2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"#   deadlines: batch-1, batch-2\n",
		"#   rules: registered-in-shanxi, registered-one-year, in-sx-sme-db,",
		"#   outputs: letter（report）",
		"#     block conditions 的 keyvalues items（merge: true 时按 id 合并）: registered, core-ip, tech-field,",
		"#   columns（共用的列，输出里写 {use: id}）: application_type, tech_field,",
		"# ===== 模板 " + filepath.Join(dir, "shanxi-hightech-2020.yaml") + "（模板文件夹）=====\n",
		"# ===== 父模板 shanxi-hightech-2019.yaml（内置模板）=====\n",
		"# ===== 父模板 cn-hightech-base.yaml（内置模板）=====\n",
		"根据《{{programme.notice}}》（{{programme.document}}）要求",
		"document: 国科发火〔2016〕32号",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	if code, _, errOut := dossierCmd(t, "template", "show", "no-such"); code != 2 || !strings.Contains(errOut, "没有编号为“no-such”的模板") {
		t.Errorf("unknown id: exit %d %s", code, errOut)
	}
}

// template check checks a user folder's demo data file: a demo that fails a condition is a
// problem (dossier demo serves it as a model), and the sound demo passes.
func TestTemplateCheckDemo(t *testing.T) {
	dir := consultantFolder(t)
	if code, out, _ := dossierCmd(t, "template", "check", dir); code != 0 {
		t.Fatalf("sound child and demo: exit %d\n%s", code, out)
	}
	demo := filepath.Join(dir, "shanxi-hightech-2020.demo.json")
	b, _ := os.ReadFile(demo)
	os.WriteFile(demo, []byte(strings.Replace(string(b), `"in_sx_sme_db": true`, `"in_sx_sme_db": false`, 1)), 0o644)
	code, out, _ := dossierCmd(t, "template", "check", dir)
	if code != 2 || !strings.Contains(out, demo+": 示例数据不符合申报条件：山西省科技型中小企业库入库：不符合") {
		t.Errorf("ineligible demo: exit %d\n%s", code, out)
	}
	os.WriteFile(demo, []byte(`{"format": 1`), 0o644)
	if code, out, _ := dossierCmd(t, "template", "check", dir); code != 2 || !strings.Contains(out, demo+": 示例数据：") {
		t.Errorf("broken demo: exit %d\n%s", code, out)
	}
}

// The 2020 child's package, read back with pdftotext: the inherited 推荐函 cites the 2020
// notice and 文号.
func TestNextYearChildBuild(t *testing.T) {
	dir := consultantFolder(t)
	pkg := filepath.Join(t.TempDir(), "out")
	if code, _, errOut := dossierCmd(t, "--templates", dir, "build", "shanxi-hightech-2020", filepath.Join(dir, "shanxi-hightech-2020.demo.json"), "--out", pkg); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	out, err := exec.Command("pdftotext", filepath.Join(pkg, "推荐函（代拟稿）.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	if !strings.Contains(text, "《关于组织开展2020年山西省高新技术企业认定工作的通知》（晋科函〔2020〕41号）") || strings.Contains(text, "2019") {
		t.Errorf("letter:\n%s", out)
	}
}
