package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
)

// An item written with merge: true keeps the keys of its parent's item that it leaves out
// (a rule that only changes its basis); without it the item replaces the parent's whole.
// merge: true naming no parent's item is reported at the child's line.
func TestExtendsMergeKeys(t *testing.T) {
	set, err := programme.LoadSet(family(t, map[string]string{"child.yaml": `
format: 1
id: child
extends: hitech-sample
title: 子模板
rules:
  - {id: domestic-rd, merge: true, basis: 子通知二、（三）}
`}))
	if err != nil {
		t.Fatal(err)
	}
	parent, child := ruleByID(set.Get("hitech-sample"), "domestic-rd"), ruleByID(set.Get("child"), "domestic-rd")
	if child.Basis != "子通知二、（三）" || child.Label != parent.Label || child.Threshold != parent.Threshold || child.Format != parent.Format || parent.Threshold == "" {
		t.Errorf("merged rule: %+v\nparent: %+v", child, parent)
	}
	if got := ruleIDs(set.Get("child")); got != ruleIDs(set.Get("hitech-sample")) {
		t.Errorf("order changed: %s", got)
	}
	_, err = programme.LoadSet(family(t, map[string]string{"a.yaml": "format: 1\nid: a\nextends: hitech-sample\ntitle: x\nrules:\n  - {id: nope, merge: true, basis: b}\n"}))
	if err == nil || !strings.Contains(err.Error(), "a.yaml:6:16: merge：父模板的 rules 中没有 id 为 “nope” 的项") {
		t.Errorf("merge of a missing item: %v", err)
	}
}

func ruleByID(p *programme.Programme, id string) *programme.Rule {
	for i := range p.Rules {
		if p.Rules[i].ID == id {
			return &p.Rules[i]
		}
	}
	return &programme.Rule{}
}
