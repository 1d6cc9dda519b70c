package xlsx

import (
	"fmt"

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
}

func newPlan(st *styles, name string, s *document.Sheet) (*plan, error) {
	n := len(s.Columns)
	p := &plan{name: name, kinds: make([]string, n), styles: make([]int, n),
		totalStyles: make([]int, n), widths: make([]float64, n)}
	widest := make([]float64, n)
	for j, c := range s.Columns {
		k, err := normKind(c.Kind)
		if err != nil {
			return nil, fmt.Errorf("xlsx: sheet %q column %d %q: %w", name, j+1, c.Header, err)
		}
		p.kinds[j] = k
		if p.styles[j], err = st.cellStyle(k, c.Align, false); err != nil {
			return nil, err
		}
		if p.totalStyles[j], err = st.cellStyle(k, c.Align, true); err != nil {
			return nil, err
		}
		widest[j] = maxLineWidth(headerText(c))
	}
	convert := func(cells []document.Cell, what string) ([]any, error) {
		if len(cells) > n {
			return nil, fmt.Errorf("xlsx: sheet %q %s: %d cells but %d columns", name, what, len(cells), n)
		}
		vals := make([]any, n)
		for j, c := range cells {
			v, err := cellValue(p.kinds[j], c)
			if err != nil {
				return nil, fmt.Errorf("xlsx: sheet %q %s column %d %q: %w", name, what, j+1, s.Columns[j].Header, err)
			}
			vals[j] = v
			if v != nil {
				widest[j] = max(widest[j], maxLineWidth(displayText(p.kinds[j], v)))
			}
		}
		return vals, nil
	}
	p.rows = make([][]any, len(s.Rows))
	for i, r := range s.Rows {
		vals, err := convert(r, fmt.Sprintf("row %d", i+1))
		if err != nil {
			return nil, err
		}
		p.rows[i] = vals
	}
	if s.Total != nil {
		vals, err := convert(s.Total, "total row")
		if err != nil {
			return nil, err
		}
		p.total = vals
	}
	for j := range widest {
		p.widths[j] = widthFor(p.kinds[j], widest[j])
	}

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
		return nil, fmt.Errorf("xlsx: sheet %q: %d rows, more than Excel's %d", name, p.end, excelize.TotalRows)
	}
	return p, nil
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

// writeSheet sets up the page and writes title, header, rows, total and note of one sheet.
func writeSheet(f *excelize.File, st *styles, name string, s *document.Sheet, stream bool) error {
	p, err := newPlan(st, name, s)
	if err != nil {
		return err
	}
	if err := pageSetup(f, p); err != nil {
		return fmt.Errorf("xlsx: sheet %q: page setup: %w", name, err)
	}
	var sink rowSink
	var sw *excelize.StreamWriter
	if stream {
		// Everything that lives in the worksheet XML before <sheetData> (sheetPr, panes,
		// columns) must be set before the first row is streamed; pageSetup did the rest.
		if sw, err = f.NewStreamWriter(name); err != nil {
			return fmt.Errorf("xlsx: sheet %q: stream writer: %w", name, err)
		}
		for j, w := range p.widths {
			if err := sw.SetColWidth(j+1, j+1, w); err != nil {
				return fmt.Errorf("xlsx: sheet %q: column width: %w", name, err)
			}
		}
		sink = &streamSink{sw: sw}
	} else {
		for j, w := range p.widths {
			col, _ := excelize.ColumnNumberToName(j + 1)
			if err := f.SetColWidth(name, col, col, w); err != nil {
				return fmt.Errorf("xlsx: sheet %q: column width: %w", name, err)
			}
		}
		sink = &fileSink{f: f, sheet: name}
	}
	if err := writeRows(sink, st, p, s); err != nil {
		return fmt.Errorf("xlsx: sheet %q: %w", name, err)
	}
	if sw != nil {
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("xlsx: sheet %q: flush: %w", name, err)
		}
	}
	return nil
}

func writeRows(sink rowSink, st *styles, p *plan, s *document.Sheet) error {
	n := len(p.kinds)
	total := p.totalWidth()
	fill := func(v any, style int) ([]any, []int) {
		vals, styles := make([]any, n), make([]int, n)
		vals[0] = v
		for j := range styles {
			styles[j] = style
		}
		return vals, styles
	}

	// Title: 16 pt, so it needs titleScale times the width of body text; wrap rather than
	// clip when it is wider than the table.
	tl := wrappedLines(s.Title, total/titleScale)
	vals, styles := fill(s.Title, st.title)
	if err := sink.row(1, vals, styles, min(max(titleHeight, float64(tl)*22+10), maxRowHeight)); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if err := sink.merge(1, n); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if s.Subtitle != "" {
		vals, styles = fill(s.Subtitle, st.subtitle)
		if err := sink.row(2, vals, styles, rowHeight(wrappedLines(s.Subtitle, total))); err != nil {
			return fmt.Errorf("subtitle: %w", err)
		}
		if err := sink.merge(2, n); err != nil {
			return fmt.Errorf("subtitle: %w", err)
		}
	}

	header := make([]any, n)
	hl := 1
	for j, c := range s.Columns {
		h := headerText(c)
		header[j] = h
		hl = max(hl, wrappedLines(h, p.widths[j]))
	}
	_, hstyles := fill(nil, st.header)
	if err := sink.row(p.headerRow, header, hstyles, rowHeight(hl)); err != nil {
		return fmt.Errorf("header: %w", err)
	}

	for i, vals := range p.rows {
		h := 0.0 // default height for one-line rows
		if l := p.lines(vals); l > 1 {
			h = rowHeight(l)
		}
		if err := sink.row(p.firstData+i, vals, p.styles, h); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	if p.total != nil {
		h := 0.0
		if l := p.lines(p.total); l > 1 {
			h = rowHeight(l)
		}
		if err := sink.row(p.totalRow, p.total, p.totalStyles, h); err != nil {
			return fmt.Errorf("total row: %w", err)
		}
	}
	if s.Note != "" {
		vals, styles = fill(s.Note, st.note)
		if err := sink.row(p.noteRow, vals, styles, rowHeight(wrappedLines(s.Note, total))); err != nil {
			return fmt.Errorf("note: %w", err)
		}
		if err := sink.merge(p.noteRow, n); err != nil {
			return fmt.Errorf("note: %w", err)
		}
	}
	return nil
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
	return f.SetPanes(p.name, &excelize.Panes{
		Freeze:      true,
		YSplit:      p.headerRow,
		TopLeftCell: fmt.Sprintf("A%d", p.firstData),
		ActivePane:  "bottomLeft",
		Selection: []excelize.Selection{
			{SQRef: fmt.Sprintf("A%d", p.firstData), ActiveCell: fmt.Sprintf("A%d", p.firstData), Pane: "bottomLeft"},
		},
	})
}
