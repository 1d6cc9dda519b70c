package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The date picker reaches 2015 with a year choice and a month choice, says 年/月 in its header,
// and writes the picked day into the field as YYYY-MM-DD.
func TestDatePickerYearMonth(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	h.section("identity")
	v := h.view("enterprise.registered_on")
	test.Tap(iconButton(t, v.obj, theme.CalendarIcon().Name()))
	p := ed.form.picker
	if p == nil {
		t.Fatal("no date picker")
	}
	if p.year.Selected != "2009年" || p.month.Selected != "3月" {
		t.Errorf("picker opens at %s%s for the field's 2009-03-16", p.year.Selected, p.month.Selected)
	}
	p.year.SetSelected("2015年")
	p.month.SetSelected("6月")
	var day *widget.Button
	for _, o := range p.days.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "18" {
			day = b
		}
	}
	if day == nil {
		t.Fatal("no day 18 in June 2015")
	}
	test.Tap(day)
	if got := v.input.(*widget.Entry).Text; got != "2015-06-18" {
		t.Errorf("picked 2015-06-18, the field reads %q", got)
	}
	// June 2015 began on a Monday: no blank before the 1st under 一.
	p.show(p.shown)
	if first := p.days.Objects[7]; first.(*widget.Button).Text != "1" {
		t.Errorf("June 2015 does not start on Monday")
	}
}
