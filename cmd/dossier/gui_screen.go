//go:build !ci

package main

import (
	"math"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Fyne reports no screen size, so the work area comes from GLFW, which Fyne has initialised
// by the time its first window exists (on the main thread, where main runs).

// workArea is the primary monitor's work area (screen minus taskbar) in Fyne units, using the
// scale Fyne itself will pick (its DPI detection times FYNE_SCALE or the user's setting);
// zero when GLFW knows no monitor.
func workArea(a fyne.App) fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	s := detectedScale(m) * userScale(a)
	s = float32(math.Round(float64(s*10)) / 10)
	if s <= 0 {
		s = 1
	}
	return fyne.NewSize(float32(w)/s, float32(h)/s)
}

// detectedScale follows Fyne's glfw driver (scale.go): the monitor's DPI over 120, at least 1.
func detectedScale(m *glfw.Monitor) float32 {
	mm, _ := m.GetPhysicalSize()
	mode := m.GetVideoMode()
	if mm <= 0 || mode == nil {
		return 1
	}
	dpi := float32(mode.Width) / (float32(mm) / 25.4)
	if dpi > 1000 || dpi < 10 {
		return 1
	}
	if s := dpi / 120; s > 1 {
		return s
	}
	return 1
}

func userScale(a fyne.App) float32 {
	if env := os.Getenv("FYNE_SCALE"); env != "" && env != "auto" {
		if s, err := strconv.ParseFloat(env, 32); err == nil && s > 0 {
			return float32(s)
		}
	}
	if s := a.Settings().Scale(); s > 0 {
		return s
	}
	return 1
}

// maximiseWhenShown maximises the window once it is on screen (Fyne has no call for it; its
// window is GLFW's current context on the main thread).
func maximiseWhenShown(a fyne.App) func() {
	return func() {
		prev := a.Lifecycle()
		prev.SetOnStarted(func() {
			if w := glfw.GetCurrentContext(); w != nil {
				w.Maximize()
			}
		})
	}
}
