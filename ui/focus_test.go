package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Tab onto a radio group, a check group or a button below the visible part of the form
// scrolls it into view, as it does for entries and selects.
func TestTabScrollsEveryFocusableIntoView(t *testing.T) {
	for _, c := range []struct {
		programme, section string
		want               func(fyne.Focusable) bool
		what               string
	}{
		{"shanxi-hightech-2019", "registration", isRadio, "a 是/否 question"},
		{"hebei-techreform-2019", "conditions", isCheck, "a check group"},
		{"shanxi-hightech-2019", "intellectual_property", isButton, "a table's button"},
	} {
		t.Run(c.section, func(t *testing.T) {
			h := newHarness(t, false)
			h.win.Resize(fyne.NewSize(1366, 520))
			ed := openEmptyDossier(t, h, c.programme)
			h.section(c.section)
			if c.section == "intellectual_property" {
				for i := 0; i < 3; i++ {
					test.Tap(h.view("ip").table.add)
				}
			}
			canvas := h.win.Canvas()
			canvas.Unfocus()
			ed.scroll.ScrollToOffset(fyne.NewPos(0, 0))
			reached := false
			for n := 0; n < 400 && !reached; n++ {
				// Each Tab starts from the top of the form, so whatever it reaches lower down
				// has to be scrolled to.
				ed.scroll.ScrollToOffset(fyne.NewPos(0, 0))
				canvas.FocusNext()
				o, ok := canvas.Focused().(fyne.CanvasObject)
				if !ok || !inside(ed.scroll.Content, o) {
					continue
				}
				if !objectInView(ed, o) {
					t.Fatalf("Tab put the focus on a %T that is off-screen (offset %.0f)", o, ed.scroll.Offset.Y)
				}
				if c.want(canvas.Focused()) && ed.scroll.Offset.Y > 0 {
					reached = true
				}
			}
			if !reached {
				t.Fatalf("Tab never reached %s below the fold", c.what)
			}
		})
	}
}

func isRadio(f fyne.Focusable) bool  { _, ok := f.(*radioChoice); return ok }
func isCheck(f fyne.Focusable) bool  { _, ok := f.(*focusCheck); return ok }
func isButton(f fyne.Focusable) bool { _, ok := f.(*focusButton); return ok }

// inside reports whether o is in the tree under root.
func inside(root, o fyne.CanvasObject) bool {
	found := false
	walkObjects(root, func(x any) {
		if x == o {
			found = true
		}
	})
	return found
}

// objectInView reports whether o lies inside the visible part of the form.
func objectInView(ed *editor, o fyne.CanvasObject) bool {
	y, ok := offsetIn(ed.scroll.Content, o)
	if !ok {
		return false
	}
	top := ed.scroll.Offset.Y
	return y >= top && y+o.Size().Height <= top+ed.scroll.Size().Height
}
