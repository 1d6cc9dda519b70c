package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// The first window fits the screen it opens on: an office laptop's 1366×768 screen is lower
// than the 1280×820 window Dossier used to open, which hid the 撤销 bar below the screen.
const (
	defaultWidth  = 1280 // the window on a large screen
	defaultHeight = 820
	// unknownHeight fits a 1366×768 screen minus a taskbar and a title bar, when the screen
	// size cannot be told (the test driver, a platform Fyne does not report).
	unknownHeight = 680
	// smallScreen: a work area this low (or lower) opens maximised.
	smallScreen = 768
	// frame is what the window manager adds around the content (title bar, borders).
	frameWidth  = 16
	frameHeight = 40
)

// windowSize is the size of the first window for a screen whose work area (screen minus
// taskbar, in Fyne units) is screen (zero when unknown), given the size saved the last time
// the app closed on a screen of that size (zero when none). It also says whether the window
// should be maximised.
func windowSize(screen, saved fyne.Size) (size fyne.Size, maximise bool) {
	if screen.Width <= 0 || screen.Height <= 0 {
		size = fyne.NewSize(defaultWidth, unknownHeight)
		if saved.Width > 200 && saved.Height > 200 {
			size = saved.Min(fyne.NewSize(defaultWidth, unknownHeight))
		}
		return size, false
	}
	fit := fyne.NewSize(screen.Width-frameWidth, screen.Height-frameHeight)
	if saved.Width > 200 && saved.Height > 200 {
		return saved.Min(fit), false
	}
	if screen.Height <= smallScreen {
		return fit, true
	}
	return fyne.NewSize(defaultWidth, defaultHeight).Min(fit), false
}

// screenKey names the preferences that remember the window size on screens of one size.
func screenKey(screen fyne.Size) string {
	if screen.Width <= 0 || screen.Height <= 0 {
		return "window.any"
	}
	return fmt.Sprintf("window.%dx%d", int(screen.Width), int(screen.Height))
}

// screen is the work area the window opens on, zero when unknown.
func (u *UI) screen() fyne.Size {
	if u.deps.Screen == nil {
		return fyne.Size{}
	}
	return u.deps.Screen()
}

// sizeWindow gives the window its first size (see windowSize) and maximises it on a small
// screen.
func (u *UI) sizeWindow() {
	p := u.app.Preferences()
	key := screenKey(u.screen())
	saved := fyne.NewSize(float32(p.Float(key+prefWindowWidth)), float32(p.Float(key+prefWindowHeight)))
	size, max := windowSize(u.screen(), saved)
	u.win.Resize(size)
	if max && u.deps.Maximise != nil {
		u.deps.Maximise()
	}
}

// rememberSize saves the window size for the screen it is on.
func (u *UI) rememberSize() {
	sz := u.win.Canvas().Size()
	if sz.Width > 200 && sz.Height > 200 {
		key := screenKey(u.screen())
		u.app.Preferences().SetFloat(key+prefWindowWidth, float64(sz.Width))
		u.app.Preferences().SetFloat(key+prefWindowHeight, float64(sz.Height))
	}
}
