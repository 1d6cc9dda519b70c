package programme_test

import (
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// A rule's date value and the {{…}} of its message print the same date the same way.
func TestRuleDateValueMatchesText(t *testing.T) {
	src := "format: 1\nid: x\ntitle: 专项\nrules:\n  - {id: r, label: 注册成立时间, assert: 'enterprise.registered_on <= date(\"2010-12-31\")', value: enterprise.registered_on, format: date,\n" +
		"     threshold: 2010年12月31日前注册, message: \"注册成立日期为{{enterprise.registered_on}}\"}\n"
	p, err := programme.Parse("x.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &dossier.File{Format: dossier.FormatVersion, Programme: "x", AppliedOn: "2019-05-20",
		Enterprise: map[string]any{"registered_on": "2011-06-08"}}
	ev := programme.Evaluate(p, f, time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC))
	for _, r := range ev.Rules {
		if r.ID != "r" {
			continue
		}
		if r.Value != "2011年6月8日" || !strings.Contains(r.Message, "注册成立日期为2011年6月8日") {
			t.Errorf("value %q, message %q", r.Value, r.Message)
		}
		return
	}
	t.Fatalf("rule not judged: %+v", ev.Rules)
}
