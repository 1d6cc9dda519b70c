package master_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/master"
	"dossier/dossier/programme"
	"dossier/templates"
)

var today = time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)

func shipped(t testing.TB) *programme.Set {
	t.Helper()
	set, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func demoFile(t testing.TB, p *programme.Programme) *dossier.File {
	t.Helper()
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func write(t testing.TB, p *programme.Programme, files ...*dossier.File) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := master.Write(&b, p, files, today); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// canonical is a data file as compared: numbers as exact decimals, the programme's tables
// (which a master does not hold) left out.
func canonical(t testing.TB, p *programme.Programme, f *dossier.File) map[string]any {
	t.Helper()
	answers := map[string]any{}
	for k, v := range f.Answers {
		if fd := p.Field(k); fd != nil && fd.Type != programme.TypeTable {
			answers[k] = v
		}
	}
	data, err := json.Marshal(&dossier.File{Format: f.Format, Programme: f.Programme, AppliedOn: f.AppliedOn, Enterprise: f.Enterprise, Answers: answers})
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return normalise(m).(map[string]any)
}

// normalise makes numbers exact decimals and drops empty texts and lists: an empty cell is
// an answer not given, as "" is.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		return decimal.MustParse(x.String()).String()
	case map[string]any:
		for k, e := range x {
			if l, ok := e.([]any); e == "" || (ok && len(l) == 0) {
				delete(x, k)
				continue
			}
			x[k] = normalise(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
	}
	return v
}

// Every programme's demo, exported to a master and imported back, gives the same data file
// (but for the programme's tables, which a master does not hold).
func TestRoundTrip(t *testing.T) {
	set := shipped(t)
	for _, p := range set.All() {
		f := demoFile(t, p)
		res, err := master.Read(p, write(t, p, f, f), today)
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		if len(res.Rows) != 2 || res.HeaderRow != 1 || len(res.Ignored) != 0 {
			t.Fatalf("%s: %d rows, header at %d, ignored %v", p.ID, len(res.Rows), res.HeaderRow, res.Ignored)
		}
		for _, r := range res.Rows {
			if r.File == nil {
				t.Errorf("%s row %d: %v", p.ID, r.Number, r.Problems)
				continue
			}
			if got, want := canonical(t, p, r.File), canonical(t, p, f); !reflect.DeepEqual(got, want) {
				for _, part := range []string{"enterprise", "answers"} {
					g, w := got[part].(map[string]any), want[part].(map[string]any)
					for k := range w {
						if !reflect.DeepEqual(g[k], w[k]) {
							t.Errorf("%s row %d %s.%s: got %v, want %v", p.ID, r.Number, part, k, g[k], w[k])
						}
					}
					for k := range g {
						if _, ok := w[k]; !ok {
							t.Errorf("%s row %d %s.%s: got %v, not in the file", p.ID, r.Number, part, k, g[k])
						}
					}
				}
				if got["applied_on"] != want["applied_on"] || got["programme"] != want["programme"] {
					t.Errorf("%s row %d: applied_on %v programme %v", p.ID, r.Number, got["applied_on"], got["programme"])
				}
			}
		}
	}
}

// An empty master is its header row: labels of the profile, finance per year, the answers.
func TestEmptyMasterHeader(t *testing.T) {
	p := shipped(t).Get("shanxi-techinnov-2019")
	x, err := excelize.OpenReader(bytes.NewReader(write(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(master.SheetName)
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	h := strings.Join(rows[0], "|")
	for _, want := range []string{"申报日期|企业名称|统一社会信用代码", "2016年 销售收入", "2018年 主营业务收入", "|申报类别|", "|项目总投资|"} {
		if !strings.Contains(h, want) {
			t.Errorf("header lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "2019年 ") || strings.Contains(h, "2015年 ") {
		t.Errorf("finance years beyond 2016–2018: %s", h)
	}
}

// wpsWorkbook is a master as a consultancy keeps it in WPS: a merged title and a note above
// the header, headers with stray spaces and line breaks, numbers as text ("1,500.00",
// full-width digits, "1500万"), a text date, an Excel date, a choice by its label; row 6 is bad.
func wpsWorkbook(t testing.TB) []byte {
	t.Helper()
	x := excelize.NewFile()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := x.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "2019年山西省技术创新项目企业汇总表")
	if err := x.MergeCell(s, "A1", "K1"); err != nil {
		t.Fatal(err)
	}
	set("A2", "填报单位：太原市某咨询有限公司")
	if err := x.MergeCell(s, "A2", "D2"); err != nil {
		t.Fatal(err)
	}
	headers := []string{"申报日期", "企业名称", "统一社会信用代码", "注册成立日期", "职工总数\n（人）", " 科技人员数（人）", "2018年主营业务收入", "2018年 销售收入", "申报类别", "独立法人企业或其他法人单位", "备注"}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h)
	}
	rows := [][]any{
		{"2019/5/20", "山西甲科技有限公司", "91140100MA0GRX123G", "2009年5月20日", "320", "５８", "1,500.00", "1500万", "研发费用加计扣除奖励", "是", "老客户"},
		{"", "山西乙科技有限公司", "91140105MA0K7D3Q0A", time.Date(2012, 5, 18, 0, 0, 0, 0, time.UTC), 486, 97, 18650, 19088.75, "capability", "否", ""},
		{}, // an empty row between is passed over
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
	return b.Bytes()
}

func TestImportWPSWorkbook(t *testing.T) {
	p := shipped(t).Get("shanxi-techinnov-2019")
	res, err := master.Read(p, wpsWorkbook(t), today)
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderRow != 3 || len(res.Rows) != 3 || strings.Join(res.Ignored, "、") != "备注" {
		t.Fatalf("header at %d, %d rows, ignored %v", res.HeaderRow, len(res.Rows), res.Ignored)
	}
	a := res.Rows[0]
	if a.Number != 4 || a.File == nil {
		t.Fatalf("row 4: %+v", a)
	}
	e := a.File.Enterprise
	fin := e["finance"].([]any)[0].(map[string]any)
	got := fmt.Sprint(a.File.AppliedOn, " ", e["registered_on"], " ", e["employees"], " ", e["tech_staff"], " ", fin["year"], " ", fin["main_revenue"], " ", fin["sales_revenue"], " ",
		a.File.Answers["category"], " ", a.File.Answers["legal_person"])
	if want := "2019-05-20 2009-05-20 320 58 2018 1500 1500 rd-deduction true"; got != want {
		t.Errorf("row 4 read as %s, want %s", got, want)
	}
	b := res.Rows[1]
	if b.File == nil || b.File.Enterprise["registered_on"] != "2012-05-18" || fmt.Sprint(b.File.Enterprise["finance"].([]any)[0].(map[string]any)["sales_revenue"]) != "19088.75" ||
		b.File.Answers["legal_person"] != false {
		t.Errorf("row 5 (typed cells, an Excel date): %+v", b)
	}
	c := res.Rows[2]
	if c.Number != 7 || c.File != nil {
		t.Fatalf("row 7 should be bad: %+v", c)
	}
	want := []string{"第7行“统一社会信用代码”", "第7行“注册成立日期”", "第7行“职工总数（人）”", "第7行“2018年 主营业务收入”", "第7行“申报类别”", "第7行“独立法人企业或其他法人单位”"}
	joined := strings.Join(c.Problems, "\n")
	if len(c.Problems) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(c.Problems), len(want), joined)
	}
	for i, w := range want { // in the sheet's column order
		if !strings.HasPrefix(c.Problems[i], w+"：") {
			t.Errorf("problem %d is not about %s:\n%s", i, w, joined)
		}
	}
	if !strings.Contains(joined, "可选：创新体系建设、创新能力培育、创新产出奖励、研发费用加计扣除奖励") {
		t.Errorf("a choice's problem should list the labels the sheet shows:\n%s", joined)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "山西甲科技有限公司.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	saved, err := master.Save(dir, res.Rows)
	if err != nil || len(saved) != 2 {
		t.Fatalf("saved %v, %v", saved, err)
	}
	if filepath.Base(saved[0].Path) != "山西甲科技有限公司（2）.json" || !saved[0].Renamed || filepath.Base(saved[1].Path) != "山西乙科技有限公司.json" {
		t.Errorf("saved as %v", saved)
	}
	if old, _ := os.ReadFile(filepath.Join(dir, "山西甲科技有限公司.json")); string(old) != "{}" {
		t.Errorf("an existing file was overwritten")
	}
	if f, err := dossier.ReadFile(saved[1].Path); err != nil || f.Enterprise["name"] != "山西乙科技有限公司" {
		t.Errorf("written file reads back as %v, %v", f, err)
	}
}

func TestNotAMaster(t *testing.T) {
	p := shipped(t).Get("shanxi-techinnov-2019")
	if _, err := master.Read(p, []byte("PK not really"), today); err == nil || !strings.Contains(err.Error(), "不是有效的 Excel 工作簿") {
		t.Errorf("garbage: %v", err)
	}
	x := excelize.NewFile()
	_ = x.SetCellValue("Sheet1", "A1", "只有一个标题")
	var b bytes.Buffer
	_ = x.Write(&b)
	if _, err := master.Read(p, b.Bytes(), today); err == nil || !strings.Contains(err.Error(), "找不到表头") {
		t.Errorf("no header: %v", err)
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"山西甲科技有限公司": "山西甲科技有限公司", `a/b\c:d*e?"f"<g>|h`: "a_b_c_d_e__f__g__h", " ..x.. ": "x",
		"CON": "_CON", "": "第9行", "///": "第9行", strings.Repeat("长", 100): strings.Repeat("长", 80),
	} {
		if got := master.FileName(in, 9); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkImport reads a 1,000-row master.
func BenchmarkImport(b *testing.B) {
	p := shipped(b).Get("shanxi-techinnov-2019")
	f := demoFile(b, p)
	files := make([]*dossier.File, 1000)
	for i := range files {
		files[i] = f
	}
	data := write(b, p, files...)
	b.ReportAllocs()
	for b.Loop() {
		res, err := master.Read(p, data, today)
		if err != nil || len(res.Rows) != 1000 || res.Rows[999].File == nil {
			b.Fatal(err)
		}
	}
}
