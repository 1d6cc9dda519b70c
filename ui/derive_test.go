package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Choosing an IP's 类型 fills in its 类别 (shown as filled in, with 撤销); a 类别 the user chose
// differently stays, and the check says it does not match.
func TestKindFillsClass(t *testing.T) {
	h := newHarness(t, false)
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := openEmptyDossier(t, h, "shanxi-hightech-2019")
	h.section("intellectual_property")
	test.Tap(h.view("ip").table.add)
	class := h.view("ip[0].class")
	sel := class.input.(*widget.Select)

	h.choose("ip[0].kind", "发明专利")
	if sel.Selected != "Ⅰ类" || ed.sess.Get("ip[0].class") != "I" {
		t.Fatalf("类别 after 发明专利: shown %q, stored %q", sel.Selected, ed.sess.Get("ip[0].class"))
	}
	if !class.note.obj.Visible() || class.note.label.Text != "已按类型填入：Ⅰ类" {
		t.Fatalf("no note that 类别 was filled in: %v %q", class.note.obj.Visible(), class.note.label.Text)
	}
	// 撤销 puts back the empty 类别.
	test.Tap(class.note.undo)
	if sel.Selected != "" || ed.sess.Get("ip[0].class") != "" || class.note.obj.Visible() {
		t.Fatalf("after 撤销: shown %q, stored %q, note %v", sel.Selected, ed.sess.Get("ip[0].class"), class.note.obj.Visible())
	}
	// Empty again, it follows the next change of 类型.
	h.choose("ip[0].kind", "实用新型专利")
	if sel.Selected != "Ⅱ类" {
		t.Fatalf("类别 after 实用新型专利: %q", sel.Selected)
	}
	// The user's own different choice is kept, and warned of.
	h.choose("ip[0].class", "Ⅰ类")
	if class.note.obj.Visible() {
		t.Error("the note stays after the user chose 类别 themselves")
	}
	h.choose("ip[0].kind", "软件著作权")
	if sel.Selected != "Ⅰ类" || ed.sess.Get("ip[0].class") != "I" {
		t.Fatalf("a deliberate 类别 was replaced: %q", sel.Selected)
	}
	ed.form.update()
	if msg := h.message("ip[0].class"); !strings.Contains(msg, "类别与类型不符") {
		t.Errorf("the kept 类别's message: %q", msg)
	}
}
