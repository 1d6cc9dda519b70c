package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier/document"
)

// ningboSheet is the shape of the 宁波 初审意见汇总表: many columns, a subtitle naming three
// departments' seals, a long 备注.
func ningboSheet(rows int) *document.Sheet {
	s := &document.Sheet{
		Name:     "初审意见汇总表",
		Title:    "2019年度高新技术企业认定初审意见汇总表",
		Subtitle: "所属地科技管理部门（盖章）：镇海区科学技术局　　财政部门（盖章）：　　　　税务部门（盖章）：",
		Columns: []document.Column{
			{Header: "序号", Kind: "int"}, {Header: "所属地"}, {Header: "企业名称"}, {Header: "统一社会信用代码"},
			{Header: "国网系统填报号"}, {Header: "技术领域"}, {Header: "知识产权类别"},
			{Header: "近三年研发费用总额", Unit: "万元", Kind: "money"}, {Header: "近一年高新技术产品收入", Unit: "万元", Kind: "money"},
			{Header: "研发费用占比", Kind: "percent"}, {Header: "成立日期", Kind: "date"}, {Header: "初审意见"}, {Header: "备注"},
		},
		Note: "注：1. 本表由所属地科技管理部门会同财政、税务部门填写；2. 金额单位为万元，保留两位小数。",
	}
	for i := 0; i < rows; i++ {
		note := ""
		if i == 2 {
			note = strings.Repeat("企业近三年研发投入持续增长，拥有发明专利授权12项，", 20) // 500 characters
		}
		s.Rows = append(s.Rows, []document.Cell{
			{Number: strconv.Itoa(i + 1)}, {Text: "镇海区"}, {Text: "宁波甬江智能装备股份有限公司"}, {Text: "91330211MA2AH7XQ2G"},
			{Text: "20193302110" + strconv.Itoa(100+i)}, {Text: "先进制造与自动化"}, {Text: "发明专利"},
			{Number: "2846.37"}, {Number: "18650.00"}, {Number: "0.0523"}, {Text: "2009-03-16"}, {Text: "同意推荐"}, {Text: note},
		})
	}
	s.Total = make([]document.Cell, len(s.Columns))
	s.Total[1] = document.Cell{Text: "合计"}
	s.Total[7] = document.Cell{Number: fmt.Sprintf("%.2f", 2846.37*float64(rows))}
	return s
}

func renderSheetFile(t *testing.T, s *document.Sheet, o SheetOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderSheet(&buf, s, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("SHEET_PDF_OUT"); out != "" {
		_ = os.WriteFile(out, buf.Bytes(), 0o644)
	}
	return path
}

var wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// smallestText is the height in points of the smallest word pdftotext finds (its bbox is the
// font's em box, so it equals the type size).
func smallestText(t *testing.T, path string) float64 {
	t.Helper()
	least := 1e9
	for _, m := range wordRe.FindAllStringSubmatch(tool(t, "pdftotext", "-bbox", path, "-"), -1) {
		y0, _ := strconv.ParseFloat(m[2], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		least = min(least, y1-y0)
	}
	return least
}

func TestRenderSheet(t *testing.T) {
	path := renderSheetFile(t, ningboSheet(40), SheetOptions{})
	info := tool(t, "pdfinfo", path)
	if !regexp.MustCompile(`Page size:\s+(841\.89 x 595\.28|1190\.55 x 841\.89)`).MatchString(info) {
		t.Errorf("not A4/A3 landscape:\n%s", info)
	}
	pages := pageCount(t, path)
	if pages < 2 {
		t.Fatalf("%d pages: 40 rows should need more than one", pages)
	}
	if least := smallestText(t, path); least < sheetMinSize-0.05 {
		t.Errorf("smallest text is %.2f pt, want ≥ %d", least, sheetMinSize)
	}
	// The type sizes themselves (Tf operators of the uncompressed content), not only bboxes.
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	b, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`/F[0-9a-f]+ ([\d.]+) Tf`).FindAllStringSubmatch(string(b), -1) {
		if size, _ := strconv.ParseFloat(m[1], 64); size < sheetMinSize {
			t.Errorf("text set in %v pt", size)
		}
	}
	for p := 1; p <= pages; p++ {
		text := pageText(t, path, p)
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), fmt.Sprintf("第%d页共%d页", p, pages)) {
			t.Errorf("page %d lacks its footer", p)
		}
		if !strings.Contains(text, "统一社会信用代码") || !strings.Contains(text, "研发费用占比") {
			t.Errorf("page %d lacks the repeated header", p)
		}
	}
	text := tool(t, "pdftotext", "-layout", path, "-")
	// Short cells, codes and numbers stay on one line.
	for _, want := range []string{"91330211MA2AH7XQ2G", "发明专利", "先进制造与自动化", "2,846.37", "18,650.00", "5.23%", "2009-03-16", "同意推荐"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q split or missing", want)
		}
	}
	// The seal block: the three departments named in the subtitle, each with a date line.
	last := pageText(t, path, pages, "-layout")
	for _, want := range []string{"所属地科技管理部门（盖章）：", "镇海区科学技术局", "财政部门（盖章）：", "税务部门（盖章）："} {
		if !strings.Contains(last, want) {
			t.Errorf("last page lacks %q:\n%s", want, last)
		}
	}
	if n := strings.Count(last, "年"); n < 3 {
		t.Errorf("last page has %d 年 (date lines), want 3", n)
	}
	if strings.Count(text, "财政部门（盖章）") != 1 {
		t.Error("the seal places are printed twice (subtitle and block)")
	}
	if n := strings.Count(strings.ReplaceAll(tool(t, "pdftotext", path, "-"), "\n", ""), "研发投入持续增长"); n < 20 {
		t.Errorf("long cell: %d of its 20 sentences found", n)
	}
}

func TestRenderSheetGenericSeal(t *testing.T) {
	s := ningboSheet(3)
	s.Subtitle = "金额单位：万元"
	path := renderSheetFile(t, s, SheetOptions{})
	text := strings.ReplaceAll(tool(t, "pdftotext", "-layout", path, "-"), " ", "")
	for _, want := range []string{"金额单位：万元", "填报单位（盖章）：", "第1页共"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	s.Rows[0][2].Text = "𠮷野家"
	if err := RenderSheet(&buf, s, SheetOptions{}); err == nil || buf.Len() != 0 {
		t.Errorf("character beyond the BMP: err %v, %d bytes", err, buf.Len())
	}
	if err := RenderSheet(&buf, &document.Sheet{}, SheetOptions{}); err == nil {
		t.Error("no columns: no error")
	}
}

func TestDistribute(t *testing.T) {
	ns := []colNeeds{{nat: 10, min: 10}, {nat: 200, min: 20}, {nat: 30, min: 30}}
	w := distribute(ns, 150)
	if w[0] != 10 || w[2] != 30 || w[1] < 109.99 || w[1] > 110.01 {
		t.Errorf("widths %v", w)
	}
	w = distribute([]colNeeds{{nat: 10, min: 5}, {nat: 30, min: 5}}, 80)
	if w[0] != 20 || w[1] != 60 {
		t.Errorf("spread widths %v", w)
	}
}
