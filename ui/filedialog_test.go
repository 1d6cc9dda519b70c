package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Escape cancels a file dialog (Fyne's ignore the key: under Xvfb a second Ctrl+P stacked
// a second folder dialog over the first), and the window's keys work as before afterwards.
func TestEscapeCancelsFileDialog(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	c := h.win.Canvas()
	before := c.OnTypedKey()
	picked := false
	h.u.askPackage(func(string) { picked = true })
	if c.Overlays().Top() == nil {
		t.Fatal("no folder dialog")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Escape left the folder dialog open")
	}
	if picked {
		t.Error("Escape chose a folder")
	}
	if got := c.OnTypedKey(); (got == nil) != (before == nil) {
		t.Error("the window's key handler was not restored")
	}
}
