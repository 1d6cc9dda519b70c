package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entries read what people type through the programme's parser (programme.Field.Parse): a
// date typed 2019/5/20 or 2019年5月20日 reads back 2019-05-20, "2500万" in a 万元 field is
// 2,500.00, full-width digits in an integer field become digits, and the date picker opens on
// a date however it was typed.
func TestEntriesParsedByProgramme(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	c := h.win.Canvas()
	leave := func(path, typed string) string {
		t.Helper()
		v := h.view(path)
		c.Focus(v.focus)
		v.input.(*widget.Entry).SetText("")
		typeFocused(c, typed)
		c.Unfocus()
		return v.input.(*widget.Entry).Text
	}
	h.section("identity")
	for _, typed := range []string{"2019/5/20", "2019年5月20日", "2019.5.20"} {
		if got := leave("enterprise.registered_on", typed); got != "2019-05-20" {
			t.Errorf("date typed %s shows %q after leaving, want 2019-05-20", typed, got)
		}
	}
	if got := h.editor().sess.Get("enterprise.registered_on"); got != "2019-05-20" {
		t.Errorf("session holds %q", got)
	}
	leave("enterprise.registered_on", "2015年6月18日")
	test.Tap(iconButton(t, h.view("enterprise.registered_on").obj, theme.CalendarIcon().Name()))
	if p := h.editor().form.picker; p.year.Selected != "2015年" || p.month.Selected != "6月" {
		t.Errorf("picker opens at %s%s for 2015年6月18日", p.year.Selected, p.month.Selected)
	}
	c.Overlays().Remove(c.Overlays().Top())
	if got := leave("enterprise.registered_on", "2019/13/40"); got != "2019/13/40" {
		t.Errorf("a wrong date was rewritten to %q", got)
	}
	if got := leave("enterprise.employees", "３５"); got != "35" {
		t.Errorf("full-width 35 shows %q", got)
	}
	h.section("project")
	if got := leave("total_investment", "2500万"); got != "2,500.00" {
		t.Errorf("2500万 in a 万元 field shows %q, want 2,500.00", got)
	}
}
