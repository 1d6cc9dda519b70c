package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// A user's template whose rule divides by an amount that is zero on this data.
const raisingYAML = `format: 1
id: raising
version: 1
title: 运行时出错的模板
sections:
  - id: s
    title: 分节
    fields:
      - {id: a, label: 收入, type: money, required: true}
      - {id: b, label: 成本, type: money, required: true}
rules:
  - id: ratio
    label: 比例
    threshold: ≥ 1
    assert: a / b >= 1
outputs:
  - {id: o, kind: report, file: o.pdf, blocks: [{paragraph: "比例"}]}
`

// at2026 runs the command line with the clock in 2026, years after the shipped notices.
func at2026(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &cli{now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }, stdout: &out, stderr: &errOut}
	code := run(a, args)
	return code, out.String(), errOut.String()
}

// A runtime error in a user's template: check says 无法判定 with file:line and exits 2; build
// writes nothing, with --draft neither.
func TestTemplateRuntimeErrorExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "raising.yaml"), []byte(raisingYAML), 0o644)
	data := filepath.Join(t.TempDir(), "d.json")
	os.WriteFile(data, []byte(`{"format":1,"programme":"raising","applied_on":"2019-05-01","enterprise":{},"answers":{"a":100,"b":0}}`), 0o644)
	code, out, errOut := at2026(t, "check", "raising", data, "--templates", dir)
	if code != exitInvalid || !strings.Contains(out, "? 比例：无法判定") || !strings.Contains(out+errOut, "raising.yaml:15") ||
		!strings.Contains(out+errOut, "除数为零") || strings.Contains(out, "结论：符合") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = at2026(t, "check", "raising", data, "--templates", dir, "--json")
	var res checkJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitInvalid || res.Eligible ||
		len(res.ExprErrors) != 1 || res.Rules[0].Status != programme.StatusUndecidable || res.Rules[0].Where != "raising.yaml:15" {
		t.Errorf("check --json: exit %d %v\n%s", code, err, out)
	}
	for _, draft := range []bool{false, true} {
		pkg := filepath.Join(t.TempDir(), "pkg")
		args := []string{"build", "raising", data, "--templates", dir, "--out", pkg}
		if draft {
			args = append(args, "--draft")
		}
		code, out, errOut := at2026(t, args...)
		if _, err := os.Stat(pkg); code != exitInvalid || err == nil {
			t.Errorf("build (draft %v): exit %d, package written: %v\n%s%s", draft, code, err == nil, out, errOut)
		}
	}
}

// The same fault in a shipped (embedded) template is our bug: exit 3.
func TestShippedTemplateRuntimeErrorIsInternal(t *testing.T) {
	p, err := programme.Parse("raising.yaml", []byte(raisingYAML), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dossier.Decode(strings.NewReader(`{"format":1,"programme":"raising","applied_on":"2019-05-01","enterprise":{},"answers":{"a":100,"b":0}}`))
	if err != nil {
		t.Fatal(err)
	}
	ev := programme.Evaluate(p, f, time.Now())
	err = (&cli{}).templateFault(ev)
	if ee, ok := err.(*exitError); !ok || ee.code != exitInternal || !strings.Contains(ee.msg, "内置模板") {
		t.Fatalf("shipped template fault: %v", err)
	}
}

// An unanswered 是/否 question: the rule is pending in check (mark …, "pending": true,
// status pending, passed false), never ✓.
func TestCheckPendingRule(t *testing.T) {
	path := writeHightech(t, func(m map[string]any) { delete(m["answers"].(map[string]any), "major_incident_last_year") })
	code, out, _ := at2026(t, "check", "shanxi-hightech-2019", path)
	if code == exitOK || !strings.Contains(out, "  … ") || !strings.Contains(out, "：待填写（要求：") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	_, out, _ = at2026(t, "check", "shanxi-hightech-2019", path, "--json")
	var res struct {
		Rules []map[string]any `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rules {
		if r["id"] == "no-major-incident" {
			if r["pending"] != true || r["status"] != "pending" || r["passed"] != false {
				t.Errorf("rule %v", r)
			}
			return
		}
	}
	t.Error("no rule no-major-incident")
}

// writeHightech writes the 高企 demo, changed by edit.
func writeHightech(t *testing.T, edit func(m map[string]any)) string {
	t.Helper()
	_, out, _ := at2026(t, "demo", "shanxi-hightech-2019")
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, _ := json.Marshal(m)
	path := filepath.Join(t.TempDir(), "d.json")
	os.WriteFile(path, b, 0o644)
	return path
}

// An empty 申报日期 is the notice's first deadline, said so, and the years stay the notice's:
// the 2019 demo is still eligible in 2026.
func TestCheckAppliedOnDefault(t *testing.T) {
	path := writeHightech(t, func(m map[string]any) { delete(m, "applied_on") })
	code, out, _ := at2026(t, "check", "shanxi-hightech-2019", path)
	if code != exitOK || !strings.Contains(out, "申报日期未填写，按通知默认为 2019-05-31") {
		t.Errorf("exit %d\n%s", code, out)
	}
	_, out, _ = at2026(t, "check", "shanxi-hightech-2019", path, "--json")
	var res checkJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.AppliedOn != "2019-05-31" || !res.AppliedOnDefault {
		t.Errorf("--json: %v applied_on %q default %v", err, res.AppliedOn, res.AppliedOnDefault)
	}
}

// check --json lists problems in the same order on every run (by the form's order).
func TestCheckJSONStableOrder(t *testing.T) {
	path := writeHightech(t, func(m map[string]any) {
		for _, k := range []string{"k1", "k2", "k3", "k4", "k5", "k6"} {
			m["enterprise"].(map[string]any)[k] = "x"
			m["answers"].(map[string]any)[k] = "x"
			m[k] = "x"
		}
		delete(m["enterprise"].(map[string]any), "name")
	})
	var first string
	for i := 0; i < 8; i++ {
		_, out, _ := at2026(t, "check", "shanxi-hightech-2019", path, "--json")
		if i == 0 {
			first = out
			if strings.Index(out, `"enterprise.name"`) > strings.Index(out, `"enterprise.k1"`) {
				t.Errorf("an unknown key before a form field:\n%s", out)
			}
		} else if out != first {
			t.Fatalf("run %d differs:\n%s\n---\n%s", i, out, first)
		}
	}
}

// The draft of a dossier with an unanswered 是/否 question prints the answer empty: not 否 in
// the 申请书, not 符合 in the 自查表 (read back with pdftotext).
func TestDraftPrintsUnansweredEmpty(t *testing.T) {
	path := writeHightech(t, func(m map[string]any) { delete(m["answers"].(map[string]any), "major_incident_last_year") })
	pkg := filepath.Join(t.TempDir(), "pkg")
	if code, out, errOut := at2026(t, "build", "shanxi-hightech-2019", path, "--out", pkg, "--draft"); code != exitOK {
		t.Fatalf("build --draft: exit %d\n%s%s", code, out, errOut)
	}
	for file, label := range map[string]string{
		"高新技术企业认定申请书.pdf":     "申请认定前一年内是",
		"高新技术企业认定形式审查自查表.pdf": "8. 前一年内无重大事故或",
	} {
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(pkg, file), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", file, err)
		}
		found := false
		lines := strings.Split(string(out), "\n")
		for i, line := range lines {
			if !strings.Contains(line, label) {
				continue
			}
			found = true
			// The value cell is vertically centred beside the label's wrapped lines.
			for _, next := range lines[i:min(i+4, len(lines))] {
				for _, word := range strings.Fields(strings.ReplaceAll(next, label, "")) {
					if word == "否" || word == "符合" || word == "是" {
						t.Errorf("%s prints %q beside %s:\n%s", file, word, label, strings.Join(lines[i:min(i+4, len(lines))], "\n"))
					}
				}
			}
		}
		if !found {
			t.Errorf("%s has no line %q:\n%s", file, label, out)
		}
	}
}

// check refuses year 1 (Go's zero date) with the field named, and an empty 注册成立日期 never
// reads "注册成立日期为，…满0年".
func TestCheckYearOneDate(t *testing.T) {
	path := writeHightech(t, func(m map[string]any) { m["enterprise"].(map[string]any)["registered_on"] = "0001-01-01" })
	code, out, _ := at2026(t, "check", "shanxi-hightech-2019", path)
	if code != exitInvalid || !strings.Contains(out, "注册成立日期：“0001-01-01”不是有效日期") || strings.Contains(out, "满0年") {
		t.Errorf("exit %d\n%s", code, out)
	}
	path = writeHightech(t, func(m map[string]any) { delete(m["enterprise"].(map[string]any), "registered_on") })
	code, out, _ = at2026(t, "check", "shanxi-hightech-2019", path)
	if code != exitInvalid || strings.Contains(out, "日期为，") || strings.Contains(out, "满0年") || strings.Contains(out, "0001") {
		t.Errorf("exit %d\n%s", code, out)
	}
}
