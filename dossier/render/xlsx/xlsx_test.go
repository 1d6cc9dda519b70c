package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
)

func sampleColumns() []document.Column {
	return []document.Column{
		{Header: "序号", Kind: "int", Align: "center"},
		{Header: "市"},
		{Header: "企业名称"},
		{Header: "统一社会信用代码"},
		{Header: "项目名称"},
		{Header: "申报类别"},
		{Header: "申请资金", Unit: "万元", Kind: "money"},
		{Header: "占比", Kind: "percent"},
		{Header: "申报日期", Kind: "date"},
		{Header: "备注"},
	}
}

var sampleRows = [][]string{
	// 市, 企业名称, 代码, 项目名称, 类别, 资金, 占比, 日期, 备注
	{"太原市", "山西太钢不锈钢精密带钢有限公司", "91140100MA0GRXXX1A", "超薄不锈钢精密带钢智能化改造项目", "技术创新提升", "1500.00", "0.3750", "2019-05-20", ""},
	{"大同市", "大同新成新材料股份有限公司", "91140200701011234B", "高纯石墨负极材料技术创新项目", "技术创新提升", "1200.50", "0.3001", "2019-05-21", "已列入省级重点项目库，建设期内完成主要设备采购和安装调试"},
	{"长治市", "潞安化工集团有限公司", "911404001130012345", "煤基合成油品质提升项目", "技术创新提升", "800", "0.2000", "2019-05-22", ""},
	{"晋中市", "山西汾西重工有限责任公司", "91140700MA0K12345C", "船用推进装置关键部件研制", "首台（套）", "499.50", "0.1249", "", "日期待补"},
}

// sampleSheet builds a realistic 汇总表 with n data rows (the sample rows repeated).
func sampleSheet(n int) *document.Sheet {
	s := &document.Sheet{
		Name:     "汇总表",
		Title:    "2019年山西省技术改造专项资金技术创新提升专项项目申报汇总表",
		Subtitle: "填报单位（盖章）：山西省工业和信息化厅　　　　填报日期：2019年5月20日",
		Columns:  sampleColumns(),
		Total:    []document.Cell{{}, {Text: "合计"}, {}, {}, {}, {}, {Number: "4000.00"}, {Number: "1"}, {}, {}},
		Note:     "填报说明：1. 申请资金单位为万元，保留两位小数；2. 占比为申请资金占专项资金总额的比例；3. 统一社会信用代码为18位。",
	}
	for i := 0; i < n; i++ {
		r := sampleRows[i%len(sampleRows)]
		s.Rows = append(s.Rows, []document.Cell{
			{Number: fmt.Sprint(i + 1)}, {Text: r[0]}, {Text: r[1]}, {Text: r[2]}, {Text: r[3]},
			{Text: r[4]}, {Number: r[5]}, {Number: r[6]}, {Text: r[7]}, {Text: r[8]},
		})
	}
	return s
}

func render(t testing.TB, opts Options, sheets ...*document.Sheet) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderWith(&buf, opts, sheets...); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("XLSX_SAMPLE_OUT"); out != "" {
		_ = os.WriteFile(out, buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// builtinFmt names the built-in number formats this renderer uses.
var builtinFmt = map[int]string{1: "0", 4: "#,##0.00", 10: "0.00%", 14: "m/d/yy"}

type cellInfo struct {
	raw, shown string
	numeric    bool
	numFmt     string
	style      *excelize.Style
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) cellInfo {
	t.Helper()
	var ci cellInfo
	var err error
	if ci.raw, err = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); err != nil {
		t.Fatal(err)
	}
	if ci.shown, err = f.GetCellValue(sheet, ref); err != nil {
		t.Fatal(err)
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	ci.numeric = (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && ci.raw != ""
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if ci.style, err = f.GetStyle(id); err != nil {
		t.Fatal(err)
	}
	ci.numFmt = builtinFmt[ci.style.NumFmt]
	if ci.style.CustomNumFmt != nil {
		ci.numFmt = *ci.style.CustomNumFmt
	}
	return ci
}

func TestSummaryTable(t *testing.T) {
	for _, tc := range []struct {
		name      string
		threshold int
	}{{"normal", 0}, {"stream", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			f := render(t, Options{StreamThreshold: tc.threshold}, sampleSheet(4))
			checkSummary(t, f, 4)
		})
	}
}

func checkSummary(t *testing.T, f *excelize.File, n int) {
	const sh = "汇总表"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %v", got)
	}
	if font, _ := f.GetDefaultFont(); font != DefaultFont {
		t.Errorf("default font %q", font)
	}

	// Title and subtitle: merged across A:J.
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	ranges := map[string]bool{}
	for _, m := range merged {
		ranges[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	noteRow := 3 + n + 2
	for _, want := range []string{"A1:J1", "A2:J2", fmt.Sprintf("A%d:J%d", noteRow, noteRow)} {
		if !ranges[want] {
			t.Errorf("merged ranges %v lack %s", ranges, want)
		}
	}
	title := cell(t, f, sh, "A1")
	if !strings.HasPrefix(title.raw, "2019年山西省") || title.style.Font == nil || !title.style.Font.Bold ||
		title.style.Font.Size != 16 || title.style.Font.Family != TitleFont || title.style.Alignment.Horizontal != "center" {
		t.Errorf("title %q font %+v align %+v", title.raw, title.style.Font, title.style.Alignment)
	}
	if h, _ := f.GetRowHeight(sh, 1); h < 30 {
		t.Errorf("title row height %v", h)
	}
	if sub := cell(t, f, sh, "A2"); !strings.HasPrefix(sub.raw, "填报单位") || sub.style.Alignment.Horizontal != "left" {
		t.Errorf("subtitle %q align %+v", sub.raw, sub.style.Alignment)
	}

	// Header row 3.
	hdr := cell(t, f, sh, "G3")
	if hdr.raw != "申请资金\n（万元）" {
		t.Errorf("money header %q", hdr.raw)
	}
	if hdr.style.Font == nil || !hdr.style.Font.Bold || len(hdr.style.Border) != 4 || !hdr.style.Alignment.WrapText ||
		hdr.style.Alignment.Horizontal != "center" || len(hdr.style.Fill.Color) == 0 || hdr.style.Fill.Color[0] != headerFill {
		t.Errorf("header style %+v fill %+v", hdr.style.Alignment, hdr.style.Fill)
	}
	if h, _ := f.GetRowHeight(sh, 3); h < 2*lineHeight {
		t.Errorf("header row height %v is less than two lines", h)
	}

	// First data row, cell by cell: value, numeric or not, format, alignment.
	for _, c := range []struct {
		ref, raw, shown string
		numeric         bool
		numFmt, align   string
	}{
		{"A4", "1", "1", true, "0", "center"},
		{"B4", "太原市", "太原市", false, "", "left"},
		{"C4", "山西太钢不锈钢精密带钢有限公司", "", false, "", "left"},
		{"D4", "91140100MA0GRXXX1A", "", false, "", "left"},
		{"G4", "1500", "1,500.00", true, fmtMoney, "right"},
		{"H4", "0.375", "37.50%", true, "0.00%", "right"},
		{"I4", "43605", "2019-05-20", true, fmtDate, "center"},
		{"G5", "1200.5", "1,200.50", true, fmtMoney, "right"},
		{"G6", "800", "800.00", true, fmtMoney, "right"},
	} {
		got := cell(t, f, sh, c.ref)
		if got.raw != c.raw || (c.shown != "" && got.shown != c.shown) || got.numeric != c.numeric ||
			got.numFmt != c.numFmt || got.style.Alignment.Horizontal != c.align || len(got.style.Border) != 4 {
			t.Errorf("%s: got raw %q shown %q numeric %v fmt %q align %q borders %d; want %+v",
				c.ref, got.raw, got.shown, got.numeric, got.numFmt, got.style.Alignment.Horizontal, len(got.style.Border), c)
		}
	}
	// Blank cells exist with borders (J4 no 备注, I7 no date).
	for _, ref := range []string{"J4", "I7"} {
		if got := cell(t, f, sh, ref); got.raw != "" || len(got.style.Border) != 4 {
			t.Errorf("blank %s: %q borders %d", ref, got.raw, len(got.style.Border))
		}
	}
	// The long 备注 wraps; its row is taller.
	if got := cell(t, f, sh, "J5"); !got.style.Alignment.WrapText {
		t.Error("text cells do not wrap")
	}
	if h, _ := f.GetRowHeight(sh, 5); h < 2*lineHeight {
		t.Errorf("row with long 备注 height %v", h)
	}

	// Total row: bold, typed.
	tr := 3 + n + 1
	if got := cell(t, f, sh, fmt.Sprintf("B%d", tr)); got.raw != "合计" || got.style.Font == nil || !got.style.Font.Bold {
		t.Errorf("total label %q font %+v", got.raw, got.style.Font)
	}
	// The total is the column's sum (for 4 rows): a SUM formula with the sum as cached value.
	// For other row counts the template's figure is not the sum and stays a plain number.
	ref := fmt.Sprintf("G%d", tr)
	fm, err := f.GetCellFormula(sh, ref)
	if err != nil {
		t.Fatal(err)
	}
	if got := cell(t, f, sh, ref); !got.style.Font.Bold || got.numFmt != "#,##0.00" {
		t.Errorf("total money style %+v", got)
	} else if n == 4 && (fm != "SUM(G4:G7)" || got.raw != "4000") {
		t.Errorf("total money formula %q cached %q", fm, got.raw)
	} else if n != 4 && (fm != "" || got.shown != "4,000.00" || !got.numeric) {
		t.Errorf("total money %q numeric %v formula %q", got.shown, got.numeric, fm)
	}
	if got := cell(t, f, sh, fmt.Sprintf("A%d", noteRow)); !strings.HasPrefix(got.raw, "填报说明") || !got.style.Alignment.WrapText {
		t.Errorf("note %q wrap %v", got.raw, got.style.Alignment.WrapText)
	}

	// Widths: Chinese counts double; long text capped.
	for col, min := range map[string]float64{"C": 30, "D": 20, "G": 10, "I": 12} {
		if w, _ := f.GetColWidth(sh, col); w < min {
			t.Errorf("column %s width %v < %v", col, w, min)
		}
	}
	if w, _ := f.GetColWidth(sh, "J"); w > maxWidth {
		t.Errorf("备注 width %v over the cap", w)
	}

	// Page: frozen below the header, A4 landscape, one page wide, print titles.
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	// The sheet is wide: 序号, 市 and 企业名称 stay in view while the rest scrolls.
	if !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 3 || panes.TopLeftCell != "D4" {
		t.Errorf("panes %+v", panes)
	}
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout orientation %v size %v fit %v×%v", deref(pl.Orientation), deref(pl.Size), deref(pl.FitToWidth), deref(pl.FitToHeight))
	}
	props, err := f.GetSheetProps(sh)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("fitToPage not set")
	}
	margins, err := f.GetPageMargins(sh)
	if err != nil {
		t.Fatal(err)
	}
	if margins.Horizontally == nil || !*margins.Horizontally || *margins.Left > 0.5 {
		t.Errorf("margins %+v", margins)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			found = true
			if dn.RefersTo != "'汇总表'!$1:$3" || dn.Scope != sh {
				t.Errorf("print titles %+v", dn)
			}
		}
	}
	if !found {
		t.Errorf("no _xlnm.Print_Titles in %+v", f.GetDefinedName())
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestDocPropsAndDeterminism(t *testing.T) {
	created := time.Date(2019, 5, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	opts := Options{Created: created, Creator: "山西太钢不锈钢精密带钢有限公司"}
	var a, b bytes.Buffer
	if err := RenderWith(&a, opts, sampleSheet(4)); err != nil {
		t.Fatal(err)
	}
	if err := RenderWith(&b, opts, sampleSheet(4)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of the same input differ")
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Created != "2019-05-20T01:30:00Z" || p.Modified != p.Created || p.Creator != opts.Creator ||
		!strings.HasPrefix(p.Title, "2019年") {
		t.Errorf("doc props %+v", p)
	}
}

func TestSeveralSheetsAndNames(t *testing.T) {
	a := sampleSheet(2)
	a.Name = "汇总表[2019]: 太原/大同?*\\ 技术创新提升专项项目申报汇总表附表"
	b := sampleSheet(1)
	b.Name = a.Name
	b.Subtitle, b.Total, b.Note = "", nil, ""
	c := sampleSheet(1)
	c.Name = ""
	f := render(t, Options{}, a, b, c)
	names := f.GetSheetList()
	if len(names) != 3 {
		t.Fatalf("sheets %v", names)
	}
	for _, n := range names {
		if len([]rune(n)) > 31 || strings.ContainsAny(n, "[]:*?/\\") {
			t.Errorf("bad sheet name %q", n)
		}
	}
	if names[0] == names[1] || names[2] != "Sheet3" {
		t.Errorf("names %q", names)
	}
	// Without a subtitle the header is row 2 and the panes and print titles follow it.
	if got, _ := f.GetCellValue(names[1], "G2"); got != "申请资金\n（万元）" {
		t.Errorf("second sheet header %q", got)
	}
	if p, _ := f.GetPanes(names[1]); p.YSplit != 2 || p.TopLeftCell != "D3" {
		t.Errorf("second sheet panes %+v", p)
	}
}

func TestBadInput(t *testing.T) {
	bad := func(mod func(s *document.Sheet)) error {
		s := sampleSheet(3)
		mod(s)
		var buf bytes.Buffer
		err := Render(&buf, s)
		if err != nil && buf.Len() != 0 {
			t.Errorf("%v: %d bytes written despite the error", err, buf.Len())
		}
		return err
	}
	for _, c := range []struct {
		name string
		mod  func(s *document.Sheet)
		want []string
	}{
		{"money", func(s *document.Sheet) { s.Rows[1][6].Number = "1,500.00" }, []string{`"汇总表"`, "row 2", `"申请资金"`, "1,500.00"}},
		{"exponent", func(s *document.Sheet) { s.Rows[0][6].Number = "1e5" }, []string{"row 1", "1e5"}},
		{"nan", func(s *document.Sheet) { s.Rows[0][7].Number = "NaN" }, []string{"row 1", `"占比"`}},
		{"int", func(s *document.Sheet) { s.Rows[2][0].Number = "3.5" }, []string{"row 3", `"序号"`}},
		{"date", func(s *document.Sheet) { s.Rows[2][8].Text = "2019年5月22日" }, []string{"row 3", `"申报日期"`, "YYYY-MM-DD"}},
		{"total", func(s *document.Sheet) { s.Total[6].Number = "abc" }, []string{"total row"}},
		{"kind", func(s *document.Sheet) { s.Columns[6].Kind = "currency" }, []string{"currency"}},
		{"cells", func(s *document.Sheet) { s.Rows[0] = append(s.Rows[0], document.Cell{Text: "x"}) }, []string{"row 1", "11 cells"}},
		{"columns", func(s *document.Sheet) { s.Columns = nil }, []string{"no columns"}},
	} {
		err := bad(c.mod)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", c.name, err, w)
			}
		}
	}
	if err := Render(&bytes.Buffer{}); err == nil {
		t.Error("no sheets: no error")
	}
	if err := Render(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil sheet: no error")
	}
}

func TestShortRowsAndTextInNumberColumns(t *testing.T) {
	s := sampleSheet(2)
	s.Rows[0] = s.Rows[0][:3]               // short row: the rest blank
	s.Rows[1][6] = document.Cell{Text: "—"} // not applicable
	f := render(t, Options{}, s)
	if got := cell(t, f, "汇总表", "G5"); got.raw != "—" || got.numeric {
		t.Errorf("dash %+v", got)
	}
	if got := cell(t, f, "汇总表", "J4"); got.raw != "" || len(got.style.Border) != 4 {
		t.Errorf("short row blank %+v", got)
	}
}

func TestLargeSheetStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("large sheet")
	}
	n := StreamThreshold + 1
	f := render(t, Options{}, sampleSheet(n))
	last := fmt.Sprintf("A%d", 3+n)
	if got, _ := f.GetCellValue("汇总表", last); got != fmt.Sprint(n) {
		t.Errorf("%s = %q", last, got)
	}
	checkSummary(t, f, n)
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]float64{"abc": 3, "万元": 4, "（万元）": 8, "A股“创新”": 11.2, "": 0} {
		if got := textWidth(s); math.Abs(got-want) > 1e-9 {
			t.Errorf("textWidth(%q) = %v, want %v", s, got, want)
		}
	}
	if got := displayText(kindMoney, -1234567.5); got != "-1,234,567.50" {
		t.Errorf("displayText(money) = %q", got)
	}
}

func benchmarkRender(b *testing.B, n int) {
	s := sampleSheet(n)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, s); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/file")
}

func BenchmarkRender1000(b *testing.B)   { benchmarkRender(b, 1000) }
func BenchmarkRender100000(b *testing.B) { benchmarkRender(b, 100000) }
