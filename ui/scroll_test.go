package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// tallSection shows a section of the demo whose form is much taller than the window and
// returns its entry fields, top to bottom.
func tallSection(h *harness) []*fieldView {
	h.t.Helper()
	ed := h.editor()
	for _, i := range ed.visible {
		ed.showSection(i)
		ed.scroll.layoutNow()
		if ed.scroll.Content.MinSize().Height < 1.6*ed.scroll.Size().Height {
			continue
		}
		var out []*fieldView
		for _, v := range ed.form.views {
			if _, ok := v.input.(*widget.Entry); ok && v.obj.Visible() {
				out = append(out, v)
			}
		}
		if len(out) > 4 {
			return out
		}
	}
	h.t.Fatal("no tall section in the demo")
	return nil
}

// The wheel over an entry scrolls the form (the entry's own scroller swallowed it), three
// lines per notch.
func TestWheelOverEntryScrollsForm(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := h.editor()
	views := tallSection(h)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(widgetOf(views[0])).Add(fyne.NewPos(20, 10))
	test.Scroll(h.win.Canvas(), pos, 0, -wheelNotch)
	if got := ed.scroll.Offset.Y; got != wheelNotch*wheelFactor {
		t.Fatalf("one notch over an entry moved the form by %.0f, want %d", got, wheelNotch*wheelFactor)
	}
}

// Tab into a field below the visible part scrolls it into view.
func TestTabScrollsFocusedFieldIntoView(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := h.editor()
	views := tallSection(h)
	c := h.win.Canvas()
	c.Focus(views[0].focus)
	last := views[len(views)-1]
	for n := 0; n < 200 && c.Focused() != last.focus; n++ {
		c.FocusNext()
		if v := focusedView(ed, c.Focused()); v != nil && !inView(ed, v) {
			t.Fatalf("Tab put the cursor into %s, which is off-screen (offset %.0f)", v.path, ed.scroll.Offset.Y)
		}
	}
	if c.Focused() != last.focus {
		t.Fatal("Tab never reached the last field")
	}
	if ed.scroll.Offset.Y == 0 {
		t.Error("the form never scrolled")
	}
}

// A jump from 检查 to a field far down the section shows it.
func TestReviewJumpShowsField(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := h.editor()
	views := tallSection(h)
	last := views[len(views)-1]
	ed.showSection(0)
	ed.jumpTo(last.path)
	v := ed.form.view(last.path)
	if ed.scroll.Offset.Y == 0 || !inView(ed, v) {
		t.Errorf("after the jump to %s the offset is %.0f; field off-screen", last.path, ed.scroll.Offset.Y)
	}
	if h.win.Canvas().Focused() != v.focus {
		t.Error("the jumped-to field has no focus")
	}
}

func focusedView(ed *editor, f fyne.Focusable) *fieldView {
	for _, v := range ed.form.views {
		if v.focus == f && f != nil {
			return v
		}
	}
	return nil
}

// inView reports whether the field's input lies inside the visible part of the form.
func inView(ed *editor, v *fieldView) bool {
	o := widgetOf(v)
	y, ok := offsetIn(ed.scroll.Content, o)
	if !ok {
		return false
	}
	top := ed.scroll.Offset.Y
	return y >= top && y+o.Size().Height <= top+ed.scroll.Size().Height
}

// widgetOf is the field's input as it sits in the window (v.input may be the *widget.Entry
// embedded in the form's own entry type, which the driver does not find in the tree).
func widgetOf(v *fieldView) fyne.CanvasObject {
	if o, ok := v.focus.(fyne.CanvasObject); ok {
		return o
	}
	return v.input
}
