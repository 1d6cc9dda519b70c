package programme_test

import (
	"testing"

	"dossier/dossier/programme"
)

// TestProfileOnlyIsOneProgramme: the enterprise screen and FileProblems share one compiled,
// field-less programme, and the 申报日期 is described in one place.
func TestProfileOnlyIsOneProgramme(t *testing.T) {
	a, err := programme.ProfileOnly()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := programme.ProfileOnly()
	if a != b || len(a.Sections) != 0 || len(a.Rules) != 0 || a.Title != "企业信息" {
		t.Fatalf("profile-only programme: %p %p sections=%d rules=%d title=%q", a, b, len(a.Sections), len(a.Rules), a.Title)
	}
	f := programme.AppliedOnField()
	if f.ID != programme.AppliedOnID || f.Label != "申报日期" || f.Type != programme.TypeDate {
		t.Fatalf("applied_on field: %+v", f)
	}
}
