package ui

import (
	"bytes"
	"dossier/dossier/records"
	"dossier/dossier/session"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/master"
)

// wpsMaster is the WPS-style master of dossier/master's tests (TestImportWPSWorkbook): merged
// title rows above the header, stray spaces in headers, numbers as text, text and Excel
// dates; row 7 is bad in six columns.
func wpsMaster(t *testing.T) string {
	t.Helper()
	x := excelize.NewFile()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := x.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "2019年山西省技术创新项目企业汇总表")
	_ = x.MergeCell(s, "A1", "K1")
	set("A2", "填报单位：太原市某咨询有限公司")
	_ = x.MergeCell(s, "A2", "D2")
	headers := []string{"申报日期", "企业名称", "统一社会信用代码", "注册成立日期", "职工总数\n（人）", " 科技人员数（人）", "2018年主营业务收入", "2018年 销售收入", "申报类别", "独立法人企业或其他法人单位", "备注"}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h)
	}
	rows := [][]any{
		{"2019/5/20", "山西甲科技有限公司", "91140100MA0GRX123G", "2009年5月20日", "320", "５８", "1,500.00", "1500万", "研发费用加计扣除奖励", "是", "老客户"},
		{"", "山西乙科技有限公司", "91140105MA0K7D3Q0A", time.Date(2012, 5, 18, 0, 0, 0, 0, time.UTC), 486, 97, 18650, 19088.75, "capability", "否", ""},
		{},
		{"", "山西丙科技有限公司", "91140100MA0GRX123X", "2019年13月1日", "很多", 10, "-5", "", "其他", "也许", ""},
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+4)
			set(cell, v)
		}
	}
	style, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	_ = x.SetCellStyle(s, "D5", "D5", style)
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "企业名单.xlsx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// profileOf is the stored profile of the enterprise with the credit code (nil when none).
func profileOf(t *testing.T, h *harness, code string) (map[string]any, int64) {
	t.Helper()
	ents, err := h.st.Enterprises(h.u.ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.CreditCode == code {
			return records.DecodeProfile(e.Profile), e.ID
		}
	}
	return nil, 0
}

// Importing the WPS master: every row listed, the bad one with its problems by column label;
// the enterprise already in the store shows what would change and is not changed until the
// change is confirmed (cancelling writes nothing at all); then the new enterprise is created
// and the known one updated (what the master leaves empty kept), each with a dossier.
func TestMasterImportScreen(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	known := "91140105MA0K7D3Q0A"
	old, _ := json.Marshal(map[string]any{"name": "山西乙科技有限公司", "credit_code": known, "employees": 400, "address": "太原市小店区"})
	if err := h.st.SaveEnterprise(h.u.ctx, &records.Enterprise{Name: "山西乙科技有限公司", CreditCode: known, Profile: old}); err != nil {
		t.Fatal(err)
	}
	h.u.showHome()
	tapButton(t, h, "导入企业名单")
	m, ok := h.u.current.(*masterScreen)
	if !ok {
		t.Fatalf("current screen is %T", h.u.current)
	}
	m.pick.SetSelected(session.ProgrammeName(h.u.deps.Programmes.Get(DemoProgramme)))
	m.load(wpsMaster(t))
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) })
	if len(m.rows) != 3 {
		t.Fatalf("%d rows: %s", len(m.rows), m.info.Text)
	}
	shown := labelTexts(m.list)
	for _, w := range []string{"第4行", "山西甲科技有限公司", "正确 · 新企业", "第5行", "正确 · 已有企业，将更改", "第7行", "有误：“统一社会信用代码”"} {
		if !strings.Contains(shown, w) {
			t.Errorf("the list does not show %q:\n%s", w, shown)
		}
	}
	if !strings.Contains(m.info.Text, "正确2行") || !strings.Contains(m.info.Text, "有误1行") || !strings.Contains(m.info.Text, "备注") {
		t.Errorf("summary: %s", m.info.Text)
	}
	m.list.Select(2)
	// The problems are listed by column, without the row number again (the heading has it).
	if d := labelTexts(m.detail); !strings.Contains(d, "“职工总数（人）”") || !strings.Contains(d, "“申报类别”") || strings.Contains(strings.ReplaceAll(d, "第7行：山西丙科技有限公司", ""), "第7行") {
		t.Errorf("bad row's detail:\n%s", d)
	}
	m.list.Select(1)
	d := labelTexts(m.detail)
	if !inOrder(d, "程序中已有这家企业", "职工总数（人）", "400", "486") {
		t.Errorf("the change of 职工总数 is not shown:\n%s", d)
	}

	m.onImport(true)
	if m.confirm == nil {
		t.Fatal("no confirmation asked for the change of an existing enterprise")
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "职工总数（人）") {
		t.Error("the confirmation does not show the changes")
	}
	m.confirm(false)
	if p, _ := profileOf(t, h, known); fmt.Sprint(p["employees"]) != "400" {
		t.Errorf("cancelled, yet employees is %v", p["employees"])
	}
	if ents, _ := h.st.Enterprises(h.u.ctx, ""); len(ents) != 1 {
		t.Errorf("cancelled, yet %d enterprises", len(ents))
	}

	m.onImport(true)
	m.confirm(true)
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) && !m.busy })
	p, id := profileOf(t, h, known)
	if fmt.Sprint(p["employees"]) != "486" || p["address"] != "太原市小店区" || p["registered_on"] != "2012-05-18" {
		t.Errorf("updated profile: %v", p)
	}
	newP, newID := profileOf(t, h, "91140100MA0GRX123G")
	if newP == nil || newP["name"] != "山西甲科技有限公司" {
		t.Fatalf("the new enterprise is not in the store: %v", newP)
	}
	for _, e := range []int64{id, newID} {
		ds, _ := h.st.Dossiers(h.u.ctx, e)
		if len(ds) != 1 || ds[0].Programme != DemoProgramme {
			t.Errorf("enterprise %d has %d dossiers", e, len(ds))
			continue
		}
		full, _ := h.st.Dossier(h.u.ctx, ds[0].ID)
		f, err := dossier.Decode(bytes.NewReader(full.Data))
		if err != nil || f.Enterprise["name"] == nil {
			t.Errorf("dossier data: %v", err)
		}
	}
	if ents, _ := h.st.Enterprises(h.u.ctx, ""); len(ents) != 2 {
		t.Errorf("%d enterprises after the import, want 2 (the bad row is not imported)", len(ents))
	}
	if !strings.Contains(m.info.Text, "新建企业1家，更新企业信息1家") {
		t.Errorf("after the import: %s", m.info.Text)
	}
	if shown := labelTexts(m.list); !strings.Contains(shown, "已导入") {
		t.Errorf("the list does not say what was imported:\n%s", shown)
	}

	// The same master again: nothing to change, no second dossier.
	m.load(m.path)
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) })
	for _, i := range []int{0, 1} {
		if text, _ := m.rows[i].resultText(); text != "正确 · 已有企业，企业信息相同" || !m.rows[i].hasOwn {
			t.Errorf("row %d again: %s", m.rows[i].Number, text)
		}
	}
	m.onImport(true)
	if m.confirm != nil {
		t.Error("a confirmation asked with nothing to change")
	}
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) && !m.busy })
	for _, e := range []int64{id, newID} {
		if ds, _ := h.st.Dossiers(h.u.ctx, e); len(ds) != 1 {
			t.Errorf("enterprise %d has %d dossiers after importing the master twice", e, len(ds))
		}
	}
}

// inOrder reports whether the parts occur in s one after the other.
func inOrder(s string, parts ...string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// The same credit code twice in one master: the second row is not imported (it would
// overwrite the first), and says which row it repeats.
func TestMasterImportSameCodeTwice(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	p := h.u.deps.Programmes.Get(DemoProgramme)
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := master.Write(&b, p, []*dossier.File{f, f}, testToday); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	h.u.showMasterImport()
	m := h.u.current.(*masterScreen)
	m.pick.SetSelected(session.ProgrammeName(p))
	m.load(path)
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) })
	if len(m.rows) != 2 || !m.rows[0].good() || m.rows[1].good() {
		t.Fatalf("rows: %d, %s", len(m.rows), m.info.Text)
	}
	if text, _ := m.rows[1].resultText(); text != "有误：与第2行的统一社会信用代码相同" {
		t.Errorf("second row: %s", text)
	}
	m.onImport(true)
	waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) && !m.busy })
	if ents, _ := h.st.Enterprises(h.u.ctx, ""); len(ents) != 1 {
		t.Errorf("%d enterprises", len(ents))
	} else if ds, _ := h.st.Dossiers(h.u.ctx, ents[0].ID); len(ds) != 1 {
		t.Errorf("%d dossiers", len(ds))
	}
}
