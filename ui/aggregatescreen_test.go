package ui

import (
	"dossier/dossier/session"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/aggregate"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/validate"
)

// aggFolder is a folder to aggregate: the demo (a.json), the same enterprise's second project
// (b.json), the demo's own package (a duplicate), an ineligible enterprise (c.json) and a
// package whose data file was changed afterwards.
func aggFolder(t *testing.T, p *programme.Programme) string {
	t.Helper()
	dir := t.TempDir()
	demo := func(edit func(ent, ans map[string]any)) map[string]any {
		var m map[string]any
		if err := json.Unmarshal(p.Demo, &m); err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			edit(m["enterprise"].(map[string]any), m["answers"].(map[string]any))
		}
		return m
	}
	write := func(dir, name string, m map[string]any) string {
		b, _ := json.Marshal(m)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	other := func(n int, revenue float64) func(ent, ans map[string]any) {
		return func(ent, _ map[string]any) {
			first := fmt.Sprintf("91140105MA%07d", n)
			ent["name"] = fmt.Sprintf("山西第%d号装备有限公司", n)
			ent["credit_code"] = first + string(validate.CreditCheckChar(first))
			for _, r := range ent["finance"].([]any) {
				if row := r.(map[string]any); row["year"] == 2018.0 {
					row["main_revenue"] = revenue
				}
			}
		}
	}
	build := func(data, out string) {
		f, err := dossier.ReadFile(data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pack.Build(programme.Evaluate(p, f, testToday), pack.Options{Out: out, Now: testToday}); err != nil {
			t.Fatal(err)
		}
	}
	a := write(dir, "a.json", demo(nil))
	write(dir, "b.json", demo(func(_, ans map[string]any) {
		ans["project_name"] = "智能煤机装备第二期项目"
		ans["total_investment"] = 1000.5
	}))
	write(dir, "c.json", demo(other(2, 100)))
	build(a, filepath.Join(dir, "pkg-a"))
	tampered := filepath.Join(dir, "pkg-e")
	build(write(t.TempDir(), "e.json", demo(other(3, 5000))), tampered)
	if err := os.WriteFile(pack.FindDataFile(tampered), []byte(`{"format":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A folder with a duplicate, an ineligible and a tampered package: the 审核清单 lists every
// input with its verdict, the table holds the two that went in and the total (the 2018
// revenue of the enterprise with two projects once), and 保存 writes both sheets.
func TestAggregateScreen(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	h.u.showHome()
	tapButton(t, h, "汇总")
	a, ok := h.u.current.(*aggregateScreen)
	if !ok {
		t.Fatalf("current screen is %T", h.u.current)
	}
	p := h.u.deps.Programmes.Get(DemoProgramme)
	a.pick.SetSelected(session.ProgrammeName(p))
	a.useFolder(aggFolder(t, p))
	if len(a.inputs) != 5 || a.runBtn.Disabled() {
		t.Fatalf("inputs %v", a.inputs)
	}
	a.onRun()
	waitFor(t, 30*time.Second, func() bool { return closed(a.done) })
	want := map[string]string{"a.json": "纳入", "b.json": "纳入", "c.json": "不符合", "pkg-a": "重复", "pkg-e": "申报包被改动"}
	list := a.list
	verdictCol := len(a.checklist.Columns) - 2
	if list.rows() != 5 {
		t.Fatalf("审核清单 has %d rows", list.rows())
	}
	for row := 0; row < list.rows(); row++ {
		name := filepath.Base(list.text(row, 1))
		if got := list.text(row, verdictCol); got != want[name] {
			t.Errorf("%s: %s, want %s", name, got, want[name])
		}
		if want[name] != "纳入" && list.text(row, verdictCol+1) == "" {
			t.Errorf("%s: no reason", name)
		}
	}
	sum := a.summary
	if sum == nil || len(sum.sheet.Rows) != 2 || sum.rows() != 3 {
		t.Fatalf("summary table: %+v", sum)
	}
	col := func(h string) int {
		for j, c := range sum.sheet.Columns {
			if c.Header == h {
				return j
			}
		}
		t.Fatalf("no column %s", h)
		return -1
	}
	if got := sum.text(2, col("项目总投资")); got != "3,860.50" {
		t.Errorf("项目总投资 total %s, want 2,860.00 + 1,000.50", got)
	}
	if got := sum.text(2, col("2018年主营业务收入")); got != "18,650.00" {
		t.Errorf("2018年主营业务收入 total %s, want 18,650.00 (one enterprise)", got)
	}
	if !strings.Contains(a.info.Text, "已汇总2份") || !strings.Contains(a.info.Text, "申报包被改动 1 份") {
		t.Errorf("info: %s", a.info.Text)
	}
	if len(a.tabs.Items) != 2 || !strings.Contains(a.tabs.Items[1].Text, "2行") {
		t.Errorf("tabs %d", len(a.tabs.Items))
	}

	out := filepath.Join(t.TempDir(), "汇总表.xlsx")
	a.saveTo(out)
	waitFor(t, 30*time.Second, func() bool { return closed(a.done) })
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if names := x.GetSheetList(); len(names) != 2 || names[1] != aggregate.ChecklistName {
		t.Errorf("sheets %v", names)
	}
	rows, _ := x.GetRows(aggregate.ChecklistName)
	if got := fmt.Sprint(rows); !strings.Contains(got, "申报包被改动") || !strings.Contains(got, "不符合") {
		t.Errorf("审核清单 as saved: %s", got)
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "已保存，位于：") || !strings.Contains(entryTexts(top), out) {
		t.Error("the save does not say where it saved")
	}
}

// closed reports whether ch is closed (a nil channel is not).
func closed(ch chan struct{}) bool {
	if ch == nil {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// tapButton taps the home screen's button with that text.
func tapButton(t *testing.T, h *harness, text string) {
	t.Helper()
	findButton(t, h.u.home.obj, text).OnTapped()
}

// Both screens are reached from the home toolbar, the 文件 menu and their shortcuts.
func TestMasterAndAggregateReachable(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	for _, c := range []struct {
		button, menu string
		key          fyne.KeyName
		is           func(screen) bool
	}{
		{"导入企业名单", "导入企业名单（Excel）…", fyne.KeyI, func(s screen) bool { _, ok := s.(*masterScreen); return ok }},
		{"汇总", "汇总申报材料…", fyne.KeyG, func(s screen) bool { _, ok := s.(*aggregateScreen); return ok }},
	} {
		h.u.showHome()
		tapButton(t, h, c.button)
		if !c.is(h.u.current) {
			t.Errorf("%s opens %T", c.button, h.u.current)
		}
		h.u.showHome()
		h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: c.key, Modifier: fyne.KeyModifierShortcutDefault})
		if !c.is(h.u.current) {
			t.Errorf("Ctrl+%s opens %T", c.key, h.u.current)
		}
		var item *fyne.MenuItem
		for _, it := range h.win.MainMenu().Items[0].Items {
			if it.Label == c.menu {
				item = it
			}
		}
		if item == nil || item.Shortcut == nil {
			t.Fatalf("no menu item %s with a shortcut", c.menu)
		}
		h.u.showHome()
		item.Action()
		if !c.is(h.u.current) {
			t.Errorf("menu %s opens %T", c.menu, h.u.current)
		}
	}
}
