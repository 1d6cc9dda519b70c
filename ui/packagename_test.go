package ui

import (
	"strings"
	"testing"
	"time"

	"dossier/dossier/programme"
)

// The package folder the GUI proposes is named by the dossier's 申报日期 (the programme's
// default date when none is entered), not by the day of the export.
func TestPackageNamedByApplicationDate(t *testing.T) {
	h := newHarness(t, true)
	h.u.deps.Now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
	h.u.Start("")
	ed := h.editor()
	if err := ed.sess.Set("applied_on", "2019/6/30"); err != nil {
		t.Fatal(err)
	}
	if got := ed.packageName(); !strings.HasSuffix(got, "_20190630") {
		t.Errorf("with 申报日期 2019/6/30 the package is %q", got)
	}
	if err := ed.sess.Set("applied_on", ""); err != nil {
		t.Fatal(err)
	}
	// The notice's first 截止日期: the programme's default 申报日期.
	def, _ := programme.DefaultAppliedOn(ed.sess.Programme(), h.u.today())
	want := "_" + def.Format("20060102")
	if got := ed.packageName(); !strings.HasSuffix(got, want) || want == "_20261201" {
		t.Errorf("without 申报日期 the package is %q, want the default date %s", got, want)
	}
}
