package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Whatever gets the focus on the form is scrolled into view (Tab, a jump from 检查). Entries
// and selects say so themselves (fieldEntry, fieldSelect); Fyne's radio and check groups give
// the focus to items of theirs that tell nobody, so the form builds its groups from items that
// do (fieldRadio, fieldChecks), and its buttons are focusButtons.

// focusButton is a button that calls onFocus when it gets the focus.
type focusButton struct {
	widget.Button
	onFocus func()
}

// button makes a button of the form that scrolls into view when it gets the focus.
func (f *form) button(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *focusButton {
	b := &focusButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, importance, tapped
	b.ExtendBaseWidget(b)
	b.onFocus = func() { f.revealObject(b) }
	return b
}

// FocusGained shows the button.
func (b *focusButton) FocusGained() {
	b.Button.FocusGained()
	if b.onFocus != nil {
		b.onFocus()
	}
}

// revealObject scrolls o (a button, inside the form) into view.
func (f *form) revealObject(o fyne.CanvasObject) {
	if f.scroll != nil {
		f.scroll.reveal(o)
	}
}

// fieldRadio is a row of radio items, as widget.RadioGroup (Horizontal, not Required) draws
// them; tapping the chosen item again clears the choice (OnChanged("")).
type fieldRadio struct {
	widget.BaseWidget
	Options   []string
	Selected  string
	OnChanged func(string)
	onFocus   func()
	items     []*radioChoice
}

func newFieldRadio(options []string, onFocus func()) *fieldRadio {
	r := &fieldRadio{Options: options, onFocus: onFocus}
	for _, o := range options {
		item := &radioChoice{label: o, group: r}
		item.ExtendBaseWidget(item)
		r.items = append(r.items, item)
	}
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected chooses an option ("" for none) and reports it, as RadioGroup.SetSelected does.
func (r *fieldRadio) SetSelected(option string) {
	if r.Selected == option {
		return
	}
	r.Selected = option
	if r.OnChanged != nil {
		r.OnChanged(option)
	}
	r.Refresh()
}

func (r *fieldRadio) tapped(item *radioChoice) {
	if r.Selected == item.label {
		r.SetSelected("")
		return
	}
	r.SetSelected(item.label)
}

// Refresh shows the choice.
func (r *fieldRadio) Refresh() {
	for _, it := range r.items {
		it.Refresh()
	}
	r.BaseWidget.Refresh()
}

// CreateRenderer lays the items out side by side, each as wide as the widest.
func (r *fieldRadio) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(r.items))
	for i, it := range r.items {
		objs[i] = it
	}
	return widget.NewSimpleRenderer(&fyne.Container{Layout: cells{horizontal: true}, Objects: objs})
}

// radioChoice is one item of a fieldRadio, drawn as Fyne's radio items are.
type radioChoice struct {
	widget.BaseWidget
	label            string
	group            *fieldRadio
	focused, hovered bool
}

// Tapped chooses the item.
func (i *radioChoice) Tapped(*fyne.PointEvent) {
	if !i.focused && !fyne.CurrentDevice().IsMobile() {
		if c := fyne.CurrentApp().Driver().CanvasForObject(i); c != nil {
			c.Focus(i)
		}
	}
	i.group.tapped(i)
}

// FocusGained shows the item's focus and scrolls its field into view.
func (i *radioChoice) FocusGained() {
	i.focused = true
	i.Refresh()
	if i.group.onFocus != nil {
		i.group.onFocus()
	}
}

// FocusLost hides the item's focus.
func (i *radioChoice) FocusLost() {
	i.focused = false
	i.Refresh()
}

// TypedRune chooses the item on Space.
func (i *radioChoice) TypedRune(r rune) {
	if r == ' ' {
		i.group.tapped(i)
	}
}

// TypedKey does nothing.
func (i *radioChoice) TypedKey(*fyne.KeyEvent) {}

// MouseIn shows the hover.
func (i *radioChoice) MouseIn(*desktop.MouseEvent) { i.hovered = true; i.Refresh() }

// MouseMoved does nothing.
func (i *radioChoice) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the hover.
func (i *radioChoice) MouseOut() { i.hovered = false; i.Refresh() }

// CreateRenderer draws the focus circle, the radio icon and the label.
func (i *radioChoice) CreateRenderer() fyne.WidgetRenderer {
	r := &radioChoiceRenderer{item: i, label: &canvas.Text{}}
	r.objects = []fyne.CanvasObject{&r.focus, &r.icon, &r.over, r.label}
	r.Refresh()
	return r
}

type radioChoiceRenderer struct {
	item       *radioChoice
	focus      canvas.Circle
	icon, over canvas.Image
	label      *canvas.Text
	objects    []fyne.CanvasObject
}

func (r *radioChoiceRenderer) Layout(size fyne.Size) {
	th := r.item.Theme()
	inner, border, icon := th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameInputBorder), th.Size(theme.SizeNameInlineIcon)
	focus := fyne.NewSquareSize(icon + inner)
	r.focus.Resize(focus)
	r.focus.Move(fyne.NewPos(border, (size.Height-focus.Height)/2))
	r.label.Resize(size)
	r.label.Move(fyne.NewPos(focus.Width+th.Size(theme.SizeNamePadding), 0))
	pos := fyne.NewPos(inner/2+border, (size.Height-icon)/2)
	for _, img := range []*canvas.Image{&r.icon, &r.over} {
		img.Resize(fyne.NewSquareSize(icon))
		img.Move(pos)
	}
}

func (r *radioChoiceRenderer) MinSize() fyne.Size {
	th := r.item.Theme()
	pad := th.Size(theme.SizeNameInnerPadding) * 2
	return r.label.MinSize().AddWidthHeight(pad+th.Size(theme.SizeNameInlineIcon)+th.Size(theme.SizeNamePadding), pad)
}

func (r *radioChoiceRenderer) Refresh() {
	th := r.item.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.label.Text, r.label.TextSize = r.item.label, th.Size(theme.SizeNameText)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	out := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
	in := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
	out.ColorName, in.ColorName = theme.ColorNameInputBorder, theme.ColorNameInputBackground
	if r.item.group.Selected == r.item.label {
		out.ColorName, in.ColorName = theme.ColorNameForeground, theme.ColorNamePrimary
	}
	r.icon.Resource, r.over.Resource = in, out
	r.icon.Refresh()
	r.over.Refresh()
	switch {
	case r.item.focused:
		r.focus.FillColor = th.Color(theme.ColorNameFocus, v)
	case r.item.hovered:
		r.focus.FillColor = th.Color(theme.ColorNameHover, v)
	default:
		r.focus.FillColor = color.Transparent
	}
	r.focus.Refresh()
	r.label.Refresh()
}

func (r *radioChoiceRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *radioChoiceRenderer) Destroy()                     {}

// fieldChecks is a column of check boxes, as widget.CheckGroup draws them, whose boxes scroll
// their field into view when they get the focus.
type fieldChecks struct {
	widget.BaseWidget
	Options   []string
	Selected  []string
	OnChanged func([]string)
	items     []*focusCheck
}

func newFieldChecks(options, selected []string, onFocus func()) *fieldChecks {
	g := &fieldChecks{Options: options, Selected: selected}
	have := map[string]bool{}
	for _, s := range selected {
		have[s] = true
	}
	for _, o := range options {
		c := &focusCheck{onFocus: onFocus}
		c.Text, c.Checked = o, have[o]
		c.OnChanged = func(bool) { g.changed() }
		c.ExtendBaseWidget(c)
		g.items = append(g.items, c)
	}
	g.ExtendBaseWidget(g)
	return g
}

func (g *fieldChecks) changed() {
	g.Selected = g.Selected[:0:0]
	for _, c := range g.items {
		if c.Checked {
			g.Selected = append(g.Selected, c.Text)
		}
	}
	if g.OnChanged != nil {
		g.OnChanged(g.Selected)
	}
}

// CreateRenderer stacks the boxes, each as tall as the tallest.
func (g *fieldChecks) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(g.items))
	for i, c := range g.items {
		objs[i] = c
	}
	return widget.NewSimpleRenderer(&fyne.Container{Layout: cells{}, Objects: objs})
}

// focusCheck is a check box that calls onFocus when it gets the focus.
type focusCheck struct {
	widget.Check
	onFocus func()
}

// FocusGained shows the box's field.
func (c *focusCheck) FocusGained() {
	c.Check.FocusGained()
	if c.onFocus != nil {
		c.onFocus()
	}
}

// cells lays objects out in a row (or a column) of equal cells without gaps, as Fyne's radio
// and check groups do.
type cells struct{ horizontal bool }

func (l cells) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	if len(objs) == 0 {
		return
	}
	n := float32(len(objs))
	min := l.MinSize(objs) // as Fyne's groups: items at their size, not stretched to the row
	cell := fyne.NewSize(min.Width, min.Height/n)
	if l.horizontal {
		cell = fyne.NewSize(min.Width/n, min.Height)
	}
	for i, o := range objs {
		o.Resize(cell)
		if l.horizontal {
			o.Move(fyne.NewPos(float32(i)*cell.Width, 0))
		} else {
			o.Move(fyne.NewPos(0, float32(i)*cell.Height))
		}
	}
}

func (l cells) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	if l.horizontal {
		return fyne.NewSize(w*float32(len(objs)), h)
	}
	return fyne.NewSize(w, h*float32(len(objs)))
}
