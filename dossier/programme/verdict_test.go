package programme_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// A template whose expressions raise at run time on ordinary data: a computed value, a rule's
// when and a rule's assert each divide by an amount that is zero, one indexes past a list's
// end, one builds a string of 2^40 bytes, one grows a string a byte at a time.
const raisingTemplate = `format: 1
id: raising
version: 1
title: 运行时出错的模板
sections:
  - id: s
    title: 分节
    fields:
      - {id: a, label: 收入, type: money, required: true}
      - {id: b, label: 成本, type: money, required: true}
      - {id: n, label: 序号, type: integer, required: true}
computed:
  - {id: ratio, type: money, expr: a / b}
rules:
  - id: by-computed
    label: 比例
    threshold: ≥ 1
    assert: ratio >= 1
  - id: by-when
    label: 条件
    threshold: ≥ 1
    when: a / b > 1
    assert: "true"
  - id: by-assert
    label: 断言
    threshold: ≥ 1
    assert: a / b >= 1
  - id: by-index
    label: 下标
    threshold: x
    assert: "[1, 2, 3][n] > 0"
  - id: by-budget
    label: 超长
    threshold: x
    assert: 'len(reduce(1..40, #acc + #acc, "x")) > 0'
  - id: by-growth
    label: 逐字增长
    threshold: x
    assert: 'len(reduce(1..999999, #acc + "x", "")) > 0'
  - id: fine
    label: 正常
    threshold: x
    assert: a >= 0
outputs:
  - id: o
    kind: report
    file: o.pdf
    blocks:
      - {paragraph: "收入是成本的{{a / b}}倍"}
`

func raisingEval(t *testing.T) *programme.Evaluation {
	t.Helper()
	p, err := programme.Parse("raising.yaml", []byte(raisingTemplate), nil)
	if err != nil {
		t.Fatalf("the test template does not load: %v", err)
	}
	f := &dossier.File{Format: dossier.FormatVersion, Programme: "raising", AppliedOn: "2019-05-01",
		Enterprise: map[string]any{}, Answers: map[string]any{"a": json.Number("100"), "b": json.Number("0"), "n": json.Number("7")}}
	return programme.Evaluate(p, f, today)
}

// A runtime error fails closed: the rule is 无法判定 with the template's file:line, never 不适用
// nor a pass on a zero value, and the dossier is not eligible.
func TestRuntimeErrorFailsClosed(t *testing.T) {
	ev := raisingEval(t)
	want := map[string]string{
		"by-computed": "raising.yaml:13", // the computed value's line: that is what raised
		"by-when":     "raising.yaml:22",
		"by-assert":   "raising.yaml:27",
		"by-index":    "raising.yaml:31",
		"by-budget":   "raising.yaml:35",
		"by-growth":   "raising.yaml:39",
	}
	for _, r := range ev.Rules {
		where, raising := want[r.ID]
		if !raising {
			if r.Status != programme.StatusPassed {
				t.Errorf("%s: %s", r.ID, r.Message)
			}
			continue
		}
		if r.Status != programme.StatusUndecidable || r.Passed || !r.Applies || r.Where != where {
			t.Errorf("%s: status %s passed %v applies %v where %q, want undecidable at %s: %s", r.ID, r.Status, r.Passed, r.Applies, r.Where, where, r.Message)
		}
		if !strings.Contains(r.Message, "无法判定") || !strings.Contains(r.Message, where) {
			t.Errorf("%s: message %q", r.ID, r.Message)
		}
	}
	if ev.Eligible() || !ev.Undecidable() {
		t.Fatalf("a dossier whose rules cannot be judged is eligible")
	}
	msgs := ""
	for _, x := range ev.ExprErrors() {
		msgs += x.String() + "\n"
	}
	for _, s := range []string{"除数为零", "下标超出范围", "超出计算限制", "raising.yaml:13"} {
		if !strings.Contains(msgs, s) {
			t.Errorf("no %q in the expression errors:\n%s", s, msgs)
		}
	}
	if strings.ContainsAny(msgs, "abcdefghijklmnopqrstuvwxyz") && strings.Contains(msgs, "runtime error") {
		t.Errorf("Go's English reaches the user:\n%s", msgs)
	}
}

// An expression in a document that raises is an ExprError too (Faults renders the outputs),
// and prints （无法计算）, never 0.
func TestRuntimeErrorInDocument(t *testing.T) {
	ev := raisingEval(t)
	faults := ev.Faults()
	found := false
	for _, x := range faults {
		if x.Where == "raising.yaml:49" {
			found = true
		}
	}
	if !found {
		t.Errorf("the paragraph's error is not among the faults: %v", faults)
	}
	text := reportText(ev, ev.Outputs()[0])
	if !strings.Contains(text, "（无法计算）") || strings.Contains(text, "0.00") {
		t.Errorf("document text %q", text)
	}
}

// findPair is the value printed beside label in any report of ev ("" and false if none).
func findPair(ev *programme.Evaluation, label string) (string, bool) {
	for _, o := range ev.Outputs() {
		if o.Kind != programme.KindReport {
			continue
		}
		for _, b := range ev.Report(o, today).Blocks {
			if kv, ok := b.(*document.KeyValues); ok {
				for _, p := range kv.Pairs {
					if p.Label == label {
						return p.Value, true
					}
				}
			}
		}
	}
	return "", false
}

// An unanswered 是/否 question is not 否: the rule that reads it is pending (not ✓, not ✗),
// the dossier is not eligible, and the documents print the answer empty.
func TestUnansweredBoolIsPending(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	f := demo(t, set, p.ID)
	delete(f.Answers, "major_incident_last_year")
	ev := programme.Evaluate(p, f, today)
	r := ruleOf(t, ev, "no-major-incident")
	if r.Status != programme.StatusPending || !r.Pending || r.Passed || r.Value != "" {
		t.Fatalf("unanswered major incident: status %s pending %v passed %v value %q: %s", r.Status, r.Pending, r.Passed, r.Value, r.Message)
	}
	if !strings.Contains(r.Message, "待填写") || !strings.Contains(r.Message, "重大安全、重大质量事故") {
		t.Errorf("message %q does not say what to fill in", r.Message)
	}
	if ev.Eligible() {
		t.Error("eligible with an unanswered condition")
	}
	for label, want := range map[string]string{
		"申请认定前一年内是否发生过重大安全、重大质量事故或严重环境违法行为": "",
		"8. 前一年内无重大事故或严重环境违法":               "",
	} {
		got, ok := findPair(ev, label)
		if !ok || got != want {
			t.Errorf("%s printed %q (found %v), want %q", label, got, ok, want)
		}
	}
	// Answered 否, it passes and prints 否 and 符合, as before.
	f.Answers["major_incident_last_year"] = false
	ev = programme.Evaluate(p, f, today)
	if r := ruleOf(t, ev, "no-major-incident"); r.Status != programme.StatusPassed || !r.Passed {
		t.Errorf("answered 否: %s", r.Message)
	}
	if got, _ := findPair(ev, "8. 前一年内无重大事故或严重环境违法"); got != "符合" {
		t.Errorf("answered 否: 自查表 prints %q", got)
	}
}

// Empty dates print empty, in rule messages and in documents; year 1 is invalid data, with
// the field named.
func TestEmptyAndYearOneDates(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("ningbo-hightech-2019")
	f := demo(t, set, p.ID)
	delete(f.Enterprise, "registered_on")
	rows := f.Answers["rd"].([]any)
	delete(rows[0].(map[string]any), "start_on")
	ev := programme.Evaluate(p, f, today)
	for _, r := range ev.Rules {
		if strings.Contains(r.Message, "日期为，") || strings.Contains(r.Message, "满0") || strings.Contains(r.Message, "0001") {
			t.Errorf("rule %s: %s", r.ID, r.Message)
		}
	}
	for _, o := range ev.Outputs() {
		if o.Kind == programme.KindReport {
			if text := reportText(ev, o); strings.Contains(text, "0001") {
				t.Errorf("%s prints a year-1 date:\n%s", o.File, text)
			}
		}
	}
	f.Enterprise["registered_on"] = "0001-01-01"
	ev = programme.Evaluate(p, f, today)
	found := false
	for _, pr := range ev.Problems {
		if pr.Field == "enterprise.registered_on" && !pr.Warning && strings.HasPrefix(pr.Message, "注册成立日期") && strings.Contains(pr.Message, "不是有效日期") {
			found = true
		}
	}
	if !found {
		t.Errorf("0001-01-01 is not reported as an invalid 注册成立日期: %+v", ev.Problems)
	}
}

// Problems come in the form's order, the same on every run (map iteration is random).
func TestProblemsInFormOrder(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	var first []string
	for run := 0; run < 20; run++ {
		f := demo(t, set, p.ID)
		for _, k := range []string{"zz_extra", "aa_extra", "mm_extra"} {
			f.Enterprise[k] = "x"
			f.Answers[k] = "x"
		}
		delete(f.Enterprise, "name")
		delete(f.Enterprise, "credit_code")
		delete(f.Answers, "major_incident_last_year")
		f.Format = 99
		ev := programme.Evaluate(p, f, today)
		var got []string
		for _, pr := range ev.Problems {
			got = append(got, pr.Field)
		}
		if run == 0 {
			first = got
			want := []string{"format", "enterprise.name", "enterprise.credit_code"}
			if len(got) < 3 || !reflect.DeepEqual(got[:3], want) {
				t.Fatalf("order %v, want it to start with %v", got, want)
			}
			want = []string{"enterprise.aa_extra", "enterprise.mm_extra", "enterprise.zz_extra", "major_incident_last_year", "aa_extra", "mm_extra", "zz_extra"}
			if !reflect.DeepEqual(got[3:], want) {
				t.Errorf("order %v, want unknown keys last in their part, by name: %v", got[3:], want)
			}
			continue
		}
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d gives another order:\n%v\n%v", run, got, first)
		}
	}
}

// A 申报日期 in another year than the notice's is warned about: the years the form asks for
// would no longer be the notice's.
func TestAppliedOnInAnotherYearWarns(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	f := demo(t, set, p.ID)
	f.AppliedOn = "2026-03-01"
	ev := programme.Evaluate(p, f, today)
	found := false
	for _, pr := range ev.Problems {
		if pr.Field == "applied_on" && pr.Warning && strings.Contains(pr.Message, "不在通知的申报年度（2019 年）内") {
			found = true
		}
	}
	if !found || ev.Eligible() {
		t.Errorf("no warning for a 2026 application to a 2019 notice (eligible %v): %+v", ev.Eligible(), ev.Problems)
	}
}
