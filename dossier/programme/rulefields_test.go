package programme

import (
	"os"
	"slices"
	"testing"

	"dossier/templates"
)

func TestRuleFields(t *testing.T) {
	set, err := LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-techinnov-2019")
	if p == nil {
		t.Fatal("no shanxi-techinnov-2019")
	}
	for _, r := range p.Rules {
		if len(p.RuleFields(r.ID)) == 0 {
			t.Errorf("rule %s reads no field", r.ID)
		}
	}
	if got := p.RuleFields("legal-person"); !slices.Equal(got, []string{"legal_person"}) {
		t.Errorf("legal-person reads %v", got)
	}
	if got := p.RuleFields("main-revenue-2018"); len(got) == 0 || got[0] != "enterprise.finance" {
		t.Errorf("main-revenue-2018 reads %v, the finance table first", got)
	}
	if got := p.RuleFields("nonexistent"); got != nil {
		t.Errorf("unknown rule: %v", got)
	}
	found := false
	for _, r := range p.Rules {
		if slices.Contains(p.RuleFields(r.ID), "enterprise.finance") {
			found = true
		}
	}
	if !found {
		t.Error("no rule reads the finance table (revenue through fin(2018))")
	}
}
