package theme

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
