package programme_test

import (
	"reflect"
	"testing"

	"dossier/dossier/programme"
)

// The model owns its compiled texts and expressions: a copied Output (or Field) works like the
// original, where the syntax-tree model found compiled code by the scalar's address and a
// copy rendered an empty title without an error.
func TestCopiedModelWorks(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-techinnov-2019")
	ev := programme.Evaluate(p, demo(t, set, p.ID), today)
	orig := ev.Outputs()[0]
	cp := *orig
	if ev.Title(&cp) == "" || ev.Title(&cp) != ev.Title(orig) || ev.FileName(&cp) != ev.FileName(orig) {
		t.Fatalf("copied output: title %q file %q, original %q %q", ev.Title(&cp), ev.FileName(&cp), ev.Title(orig), ev.FileName(orig))
	}
	a, b := ev.Report(orig, today), ev.Report(&cp, today)
	if len(a.Blocks) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("the copy builds another report (%d blocks vs %d)", len(b.Blocks), len(a.Blocks))
	}
	var f programme.Field
	for _, c := range p.Field("enterprise.finance").Columns {
		if c.Type == programme.TypeMoney {
			f = c // a copy
			break
		}
	}
	if v, msg := f.Parse("2500万"); msg != "" || v == nil || f.Unit() != "万元" {
		t.Errorf("copied money field: Parse = %v, %q; unit %q", v, msg, f.Unit())
	}
}
