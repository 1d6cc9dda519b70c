package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Moving IP02 above IP01 with its ↑ button keeps the RD row's reference on the same 知识产权;
// cards are named by their numbers; 删除本行 asks first.
func TestReferenceFollowsMovedRow(t *testing.T) {
	h := newHarness(t, false)
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := openEmptyDossier(t, h, "shanxi-hightech-2019")
	h.section("intellectual_property")
	ip := h.view("ip").table
	test.Tap(ip.add)
	test.Tap(ip.add)
	h.typeIn("ip[0].name", "一种采煤机控制方法")
	h.typeIn("ip[1].name", "液压支架监测系统")
	if got := labelTexts(ip.rows.Objects[1]); !containsLine(got, "IP02") {
		t.Fatalf("second card is not called IP02:\n%s", got)
	}
	h.section("research")
	test.Tap(h.view("rd").table.add)
	h.typeIn("rd[0].ip_refs", "IP02")

	h.section("intellectual_property")
	ip = h.view("ip").table
	test.Tap(iconButton(t, ip.rows.Objects[1], theme.MoveUpIcon().Name()))
	if got := ed.sess.Get("ip[0].name"); got != "液压支架监测系统" {
		t.Fatalf("row 0 after the move: %q", got)
	}
	h.section("research")
	if got := h.view("rd[0].ip_refs").input.(*widget.Entry).Text; got != "IP01" {
		t.Errorf("the RD row refers to %q after its IP moved to IP01", got)
	}

	// 删除本行 asks; 取消 keeps the row, 删除 deletes it and the reference to it.
	h.section("intellectual_property")
	ip = h.view("ip").table
	test.Tap(findButton(t, ip.rows.Objects[0], "删除本行"))
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("删除本行 deleted without asking")
	}
	test.Tap(findButton(t, top, "删除"))
	if n := ed.sess.Rows("ip"); n != 1 {
		t.Fatalf("%d rows after the delete", n)
	}
	if got := ed.sess.Get("rd[0].ip_refs"); got != "" {
		t.Errorf("the reference to the deleted IP is still %q", got)
	}
}

func containsLine(text, line string) bool {
	for _, l := range splitLines(text) {
		if l == line {
			return true
		}
	}
	return false
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// iconButton finds the button under root whose icon has the name.
func iconButton(t *testing.T, root fyne.CanvasObject, icon string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(root, func(o any) {
		b, ok := o.(*widget.Button)
		if fb, isForm := o.(*focusButton); isForm {
			b, ok = &fb.Button, true
		}
		if ok && found == nil && b.Icon != nil && b.Icon.Name() == icon {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button with icon %s", icon)
	}
	return found
}
