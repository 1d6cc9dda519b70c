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

// Color is the default theme's, except for text colours that read too faintly in it: help
// text, counters and 已保存 (drawn in the "disabled" colour, 1.55:1 on the dark background),
// hints in entries, and the green, red and orange of ✓ headings and messages in the light
// theme (1.48:1 for green on white). These meet WCAG AA, 4.5:1 (theme_test.go measures it).
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := readable[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// readable are the colours that replace the default theme's, by variant.
var readable = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	fynetheme.VariantDark: {
		fynetheme.ColorNameDisabled: color.NRGBA{R: 0x8c, G: 0x8c, B: 0x92, A: 0xff},
	},
	fynetheme.VariantLight: {
		fynetheme.ColorNameDisabled:    color.NRGBA{R: 0x6e, G: 0x6e, B: 0x73, A: 0xff},
		fynetheme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		fynetheme.ColorNameSuccess:     color.NRGBA{R: 0x1e, G: 0x7b, B: 0x34, A: 0xff},
		fynetheme.ColorNameError:       color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		fynetheme.ColorNameWarning:     color.NRGBA{R: 0xa8, G: 0x58, B: 0x00, A: 0xff},
	},
}

// HeiFont is the font resource the theme uses, for widgets that need it directly.
func HeiFont() fyne.Resource { return hei }
