package xlsx

import (
	"fmt"
	"strings"

	"dossier/dossier/decimal"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
)

// plan is a sheet converted and measured before anything is written: every cell is
// validated first, so a bad value fails the render before any output exists.
type plan struct {
	name                   string
	kinds                  []string
	styles                 []int // body style per column
	totalStyles            []int // bold total style per column
	rows                   [][]any
	total                  []any
	widths                 []float64
	headerRow, firstData   int // 1-based worksheet rows
	totalRow, noteRow, end int // 0 when absent; end is the last used row
	frozenCols             int // leading columns frozen beside the scrolled part (wide sheets)
}

// formula is a cell written as a formula with its cached value (what Excel shows before it
// recalculates, and what readers that never calculate see).
type formula struct {
	expr  string
	value any
}

// startPlan gives the plan its columns' kinds and styles. It adds styles to the workbook, so
// it runs on one goroutine; fill, which touches nothing shared, may then run beside the other
// sheets' (a 10,000-row summary and its 审核清单 are converted at once).
func startPlan(st *styles, name string, s *document.Sheet) (*planner, error) {
	n := len(s.Columns)
	p := &plan{name: name, kinds: make([]string, n), styles: make([]int, n),
		totalStyles: make([]int, n), widths: make([]float64, n)}
	pl := &planner{p: p, name: name, s: s, widest: make([]float64, n)}
	if err := pl.columns(st); err != nil {
		return nil, err
	}
	return pl, nil
}

// fill converts and measures every cell, then sets the widths, the frozen columns, the rows'
// places and the total formulas.
func (pl *planner) fill() error {
	p, s := pl.p, pl.s
	p.rows = make([][]any, len(s.Rows))
	for i, r := range s.Rows {
		vals, err := pl.convert(r, i+1)
		if err != nil {
			return err
		}
		p.rows[i] = vals
	}
	if s.Total != nil {
		vals, err := pl.convert(s.Total, 0)
		if err != nil {
			return err
		}
		p.total = vals
	}
	for j, w := range pl.widest {
		p.widths[j] = widthFor(p.kinds[j], w)
	}
	p.frozenCols = frozenColumns(s.Columns, p.widths)
	if err := p.placeRows(s); err != nil {
		return err
	}
	p.sumTotals(s)
	return nil
}

// planner fills a plan: the columns' kinds and styles, then the cells, measuring as it goes
// the widest text of each column.
type planner struct {
	p      *plan
	name   string
	s      *document.Sheet
	widest []float64
}

// columns sets each column's kind, body and total styles, and starts its width at the
// header's.
func (pl *planner) columns(st *styles) error {
	p := pl.p
	for j, c := range pl.s.Columns {
		k, err := normKind(c.Kind)
		if err != nil {
			return fmt.Errorf("xlsx: sheet %q column %d %q: %w", pl.name, j+1, c.Header, err)
		}
		p.kinds[j] = k
		if p.styles[j], err = st.cellStyle(k, c.Align, false); err != nil {
			return err
		}
		if p.totalStyles[j], err = st.cellStyle(k, c.Align, true); err != nil {
			return err
		}
		pl.widest[j] = maxLineWidth(headerText(c))
	}
	return nil
}

// convert is one row's cells as the values written (row: its number for errors, 0 for the total row).
func (pl *planner) convert(cells []document.Cell, row int) ([]any, error) {
	what := func() string { // worded only for an error, not for every row
		if row == 0 {
			return "total row"
		}
		return fmt.Sprintf("row %d", row)
	}
	n := len(pl.p.kinds)
	if len(cells) > n {
		return nil, fmt.Errorf("xlsx: sheet %q %s: %d cells but %d columns", pl.name, what(), len(cells), n)
	}
	vals := make([]any, n)
	for j, c := range cells {
		v, err := cellValue(pl.p.kinds[j], c)
		if err != nil {
			return nil, fmt.Errorf("xlsx: sheet %q %s column %d %q: %w", pl.name, what(), j+1, pl.s.Columns[j].Header, err)
		}
		vals[j] = v
		if v != nil {
			pl.widest[j] = max(pl.widest[j], maxLineWidth(displayText(pl.p.kinds[j], v)))
		}
	}
	return vals, nil
}

// placeRows numbers the worksheet rows: title, subtitle when there is one, header, data,
// total and note when there are; more rows than Excel holds is an error.
func (p *plan) placeRows(s *document.Sheet) error {
	p.headerRow = 2
	if s.Subtitle != "" {
		p.headerRow = 3
	}
	p.firstData = p.headerRow + 1
	p.end = p.headerRow + len(p.rows)
	if p.total != nil {
		p.end++
		p.totalRow = p.end
	}
	if s.Note != "" {
		p.end++
		p.noteRow = p.end
	}
	if p.end > excelize.TotalRows {
		return fmt.Errorf("xlsx: sheet %q: %d rows, more than Excel's %d", p.name, p.end, excelize.TotalRows)
	}
	return nil
}

// sumTotals turns each number of the total row that is exactly the sum of its column into a
// SUM formula over the data rows, keeping the number as the cached value: the bureau can add
// or correct a row and the total follows. A total that is not the column's sum (a template's
// own figure) stays a plain value.
func (p *plan) sumTotals(s *document.Sheet) {
	if p.total == nil || len(p.rows) == 0 {
		return
	}
	for j, v := range p.total {
		if v == nil || p.kinds[j] == kindText || p.kinds[j] == kindDate || j >= len(s.Total) {
			continue
		}
		want, err := decimal.Parse(strings.TrimSpace(s.Total[j].Number))
		if err != nil {
			continue
		}
		sum := decimal.Int(0)
		for _, r := range s.Rows {
			if j >= len(r) || strings.TrimSpace(r[j].Number) == "" {
				continue
			}
			d, err := decimal.Parse(strings.TrimSpace(r[j].Number))
			if err != nil {
				sum = decimal.Int(0).Sub(want).Add(decimal.Int(1)) // a text cell: never equal
				break
			}
			sum = sum.Add(d)
		}
		if sum.Cmp(want) != 0 {
			continue
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		p.total[j] = formula{expr: fmt.Sprintf("SUM(%s%d:%s%d)", col, p.firstData, col, p.firstData+len(p.rows)-1), value: v}
	}
}

// wideSheet is the width (in widths of "0") beyond which a sheet does not fit a landscape
// screen or page at 100%: its identifying columns are frozen while the rest scrolls.
const wideSheet = 135

// frozenColumns is the count of leading columns to freeze on a wide sheet: up to the first
// name column (企业名称, 单位名称, 项目名称) among the first four, else the first column,
// and never more than 40% of the width.
func frozenColumns(cols []document.Column, widths []float64) int {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if total <= wideSheet || len(cols) < 3 {
		return 0
	}
	n := 1
	for j := 0; j < min(4, len(cols)); j++ {
		if strings.Contains(cols[j].Header, "名称") {
			n = j + 1
			break
		}
	}
	for w := 0.0; n > 0; n-- {
		w = 0
		for _, x := range widths[:n] {
			w += x
		}
		if w <= 0.4*total {
			break
		}
	}
	return n
}

func (p *plan) totalWidth() float64 {
	w := 0.0
	for _, x := range p.widths {
		w += x
	}
	return w
}

// lines is the line count of the tallest text cell in a row.
func (p *plan) lines(vals []any) int {
	n := 1
	for j, v := range vals {
		if s, ok := v.(string); ok && p.kinds[j] == kindText {
			n = max(n, wrappedLines(s, p.widths[j]))
		}
	}
	return n
}

// rowSink is where rows go: the in-memory worksheet or a StreamWriter. Rows arrive in order.
type rowSink interface {
	row(r int, vals []any, styles []int, height float64) error
	merge(r, cols int) error
}

// sheetJob is one sheet on its way into the workbook: planned, set up, its rows written (to
// the worksheet, or to its own StreamWriter), flushed.
type sheetJob struct {
	pl     *planner
	stream bool
	sw     *excelize.StreamWriter
	sink   rowSink
}

// open sets up the page and the column widths, and for a streamed sheet its StreamWriter.
// It changes the workbook: one sheet at a time.
func (j *sheetJob) open(f *excelize.File) error {
	p, name := j.pl.p, j.pl.name
	if err := pageSetup(f, p); err != nil {
		return fmt.Errorf("xlsx: sheet %q: page setup: %w", name, err)
	}
	if !j.stream {
		for c, w := range p.widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(name, col, col, w); err != nil {
				return fmt.Errorf("xlsx: sheet %q: column width: %w", name, err)
			}
		}
		j.sink = &fileSink{f: f, sheet: name}
		return nil
	}
	// Everything that lives in the worksheet XML before <sheetData> (sheetPr, panes,
	// columns) must be set before the first row is streamed; pageSetup did the rest.
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("xlsx: sheet %q: stream writer: %w", name, err)
	}
	for c, w := range p.widths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return fmt.Errorf("xlsx: sheet %q: column width: %w", name, err)
		}
	}
	j.sw, j.sink = sw, &streamSink{sw: sw}
	return nil
}

// write writes the sheet's rows. A streamed sheet's rows go to its own StreamWriter only, so
// streamed sheets are written at once; a worksheet's go through the workbook, one at a time.
func (j *sheetJob) write(st *styles) error {
	if err := writeRows(j.sink, st, j.pl.p, j.pl.s); err != nil {
		return fmt.Errorf("xlsx: sheet %q: %w", j.pl.name, err)
	}
	return nil
}

// flush ends a streamed sheet: its XML goes into the workbook.
func (j *sheetJob) flush() error {
	if j.sw == nil {
		return nil
	}
	if err := j.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: sheet %q: flush: %w", j.pl.name, err)
	}
	return nil
}

func writeRows(sink rowSink, st *styles, p *plan, s *document.Sheet) error {
	n := len(p.kinds)
	total := p.totalWidth()
	// Title: 16 pt, so it needs titleScale times the width of body text; wrap rather than
	// clip when it is wider than the table.
	tl := wrappedLines(s.Title, total/titleScale)
	if err := writeBanner(sink, 1, n, s.Title, st.title, min(max(titleHeight, float64(tl)*22+10), maxRowHeight)); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if s.Subtitle != "" {
		if err := writeBanner(sink, 2, n, s.Subtitle, st.subtitle, rowHeight(wrappedLines(s.Subtitle, total))); err != nil {
			return fmt.Errorf("subtitle: %w", err)
		}
	}
	if err := writeHeader(sink, st, p, s); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	// Every row gets an explicit height with room for 宋体's ascent and descent (Excel's
	// default row fits Calibri and clips the bottoms of hanzi in some viewers).
	for i, vals := range p.rows {
		if err := sink.row(p.firstData+i, vals, p.styles, rowHeight(p.lines(vals))); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	if p.total != nil {
		if err := sink.row(p.totalRow, p.total, p.totalStyles, rowHeight(p.lines(p.total))); err != nil {
			return fmt.Errorf("total row: %w", err)
		}
	}
	if s.Note != "" {
		if err := writeBanner(sink, p.noteRow, n, s.Note, st.note, rowHeight(wrappedLines(s.Note, total))); err != nil {
			return fmt.Errorf("note: %w", err)
		}
	}
	return nil
}

// writeBanner writes text as row r, one cell merged across the sheet's n columns.
func writeBanner(sink rowSink, r, n int, text string, style int, height float64) error {
	vals, styles := make([]any, n), make([]int, n)
	vals[0] = text
	for j := range styles {
		styles[j] = style
	}
	if err := sink.row(r, vals, styles, height); err != nil {
		return err
	}
	return sink.merge(r, n)
}

// writeHeader writes the header row, as tall as its most wrapped column head.
func writeHeader(sink rowSink, st *styles, p *plan, s *document.Sheet) error {
	header, styles := make([]any, len(p.kinds)), make([]int, len(p.kinds))
	hl := 1
	for j, c := range s.Columns {
		h := headerText(c)
		header[j] = h
		hl = max(hl, wrappedLines(h, p.widths[j]))
	}
	for j := range styles {
		styles[j] = st.header
	}
	return sink.row(p.headerRow, header, styles, rowHeight(hl))
}

// pageSetup: A4 landscape, one page wide and as many tall as needed, small margins, centred
// horizontally, page numbers in the footer, the title-to-header rows repeated on every page,
// and panes frozen under the header.
func pageSetup(f *excelize.File, p *plan) error {
	if err := f.SetSheetProps(p.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(p.name, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0), // 0: as many pages tall as needed
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(p.name, &excelize.PageLayoutMarginsOptions{
		Top: ptr(0.6), Bottom: ptr(0.6), Left: ptr(0.4), Right: ptr(0.4),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(p.name, &excelize.HeaderFooterOptions{
		OddFooter: "&C第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(p.name), p.headerRow),
		Scope:    p.name,
	}); err != nil {
		return err
	}
	topLeft, _ := excelize.CoordinatesToCellName(p.frozenCols+1, p.firstData)
	pane := "bottomLeft"
	if p.frozenCols > 0 {
		pane = "bottomRight"
	}
	return f.SetPanes(p.name, &excelize.Panes{
		Freeze:      true,
		XSplit:      p.frozenCols,
		YSplit:      p.headerRow,
		TopLeftCell: topLeft,
		ActivePane:  pane,
		Selection:   []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
	})
}
