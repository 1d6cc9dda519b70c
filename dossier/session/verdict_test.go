package session

import (
	"bytes"
	"os"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

func loadHightech(t *testing.T) *Session {
	t.Helper()
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, f)
	s.SetClock(func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) })
	return s
}

// In the GUI's path too, an unanswered 是/否 question is not 否: emptying it makes its rule
// pending (neither ✓ nor ✗) and the dossier not eligible; answering 否 passes it again.
func TestUnansweredBoolPendingInSession(t *testing.T) {
	s := loadHightech(t)
	if err := s.Set("major_incident_last_year", ""); err != nil {
		t.Fatal(err)
	}
	r := rule(s.Evaluate(), "no-major-incident")
	if r.Status != programme.StatusPending || r.Passed || r.Value != "" {
		t.Fatalf("unanswered: status %s passed %v value %q: %s", r.Status, r.Passed, r.Value, r.Message)
	}
	if s.Status() == StatusEligible {
		t.Error("eligible with an unanswered condition")
	}
	if err := s.Set("major_incident_last_year", "否"); err != nil {
		t.Fatal(err)
	}
	if r := rule(s.Evaluate(), "no-major-incident"); r.Status != programme.StatusPassed {
		t.Errorf("answered 否: %s", r.Message)
	}
}

// An empty 申报日期 is the notice's (2019), not the clock's (2026): the session says it is a
// default, and the exported data file carries that date.
func TestAppliedOnDefaultInSession(t *testing.T) {
	s := loadHightech(t)
	if err := s.Set(AppliedOn, ""); err != nil {
		t.Fatal(err)
	}
	d, isDefault := s.AppliedDate()
	if d.Year() != 2019 || !isDefault {
		t.Fatalf("applied_on %s default %v, want a 2019 default", d.Format("2006-01-02"), isDefault)
	}
	if got := s.Export().AppliedOn; got != d.Format("2006-01-02") {
		t.Errorf("export writes applied_on %q, want %s", got, d.Format("2006-01-02"))
	}
	if err := s.Set(AppliedOn, "2019-05-20"); err != nil {
		t.Fatal(err)
	}
	if _, isDefault := s.AppliedDate(); isDefault {
		t.Error("an entered date is reported as a default")
	}
}
