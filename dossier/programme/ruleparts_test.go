package programme_test

import (
	"encoding/json"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
)

const partsTemplate = `format: 1
id: parts
version: 1
title: 规则各部分
sections:
  - id: s
    title: 分节
    fields:
      - {id: revenue, label: 主营业务收入, type: money}
      - {id: staff, label: 职工人数, type: integer, required: true}
rules:
  - id: revenue
    label: 主营业务收入
    threshold: ≥ 1500 万元
    value: revenue
    format: money
    assert: revenue >= dec("1500")
    message: 收入须达到 1500 万元
  - id: staff
    label: 职工人数
    threshold: ≥ 10 人
    assert: staff >= 10
    message: 职工须满 10 人
outputs:
  - {id: o, kind: report, file: o.pdf, blocks: [{paragraph: 正文}]}
`

// A rule's result carries its parts (the threshold, the value seen, why it is not met), so the
// GUI shows them without cutting Message apart; Message stays the sentence it was.
func TestRuleResultParts(t *testing.T) {
	p, err := programme.Parse("parts.yaml", []byte(partsTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &dossier.File{Format: dossier.FormatVersion, Programme: "parts", AppliedOn: "2019-05-01",
		Enterprise: map[string]any{}, Answers: map[string]any{"revenue": json.Number("1000")}}
	ev := programme.Evaluate(p, f, today)
	got := map[string]programme.RuleResult{}
	for _, r := range ev.Rules {
		got[r.ID] = r
	}
	failed := got["revenue"]
	if failed.Status != programme.StatusFailed || failed.Why != "收入须达到 1500 万元" || failed.Threshold != "≥ 1500 万元" ||
		failed.Value != "1,000.00 万元" {
		t.Errorf("failed rule: status %s why %q threshold %q value %q", failed.Status, failed.Why, failed.Threshold, failed.Value)
	}
	if want := "主营业务收入：不符合（要求：≥ 1500 万元；实际：1,000.00 万元）。收入须达到 1500 万元"; failed.Message != want {
		t.Errorf("message %q, want %q", failed.Message, want)
	}
	pending := got["staff"]
	if pending.Status != programme.StatusPending || pending.Why != "请先填写：职工人数" ||
		!strings.HasSuffix(pending.Message, "）。"+pending.Why) {
		t.Errorf("pending rule: status %s why %q message %q", pending.Status, pending.Why, pending.Message)
	}
	f.Answers["revenue"], f.Answers["staff"] = json.Number("2000"), json.Number("12")
	for _, r := range programme.Evaluate(p, f, today).Rules {
		if r.Status != programme.StatusPassed || r.Why != "" {
			t.Errorf("%s passed: status %s why %q", r.ID, r.Status, r.Why)
		}
	}
	b, _ := json.Marshal(failed)
	if !strings.Contains(string(b), `"why":"收入须达到 1500 万元"`) || !strings.Contains(string(b), `"message":`) {
		t.Errorf("JSON %s", b)
	}
}
