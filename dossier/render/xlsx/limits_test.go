package xlsx

import (
	"strings"
	"testing"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
)

// A 600-character answer (what ndrc-digitaleconomy and ndrc-catalogue allow) in a summary
// cell used to fail the whole build: its row height passed Excel's 409 points.
func TestLongCellGetsMaxRowHeight(t *testing.T) {
	long := strings.Repeat("项目建设内容包括智能产线改造与工业互联网平台部署，", 24) // 600 characters
	if n := len([]rune(long)); n != 600 {
		t.Fatalf("fixture has %d characters", n)
	}
	for _, stream := range []int{0, 1} {
		s := sampleSheet(3)
		s.Rows[0][9] = document.Cell{Text: long}
		s.Note = strings.Repeat("填报说明：", 400) // a 2,000-character note row as well
		f := render(t, Options{StreamThreshold: stream}, s)
		got := cell(t, f, "汇总表", "J4")
		if got.raw != long {
			t.Errorf("stream=%d: long cell holds %d characters, want 600", stream, len([]rune(got.raw)))
		}
		if !got.style.Alignment.WrapText {
			t.Errorf("stream=%d: long cell does not wrap", stream)
		}
		h, err := f.GetRowHeight("汇总表", 4)
		if err != nil || h != maxRowHeight {
			t.Errorf("stream=%d: row height %v (%v), want %v", stream, h, err, maxRowHeight)
		}
	}
}

// Amounts beyond Excel's 15 significant digits used to fail the render with an English
// error; they are now written as text with every digit kept.
func TestTooPreciseNumbersAreText(t *testing.T) {
	s := sampleSheet(3)
	s.Rows[0][6].Number = "12345678901234.567"             // 17 significant digits
	s.Rows[1][0].Number = "123456789012345678901234567890" // beyond int64 too
	s.Rows[2][7].Number = "0.12345678901234567"
	f := render(t, Options{}, s)
	for ref, want := range map[string]string{
		"G4": "12,345,678,901,234.567",
		"A5": "123456789012345678901234567890",
		"H6": "12.345678901234567%",
	} {
		got := cell(t, f, "汇总表", ref)
		if got.raw != want || got.numeric {
			t.Errorf("%s = %q (numeric %v), want text %q", ref, got.raw, got.numeric, want)
		}
	}
	if got := cell(t, f, "汇总表", "G5"); got.raw != "1200.5" || !got.numeric {
		t.Errorf("ordinary amount %+v", got)
	}
}

// Printable summary tables (issue 9 item 3): totals are SUM formulas with cached values,
// wide sheets freeze their identifying columns, every row has room for 宋体.
func TestTotalsFormulasFrozenColumnsRowHeights(t *testing.T) {
	for _, stream := range []int{0, 1} {
		s := sampleSheet(4)
		f := render(t, Options{StreamThreshold: stream}, s)
		for ref, want := range map[string]string{"G8": "SUM(G4:G7)", "H8": "SUM(H4:H7)", "A8": ""} {
			if got, err := f.GetCellFormula("汇总表", ref); err != nil || got != want {
				t.Errorf("stream=%d: %s formula %q (%v), want %q", stream, ref, got, err, want)
			}
		}
		if got, _ := f.GetCellValue("汇总表", "G8", excelize.Options{RawCellValue: true}); got != "4000" {
			t.Errorf("stream=%d: cached total %q", stream, got)
		}
		if got, err := f.CalcCellValue("汇总表", "G8", excelize.Options{RawCellValue: true}); err != nil || got != "4000" {
			t.Errorf("stream=%d: recalculated total %q (%v)", stream, got, err)
		}
		if p, _ := f.GetPanes("汇总表"); p.XSplit != 3 || p.YSplit != 3 {
			t.Errorf("stream=%d: wide sheet panes %+v, want 序号/市/企业名称 frozen", stream, p)
		}
		if h, _ := f.GetRowHeight("汇总表", 4); h < 18 {
			t.Errorf("stream=%d: one-line row %v pt high, no room for 宋体", stream, h)
		}
	}
	// A total that is not its column's sum stays the template's number.
	s := sampleSheet(4)
	s.Total[6].Number = "3999.00"
	f := render(t, Options{}, s)
	if got, _ := f.GetCellFormula("汇总表", "G8"); got != "" {
		t.Errorf("non-sum total became formula %q", got)
	}
	// A narrow sheet freezes no column.
	s = sampleSheet(2)
	s.Columns, s.Total = s.Columns[:3], nil
	for i := range s.Rows {
		s.Rows[i] = s.Rows[i][:3]
	}
	f = render(t, Options{}, s)
	if p, _ := f.GetPanes("汇总表"); p.XSplit != 0 {
		t.Errorf("narrow sheet panes %+v", p)
	}
}
