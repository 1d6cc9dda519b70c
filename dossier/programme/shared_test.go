package programme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// A field written {use: x} is profile.yaml's shared field x, with the keys the template writes
// over it; its id is x unless the template names another; it is checked like any field.
func TestSharedField(t *testing.T) {
	const src = `format: 1
id: shr
title: 共用
sections:
  - id: s
    fields:
      - {use: contact_mobile}
      - {use: registered_capital, label: 注册资金}
      - {use: scale, id: enterprise_scale}
outputs:
  - {id: o, kind: report, file: a.pdf, blocks: [{paragraph: "{{labels.enterprise_scale}}"}]}
`
	p, err := programme.Parse("shr.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, rc, sc := p.Field("contact_mobile"), p.Field("registered_capital"), p.Field("enterprise_scale")
	if m == nil || m.Label != "联系人手机" || m.Validate != "mobile" || !m.Required {
		t.Fatalf("contact_mobile: %+v", m)
	}
	if rc == nil || rc.Label != "注册资金" || rc.Type != programme.TypeMoney {
		t.Fatalf("registered_capital: %+v", rc)
	}
	if sc == nil || sc.Label != "企业规模" || len(sc.Options) != 4 || sc.Options[3].Label != "微型" {
		t.Fatalf("enterprise_scale: %+v", sc)
	}
	// The shared validation applies.
	f, _ := dossier.Decode(strings.NewReader(`{"format":1,"programme":"shr","enterprise":{},"answers":{"contact_mobile":"123","registered_capital":"10","enterprise_scale":"micro"}}`))
	ev := programme.Evaluate(p, f, today)
	if !strings.Contains(fmtProblems(ev), "联系人手机") {
		t.Errorf("a wrong mobile number is not reported: %s", fmtProblems(ev))
	}
}

// An unknown shared field is reported at the template's line with the ones there are; a
// child's {use: x} replaces its parent's field x.
func TestSharedFieldMistakesAndExtends(t *testing.T) {
	_, err := programme.Parse("shr.yaml", []byte("format: 1\nid: shr\ntitle: 共用\nsections:\n  - id: s\n    fields:\n      - {use: nosuch}\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "shr.yaml:7:") || !strings.Contains(err.Error(), "“nosuch” 不是共用字段") || !strings.Contains(err.Error(), "contact_mobile") {
		t.Fatalf("unknown shared field: %v", err)
	}
	set, err := programme.LoadSet(fstest.MapFS{
		"parent.yaml": {Data: []byte("format: 1\nid: parent\nabstract: true\ntitle: 父\nsections:\n  - id: s\n    fields:\n      - {id: contact_mobile, label: 手机, type: text}\n      - {id: x, label: 其他, type: text}\n")},
		"child.yaml":  {Data: []byte("format: 1\nid: child\nextends: parent\ntitle: 子\nsections:\n  - id: s\n    fields:\n      - {use: contact_mobile}\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := set.Get("child").Sections[0]
	if len(s.Fields) != 2 || s.Fields[0].Label != "联系人手机" || s.Fields[1].ID != "x" {
		t.Errorf("child's fields: %+v", s.Fields)
	}
}
