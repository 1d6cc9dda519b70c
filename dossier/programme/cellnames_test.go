package programme

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"dossier/dossier"
)

// The names made once per programme are the strings each evaluation made before (the paths
// problems carry and present is keyed by, the labels messages start with), cached or not.
func TestRowNamesAreThePathsAndLabels(t *testing.T) {
	set := loadBuiltin(t)
	for _, p := range set.All() {
		check := func(rec *record, path, label string) {
			for i := range 3 {
				n := p.rowNames(rec, path, label, i)
				rowPath, rowLabel := fmt.Sprintf("%s[%d]", path, i), fmt.Sprintf("%s第%d行 ", label, i+1)
				if n.path != rowPath || n.label != rowLabel {
					t.Fatalf("%s %s row %d: %q %q", p.ID, path, i, n.path, n.label)
				}
				for k, col := range rec.fields {
					if n.paths[k] != rowPath+"."+col.ID || n.labels[k] != rowLabel+col.Label {
						t.Errorf("%s %s row %d: %q %q", p.ID, path, i, n.paths[k], n.labels[k])
					}
				}
			}
		}
		for _, f := range p.profile.rec.fields {
			if row := p.profile.rec.rows[f.ID]; row != nil && f.Type == TypeTable {
				check(row, "enterprise."+f.ID, f.Label)
			}
		}
		for _, f := range p.answers.fields {
			if row := p.answers.rows[f.ID]; row != nil && f.Type == TypeTable {
				check(row, f.ID, f.Label)
			}
		}
		n := p.recordNames(p.profile.rec, "enterprise", "")
		for k, f := range p.profile.rec.fields {
			if n.paths[k] != "enterprise."+f.ID {
				t.Errorf("%s: %q", p.ID, n.paths[k])
			}
		}
	}
}

// Once the cache is full, names are made for the file at hand: an evaluation says the same.
func TestEvaluationWithAFullNamesCache(t *testing.T) {
	today := time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"shanxi-techinnov-2019", "shanxi-hightech-2019", "ningbo-hightech-2019"} {
		set := loadBuiltin(t)
		p := set.Get(id)
		f, err := dossier.DecodeBytes(p.Demo)
		if err != nil {
			t.Fatal(err)
		}
		want := Evaluate(p, f, today)
		p.names = namesCache{}
		p.names.n.Store(maxCachedNames)
		got := Evaluate(p, f, today)
		if !reflect.DeepEqual(got.Problems, want.Problems) || !reflect.DeepEqual(got.Rules, want.Rules) || !reflect.DeepEqual(got.present, want.present) {
			t.Errorf("%s: the evaluation differs with a full names cache", id)
		}
		stored := 0
		p.names.m.Range(func(any, any) bool { stored++; return true })
		if stored != 0 {
			t.Errorf("%s: %d names stored in a full cache", id, stored)
		}
	}
}
