package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestWindowFitsScreen(t *testing.T) {
	cases := map[string]struct {
		screen, saved fyne.Size
		want          fyne.Size
		max           bool
	}{
		"1366x768 laptop, taskbar 40": {fyne.NewSize(1366, 728), fyne.Size{}, fyne.NewSize(1350, 688), true},
		"1920x1080":                   {fyne.NewSize(1920, 1040), fyne.Size{}, fyne.NewSize(1280, 820), false},
		"1920x1080 remembered":        {fyne.NewSize(1920, 1040), fyne.NewSize(1500, 900), fyne.NewSize(1500, 900), false},
		"remembered but too big":      {fyne.NewSize(1366, 728), fyne.NewSize(1500, 900), fyne.NewSize(1350, 688), false},
		"unknown screen":              {fyne.Size{}, fyne.Size{}, fyne.NewSize(1280, 680), false},
	}
	for name, c := range cases {
		got, max := windowSize(c.screen, c.saved)
		if got != c.want || max != c.max {
			t.Errorf("%s: %v maximised %v, want %v %v", name, got, max, c.want, c.max)
		}
		if c.screen.Height > 0 && (got.Height > c.screen.Height || got.Width > c.screen.Width) {
			t.Errorf("%s: window %v larger than the screen %v", name, got, c.screen)
		}
	}
}

// The window opens at a size that fits a 1366×768 screen, maximised, and a size the user left
// on that screen is used the next time on that screen only.
func TestWindowSizeRememberedPerScreen(t *testing.T) {
	h := newHarness(t, false)
	screen := fyne.NewSize(1366, 728)
	maximised := 0
	h.u.deps.Screen = func() fyne.Size { return screen }
	h.u.deps.Maximise = func() { maximised++ }
	h.u.sizeWindow()
	if sz := h.win.Canvas().Size(); sz.Height > 728 || maximised != 1 {
		t.Fatalf("on 1366x768 the window is %v, maximised %d times", sz, maximised)
	}
	h.win.Resize(fyne.NewSize(1000, 600))
	h.u.rememberSize()
	h.u.sizeWindow()
	if sz := h.win.Canvas().Size(); sz != fyne.NewSize(1000, 600) {
		t.Errorf("remembered size not used: %v", sz)
	}
	screen = fyne.NewSize(1920, 1040)
	h.u.sizeWindow()
	if sz := h.win.Canvas().Size(); sz != fyne.NewSize(1280, 820) {
		t.Errorf("another screen took the laptop's size: %v", sz)
	}
}
