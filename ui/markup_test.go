package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The main screens rendered to markup and compared with committed masters in testdata/ (a
// changed master is written to testdata/failed/: look at it, then copy it over if right).
func TestScreensMatchMasters(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.section("conditions")
	test.AssertRendersToMarkup(t, "dossier_conditions.xml", h.win.Canvas())
	h.u.showHome()
	test.AssertRendersToMarkup(t, "home.xml", h.win.Canvas())
}
