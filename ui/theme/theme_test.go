package theme

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
)

func TestFontIsHei(t *testing.T) {
	th := New()
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
		if th.Font(s) != hei {
			t.Errorf("style %+v does not use the Hei font", s)
		}
	}
	if th.Font(fyne.TextStyle{Monospace: true}) == hei {
		t.Error("monospace should keep the default font")
	}
	if len(hei.Content()) < 1<<20 {
		t.Error("embedded font missing")
	}
}

// Chinese text measured with the theme has real glyph widths (a missing font would still
// measure, so compare against the advance of the default font's replacement box).
func TestChineseRenders(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New())
	size, _ := fyne.CurrentApp().Driver().RenderedTextSize("统一社会信用代码", 14, fyne.TextStyle{}, hei)
	if size.Width < 14*7 {
		t.Errorf("8 hanzi measure %.0f wide at 14pt", size.Width)
	}
}

// Text the user must read meets WCAG AA (4.5:1) against what it is drawn on, in both variants.
func TestTextContrastAA(t *testing.T) {
	th := New()
	pairs := []struct{ text, on fyne.ThemeColorName }{
		{fynetheme.ColorNameForeground, fynetheme.ColorNameBackground},
		{fynetheme.ColorNameDisabled, fynetheme.ColorNameBackground}, // help, counters, 已保存
		{fynetheme.ColorNamePlaceHolder, fynetheme.ColorNameInputBackground},
		{fynetheme.ColorNameForeground, fynetheme.ColorNameInputBackground},
		{fynetheme.ColorNameSuccess, fynetheme.ColorNameBackground}, // ✓ headings
		{fynetheme.ColorNameError, fynetheme.ColorNameBackground},   // messages under fields
		{fynetheme.ColorNameWarning, fynetheme.ColorNameBackground},
	}
	for _, v := range []fyne.ThemeVariant{fynetheme.VariantDark, fynetheme.VariantLight} {
		for _, p := range pairs {
			if r := contrast(th.Color(p.text, v), th.Color(p.on, v)); r < 4.5 {
				t.Errorf("variant %d: %s on %s is %.2f:1, want at least 4.5:1", v, p.text, p.on, r)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func TestContrastFormula(t *testing.T) {
	if r := contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white %.2f", r)
	}
	// The measure of the default dark theme's help text.
	if r := contrast(color.NRGBA{0x39, 0x39, 0x3a, 0xff}, color.NRGBA{0x17, 0x17, 0x18, 0xff}); math.Abs(r-1.55) > 0.02 {
		t.Errorf("#39393A on #171718 is %.2f, the issue measured 1.55", r)
	}
}
