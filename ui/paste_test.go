package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Rows copied from Excel fill a table: columns in order, each cell read like a typed one
// (dates, options by label), a cell with a new line between quotes, and the cells that cannot
// be read reported by row and column while the rest is kept.
func TestPasteRowsFromExcel(t *testing.T) {
	h := newHarness(t, false)
	ed := openEmptyDossier(t, h, "shanxi-hightech-2019")
	h.section("intellectual_property")
	ip := h.view("ip").table
	test.Tap(ip.add)
	h.typeIn("ip[0].name", "已有的一行")
	before := ed.sess.Changes()
	h.u.app.Clipboard().SetContent("\"一种采煤机\r\n控制方法\"\t发明专利\tⅠ类\tZL201810000001\t2018/3/5\t自主研发\r\n" +
		"监测软件\t软件著作权\tⅡ类\t2019SR000002\t2019年13月1日\t买的\r\n")
	test.Tap(ip.paste)
	if n := ed.sess.Rows("ip"); n != 3 {
		t.Fatalf("%d rows after pasting two", n)
	}
	if ed.sess.Changes() == before {
		t.Error("the paste is not a change (autosave would miss it)")
	}
	if got := ed.sess.Get("ip[1].name"); got != "一种采煤机 控制方法" {
		t.Errorf("quoted cell: %q", got)
	}
	ip = h.view("ip").table
	if got := h.view("ip[1].granted_on").input.(*widget.Entry).Text; got != "2018-03-05" {
		t.Errorf("IP02 授权日期 shows %q", got)
	}
	if got := h.view("ip[2].kind").input.(*widget.Select).Selected; got != "软件著作权" {
		t.Errorf("IP03 类型 shows %q", got)
	}
	if got := ed.sess.Get("ip[2].number"); got != "2019SR000002" {
		t.Errorf("IP03 授权号 %q", got)
	}
	report := strings.Join(ip.lastPaste, "\n")
	for _, want := range []string{"IP03 · 授权日期：", "IP03 · 获得方式：", "已粘贴2行"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "IP03 · 授权日期") {
		t.Error("no dialog tells which cells were not read")
	}
}
