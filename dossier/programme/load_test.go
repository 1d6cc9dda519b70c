package programme_test

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

// shipped is the shipped set, compiled once for all tests: a Programme is immutable and safe
// to share, and compiling every template for each of the fifty tests took half a minute.
var shipped = sync.OnceValues(func() (*programme.Set, error) { return programme.LoadSet(templates.FS) })

func loadShipped(t testing.TB) *programme.Set {
	t.Helper()
	set, err := shipped()
	if err != nil {
		t.Fatalf("shipped templates do not load:\n%v", err)
	}
	return set
}

func demo(t testing.TB, set *programme.Set, id string) *dossier.File {
	t.Helper()
	p := set.Get(id)
	if p == nil {
		t.Fatalf("no programme %s", id)
	}
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var today = time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)

// Every shipped template loads, and its demo is valid and eligible.
func TestShippedDemosEligible(t *testing.T) {
	set := loadShipped(t)
	for _, p := range set.All() {
		if p.Demo == nil {
			t.Errorf("%s has no demo data file", p.ID)
			continue
		}
		ev := programme.Evaluate(p, demo(t, set, p.ID), today)
		for _, pr := range ev.Problems {
			t.Errorf("%s demo: %s", p.ID, pr.Message)
		}
		for _, r := range ev.Rules {
			if !r.Passed {
				t.Errorf("%s demo: %s", p.ID, r.Message)
			}
		}
		if !ev.Eligible() {
			t.Errorf("%s demo not eligible", p.ID)
		}
	}
}

// BenchmarkLoadSet: compiling every shipped template, as the app does at each start.
func BenchmarkLoadSet(b *testing.B) {
	for b.Loop() {
		if _, err := programme.LoadSet(templates.FS); err != nil {
			b.Fatal(err)
		}
	}
}
