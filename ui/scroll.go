package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelNotch is how far one notch of the mouse wheel moves the form: three lines of text.
// Fyne's desktop driver turns a notch into 25 units, the height of about one line.
const (
	wheelNotch  = 25
	wheelFactor = 3
)

// formScroll is the form's vertical scroller: a container.Scroll that moves three lines per
// wheel notch, and that entries pass the wheel on to (see wheelPass).
type formScroll struct {
	container.Scroll
}

func newFormScroll(content fyne.CanvasObject) *formScroll {
	s := &formScroll{}
	s.Direction = container.ScrollVerticalOnly
	s.Content = content
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled moves the form three lines per notch.
func (s *formScroll) Scrolled(ev *fyne.ScrollEvent) {
	faster := *ev
	faster.Scrolled.DX *= wheelFactor
	faster.Scrolled.DY *= wheelFactor
	s.Scroll.Scrolled(&faster)
}

// reveal scrolls as little as needed for o (inside the content) to be fully visible, or its
// top to be visible when it is taller than the view (fyne-io/fyne: focus does not scroll).
func (s *formScroll) reveal(o fyne.CanvasObject) {
	if s.Content == nil || !o.Visible() {
		return
	}
	s.layoutNow()
	y, ok := offsetIn(s.Content, o)
	if !ok {
		return
	}
	const margin = 8
	top, h, view := s.Offset.Y, o.Size().Height, s.Size().Height
	switch {
	case y-margin < top || h+2*margin > view:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, y-margin))
	case y+h+margin > top+view:
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, y+h+margin-view))
	}
}

// layoutNow lays the content out at its current width, so that positions of widgets just
// built are known before the next frame.
func (s *formScroll) layoutNow() {
	min := s.Content.MinSize()
	w := s.Size().Width
	if w < min.Width {
		w = min.Width
	}
	if s.Content.Size().Height != min.Height || s.Content.Size().Width != w {
		s.Content.Resize(fyne.NewSize(w, min.Height))
	}
}

// offsetIn is the y position of o inside root (root's content laid out, o in the window).
func offsetIn(root, o fyne.CanvasObject) (float32, bool) {
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(o) == nil {
		return 0, false
	}
	return d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(root).Y, true
}

// wheelPass lies over an entry and hands the mouse wheel to the form: an entry's own inner
// scroller would swallow it, so the form did not move while the pointer was over a field
// (fyne-io/fyne#1939). It takes no taps, hovers or drags, so the entry underneath gets them.
// Over a focused multi-line entry it steps aside, so a long text can scroll inside its box.
type wheelPass struct {
	widget.BaseWidget
	target func() fyne.Scrollable
}

func newWheelPass(target func() fyne.Scrollable) *wheelPass {
	p := &wheelPass{target: target}
	p.ExtendBaseWidget(p)
	return p
}

// Scrolled passes the wheel to the form.
func (p *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if t := p.target(); t != nil {
		t.Scrolled(ev)
	}
}

// CreateRenderer draws nothing.
func (p *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// MinSize is zero: the entry sets the size.
func (p *wheelPass) MinSize() fyne.Size { return fyne.Size{} }
