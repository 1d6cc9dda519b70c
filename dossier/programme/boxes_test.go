package programme

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/templates"
)

// The boxed fields are what reflect reads from the record values, for the enterprise and for
// every row of every table of every shipped demo; and the tables' boxes are found (the fast
// path is taken) for the very values they belong to, and only for them.
func TestBoxesAreTheFieldsValues(t *testing.T) {
	set := loadBuiltin(t)
	today := time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)
	for _, p := range set.All() {
		f, err := dossier.DecodeBytes(p.Demo)
		if err != nil {
			t.Fatal(err)
		}
		e := Evaluate(p, f, today)
		for i := range p.profile.rec.fields {
			if got, want := e.entBoxes.at(e.ent, i), e.ent.Field(i).Interface(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s enterprise.%s: %#v, reflect reads %#v", p.ID, p.profile.rec.fields[i].ID, got, want)
			}
		}
		if len(e.tables) == 0 {
			t.Errorf("%s: no table boxes", p.ID)
		}
		for path, tb := range e.tables {
			rows := reflect.ValueOf(e.tableValue(path))
			rec := p.answers.rows[path]
			if id, ok := strings.CutPrefix(path, "enterprise."); ok {
				rec = p.profile.rec.rows[id]
			}
			if rec == nil {
				continue // a table inside an object
			}
			b := e.rowBoxes(path, rows)
			if b == nil || len(b) != len(tb.rows) {
				t.Fatalf("%s %s: the boxes of the table are not found", p.ID, path)
			}
			for i := range b {
				for k := range rec.fields {
					if got, want := b[i].at(rows.Index(i), k), rows.Index(i).Field(k).Interface(); !reflect.DeepEqual(got, want) {
						t.Errorf("%s %s[%d].%s: %#v, reflect reads %#v", p.ID, path, i, rec.fields[k].ID, got, want)
					}
				}
			}
			if rows.Len() > 0 {
				other := reflect.MakeSlice(rows.Type(), rows.Len(), rows.Len())
				reflect.Copy(other, rows)
				if e.rowBoxes(path, other) != nil {
					t.Errorf("%s %s: boxes found for another value", p.ID, path)
				}
			}
		}
	}
}

// loadBuiltin compiles the shipped templates afresh (a test may change a programme's caches),
// failing the test if they do not load.
func loadBuiltin(t testing.TB) *Set {
	t.Helper()
	set, err := LoadSet(templates.FS)
	if err != nil {
		t.Fatalf("shipped templates do not load:\n%v", err)
	}
	return set
}
