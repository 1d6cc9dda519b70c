package pdf

import (
	"regexp"
	"strings"
	"testing"

	"dossier/dossier/document"
)

// rdTable is the 高企 表7 企业研究开发活动汇总表 as the template lays it out: a narrow 编号
// column (0.75 of 11.2) beside long names, dates, IP codes and five money columns.
func rdTable() *document.Table {
	col := func(h string, w float64, kind, align string) document.Column {
		return document.Column{Header: h, Width: w, Kind: kind, Align: align}
	}
	t := &document.Table{
		Caption: "表7 企业研究开发活动汇总表（万元）",
		Columns: []document.Column{
			col("编号", 0.75, "", "center"), col("研发活动名称", 1.75, "", ""), col("起止时间", 1.35, "", "center"),
			col("知识产权编号", 0.95, "", ""), col("总预算", 1.05, "money", ""), col("近三年总支出", 1.3, "money", ""),
			col("2016年", 1.1, "money", ""), col("2017年", 1.1, "money", ""), col("2018年", 1.1, "money", ""),
			col("人员数", 0.75, "int", "center"),
		},
		Total: []string{"合计", "", "", "", "", "1,136.62", "312.45", "368.90", "455.27", ""},
	}
	names := []string{"激光甲烷传感器光路与温漂补偿技术研究", "矿用无线传感网络自组网技术研发", "矿井环境监测管理平台（V2.0）研发", "多组分气体在线光谱分析技术研究"}
	ips := []string{"IP01、IP03、IP06", "IP02、IP04", "IP05", "IP01"}
	for i, n := range names {
		no := "RD0" + string(rune('1'+i))
		t.Rows = append(t.Rows, []string{no, n, "2016.01—2017.12", ips[i], "320.00", "1,310.55", "168.20", "142.35", "0.00", "12"})
	}
	return t
}

// Codes (RD01, IP01, PS01) are never broken in a narrow column: the 编号 column is widened to
// hold "RD01" on one line, and the IP codes keep whole, read back with pdftotext -layout.
func TestCodesNeverSplit(t *testing.T) {
	r := &document.Report{Title: "t", Blocks: []document.Block{rdTable()}}
	path, _ := renderFile(t, r, Options{})
	text := pageText(t, path, 1, "-layout")
	for i := 1; i <= 4; i++ {
		if !regexp.MustCompile(`(^|\s)RD0` + string(rune('0'+i)) + `\s`).MatchString(text) {
			t.Errorf("RD0%d is not on one line:\n%s", i, text)
		}
	}
	if regexp.MustCompile(`(?m)(^|\s)(RD|IP)\s*$|(^|\s)(RD|IP)\s{2,}`).MatchString(text) {
		t.Errorf("a code is split:\n%s", text)
	}
	for _, ip := range []string{"IP01", "IP03", "IP06", "IP02", "IP04", "IP05"} {
		if !strings.Contains(text, ip) {
			t.Errorf("%s is not whole:\n%s", ip, text)
		}
	}
}

// A code wider than any share of the line a table could give it is still broken as a last
// resort (a long URL), but a code that fits a column is an atom: fitCodes gives every column
// the width of its longest word before the short cells' wish to stay on one line.
func TestFitColumnsWords(t *testing.T) {
	d := testRenderer(t)
	tab := rdTable()
	rel := make([]float64, len(tab.Columns))
	for i, c := range tab.Columns {
		rel[i] = c.Width
	}
	w := d.fitColumns(tab, columnWidths(d.width, rel))
	need := d.measure(cell, "RD01") + 2*cellPadX
	if w[0] < need {
		t.Errorf("编号 column %.1f mm, RD01 needs %.1f", w[0], need)
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum > d.width+1e-6 {
		t.Errorf("columns %.1f mm wide in a %.1f mm text block", sum, d.width)
	}
}

// testRenderer is a renderer for the RD table, for measuring.
func testRenderer(t *testing.T) *renderer {
	t.Helper()
	full, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := &document.Report{Blocks: []document.Block{rdTable()}}
	faces, err := cut(full, r, false)
	if err != nil {
		t.Fatal(err)
	}
	d, err := newRenderer(r, Options{}, full, faces)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
