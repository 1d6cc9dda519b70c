package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// While the user types in a field its message neither appears nor vanishes (that pushed the
// fields below up and down); it follows once the user leaves the field.
func TestMessageWaitsUntilFieldLeft(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.section("contact")
	v := h.view("enterprise.email")
	c := h.win.Canvas()
	height := v.obj.MinSize().Height
	c.Focus(v.focus)
	v.input.(*widget.Entry).SetText("")
	typeFocused(c, "not-an-email")
	if v.msg.Visible() || v.obj.MinSize().Height != height {
		t.Fatalf("while typing: message %q shown, block %.0f → %.0f high", v.msg.Text, height, v.obj.MinSize().Height)
	}
	c.Unfocus()
	if !v.msg.Visible() || v.msg.Text == "" {
		t.Fatal("no message after leaving the field with a bad e-mail")
	}
	// Fixing it: the message stays put while typing and goes on leaving.
	c.Focus(v.focus)
	v.input.(*widget.Entry).SetText("")
	typeFocused(c, "info@example.cn")
	if !v.msg.Visible() {
		t.Error("the message vanished while typing")
	}
	c.Unfocus()
	if v.msg.Visible() {
		t.Errorf("message %q after the fix", v.msg.Text)
	}
}

// A number the form cannot read says what is wrong, never also "未填写".
func TestFormatErrorWithoutSecondUnfilledLine(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.section("identity")
	h.typeIn("enterprise.employees", "35.5")
	msg := h.message("enterprise.employees")
	if msg == "" || strings.Contains(msg, "未填写") || strings.Count(msg, "\n") > 0 {
		t.Errorf("message for 35.5 in an integer field: %q", msg)
	}
	h.typeIn("enterprise.employees", "")
	if msg := h.message("enterprise.employees"); msg != "未填写" {
		t.Errorf("emptied field says %q", msg)
	}
}

// typeFocused types into whatever has the focus, key by key, as the window does.
func typeFocused(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}
