package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const id = "shanxi-techinnov-2019"

// dossierCmd runs the command line in-process and returns exit code, stdout and stderr.
func dossierCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &cli{now: func() time.Time { return time.Date(2019, 5, 20, 10, 0, 0, 0, time.UTC) }, stdout: &out, stderr: &errOut}
	code := run(a, args)
	if strings.Contains(errOut.String(), "panic") {
		t.Fatalf("panic: %s", errOut.String())
	}
	return code, out.String(), errOut.String()
}

// writeDemo writes the demo data file, changed by edit, and returns its path.
func writeDemo(t *testing.T, edit func(m map[string]any)) string {
	t.Helper()
	code, out, _ := dossierCmd(t, "demo", id)
	if code != 0 {
		t.Fatalf("demo exit %d", code)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("demo is not JSON: %v", err)
	}
	if edit != nil {
		edit(m)
	}
	b, _ := json.Marshal(m)
	path := filepath.Join(t.TempDir(), "data.json")
	os.WriteFile(path, b, 0o644)
	return path
}

func ent(m map[string]any) map[string]any { return m["enterprise"].(map[string]any) }

func TestProgrammes(t *testing.T) {
	code, out, _ := dossierCmd(t, "programmes")
	if code != 0 || !strings.Contains(out, id+"\t2019年山西省技术改造专项资金技术创新提升专项（第一批）\n") {
		t.Fatalf("exit %d: %q", code, out)
	}
}

func TestCheckExitCodes(t *testing.T) {
	eligible := writeDemo(t, nil)
	ineligible := writeDemo(t, func(m map[string]any) { ent(m)["province"] = "河北省" })
	invalid := writeDemo(t, func(m map[string]any) { ent(m)["credit_code"] = "91140105MA0K7D3Q2H"; delete(ent(m), "name") })
	notJSON := filepath.Join(t.TempDir(), "x.json")
	os.WriteFile(notJSON, []byte("{oops"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"check", id, eligible}, 0, "结论：符合申报条件。"},
		{[]string{"check", id, ineligible}, 1, "✗ 注册地：不符合（要求：山西省内注册；实际：河北省）"},
		{[]string{"check", id, invalid}, 2, "统一社会信用代码：校验位错误"},
		{[]string{"check", id, notJSON}, 2, "JSON 格式错误"},
		{[]string{"check", id, "/nonexistent.json"}, 2, "找不到数据文件"},
		{[]string{"check", "no-such-programme", eligible}, 2, "没有编号为“no-such-programme”的申报项目"},
		{[]string{"check", id}, 2, "参数个数不对"},
		{[]string{"demo", "nope"}, 2, "没有编号为“nope”"},
	}
	for _, c := range cases {
		code, out, errOut := dossierCmd(t, c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, c.want, out, errOut)
		}
	}
	// Invalid data lists every problem, not just the first.
	_, out, _ := dossierCmd(t, "check", id, invalid)
	if !strings.Contains(out, "企业名称：未填写") || !strings.Contains(out, "数据问题（2 项") {
		t.Errorf("not every problem listed:\n%s", out)
	}
}

func TestCheckJSON(t *testing.T) {
	path := writeDemo(t, func(m map[string]any) { m["answers"].(map[string]any)["rd_deduction_amount"] = 499.99 })
	code, out, _ := dossierCmd(t, "check", id, path, "--json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var res struct {
		Eligible bool `json:"eligible"`
		Problems []struct{ Field, Message string }
		Rules    []struct {
			ID      string `json:"id"`
			Passed  bool   `json:"passed"`
			Message string `json:"message"`
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if res.Eligible || res.Problems == nil || len(res.Problems) != 0 {
		t.Errorf("eligible=%v problems=%v", res.Eligible, res.Problems)
	}
	failed := 0
	for _, r := range res.Rules {
		if !r.Passed {
			failed++
			if r.ID != "rd-deduction-amount" || !strings.Contains(r.Message, "499.99 万元") {
				t.Errorf("failed rule: %+v", r)
			}
		}
	}
	if failed != 1 {
		t.Errorf("%d rules failed", failed)
	}
}

func TestBuildVerifyAggregate(t *testing.T) {
	data := writeDemo(t, nil)
	dir := t.TempDir()
	pkg := filepath.Join(dir, "pkg")
	if code, out, errOut := dossierCmd(t, "build", id, data, "--out", pkg); code != 0 {
		t.Fatalf("build exit %d: %s%s", code, out, errOut)
	}
	if code, out, _ := dossierCmd(t, "verify", pkg); code != 0 || !strings.Contains(out, "申报包完整") {
		t.Fatalf("verify exit %d: %s", code, out)
	}
	// A second build over it is refused; nothing changes.
	if code, _, errOut := dossierCmd(t, "build", id, data, "--out", pkg); code != 2 || !strings.Contains(errOut, "--force") {
		t.Fatalf("second build: exit %d %s", code, errOut)
	}
	os.WriteFile(filepath.Join(pkg, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf"), []byte("x"), 0o644)
	if code, out, _ := dossierCmd(t, "verify", pkg); code != 1 || !strings.Contains(out, "文件已被修改：项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf") {
		t.Fatalf("verify of a tampered package: exit %d %s", code, out)
	}
	if code, _, _ := dossierCmd(t, "verify", dir); code != 2 {
		t.Fatalf("verify of a non-package: exit %d", code)
	}
	// Ineligible: exit 1 and nothing written; --draft writes a draft.
	bad := writeDemo(t, func(m map[string]any) { ent(m)["credit_blacklisted"] = true })
	draft := filepath.Join(dir, "draft")
	if code, _, _ := dossierCmd(t, "build", id, bad, "--out", draft); code != 1 {
		t.Fatalf("ineligible build: exit %d", code)
	}
	if _, err := os.Stat(draft); !os.IsNotExist(err) {
		t.Fatal("an ineligible build wrote something")
	}
	if code, out, _ := dossierCmd(t, "build", id, bad, "--out", draft, "--draft"); code != 0 || !strings.Contains(out, "草稿申报包") {
		t.Fatalf("draft build: exit %d %s", code, out)
	}
	invalid := writeDemo(t, func(m map[string]any) { ent(m)["employees"] = "很多" })
	if code, _, _ := dossierCmd(t, "build", id, invalid, "--out", filepath.Join(dir, "inv")); code != 2 {
		t.Fatalf("invalid build: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "inv")); !os.IsNotExist(err) {
		t.Fatal("an invalid build wrote something")
	}

	// A bureau aggregates a data file and a built package into one summary table.
	other := writeDemo(t, func(m map[string]any) {
		ent(m)["name"] = "山西晋阳新材料股份有限公司"
		ent(m)["credit_code"] = "91140105MA0K7D3Q3K" // another enterprise: the same one twice is a duplicate
		m["answers"].(map[string]any)["requested_amount"] = 150.5
	})
	xlsxPath := filepath.Join(dir, "汇总.xlsx")
	fresh := filepath.Join(dir, "pkg2")
	if code, _, errOut := dossierCmd(t, "build", id, data, "--out", fresh); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, errOut := dossierCmd(t, "aggregate", id, "--out", xlsxPath, fresh, other); code != 0 || !strings.Contains(out, "已汇总 2 份") {
		t.Fatalf("aggregate: exit %d %s%s", code, out, errOut)
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetName(0))
	var names []string
	for _, r := range rows {
		for _, c := range r {
			if strings.HasPrefix(c, "山西") && strings.HasSuffix(c, "公司") {
				names = append(names, c)
			}
		}
	}
	if strings.Join(names, ",") != "山西汾河智能装备有限公司,山西晋阳新材料股份有限公司" {
		t.Errorf("aggregated rows: %v", names)
	}
	if code, _, errOut := dossierCmd(t, "aggregate", id, "--out", filepath.Join(dir, "b.xlsx"), invalid); code != 2 || !strings.Contains(errOut, "职工总数") {
		t.Errorf("aggregate of invalid input: exit %d %s", code, errOut)
	}
}

// A user template folder with a broken template: exit 2 and file:line.
func TestBrokenUserTemplates(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("format: 1\nid: mine\ntitle: 我的\nrules:\n  - {id: r, label: x, threshold: y, assert: nope > 1}\n"), 0o644)
	code, _, errOut := dossierCmd(t, "programmes", "--templates", dir)
	if code != 2 || !strings.Contains(errOut, "mine.yaml:5:") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// A command on one programme loads only its template: another template's mistake does not
// stop it, and a user folder's copy of it replaces the shipped one.
func TestOneProgrammeLoadsOneTemplate(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("format: 1\nid: broken\ntitle: x\nrules: [{id: r, assert: nope}]\n"), 0o644)
	data := writeDemo(t, nil)
	if code, out, errOut := dossierCmd(t, "check", id, data, "--templates", dir); code != 0 {
		t.Fatalf("check beside a broken template: exit %d %s%s", code, out, errOut)
	}
	shipped, err := os.ReadFile(filepath.Join("..", "..", "templates", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, id+".yaml"), []byte(strings.Replace(string(shipped), "title: 2019年山西省技术改造专项资金技术创新提升专项（第一批）", "title: 本地修订版", 1)), 0o644)
	if code, out, _ := dossierCmd(t, "check", id, data, "--templates", dir); code != 0 || !strings.Contains(out, "本地修订版") {
		t.Fatalf("user override not used: exit %d %s", code, out)
	}
	if code, _, _ := dossierCmd(t, "check", "../etc/passwd", data); code != 2 {
		t.Fatalf("a path as programme id: exit %d", code)
	}
}

// A user template that replaces a shipped one is announced when the set is listed: which file
// wins, and its version.
func TestOverrideIsAnnounced(t *testing.T) {
	dir := t.TempDir()
	shipped, err := os.ReadFile(filepath.Join("..", "..", "templates", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, id+".yaml"), []byte(strings.Replace(string(shipped), "title: 2019年山西省技术改造专项资金技术创新提升专项（第一批）", "title: 本地修订版", 1)), 0o644)
	code, out, errOut := dossierCmd(t, "programmes", "--templates", dir)
	if code != 0 || !strings.Contains(out, "本地修订版") || !strings.Contains(errOut, "提示：") || !strings.Contains(errOut, id) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
