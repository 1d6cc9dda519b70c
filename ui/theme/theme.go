// Package theme is Dossier's Fyne theme: Fyne's default theme (so light and dark follow the
// system) with the embedded Noto Sans CJK SC face (assets.Hei) for all text, so that Chinese never shows
// as replacement boxes on a machine without CJK fonts (STACK.md, Fyne).
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"dossier/assets"
)

// hei is the embedded Hei (sans) face; Fyne falls back to its own font for glyphs it lacks.
var hei = fyne.NewStaticResource("noto-sans-sc.ttf", assets.Hei())

// Theme wraps Fyne's default theme and replaces its text font.
type Theme struct {
	fyne.Theme
}

// New returns the theme.
func New() *Theme { return &Theme{Theme: fynetheme.DefaultTheme()} }

// Font returns the embedded Hei font for every text style except monospace and symbols, which
// keep Fyne's own fonts (the Hei face has no bold or italic: Fyne draws those with the regular
// face, which reads better than a faked bold of a CJK font).
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return hei
}

// Color is the default theme's, named here so the wrapper satisfies fyne.Theme explicitly.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}

// HeiFont is the font resource the theme uses, for widgets that need it directly.
func HeiFont() fyne.Resource { return hei }
