package pdf

import (
	"sort"
	"strings"

	"dossier/dossier/document"
)

// tcell is one laid-out table cell: its lines, style and alignment.
type tcell struct {
	lines []string
	st    style
	align string // left, center, right
	span  int    // columns covered (1 unless a wide KeyValues pair)
}

// trow is a laid-out row; its height is that of the tallest cell.
type trow []tcell

var cellLine = pitch(cellSize, cellPitch)

func (r trow) height() float64 {
	n := 1
	for _, c := range r {
		n = max(n, len(c.lines))
	}
	return roundUp(float64(n)*cellLine + 2*cellPadY)
}

// grid draws bordered rows under a caption. Rows never split across pages: a row that does
// not fit moves to the next page, where the header rows are drawn again. Only a row taller
// than a whole page is cut, between lines.
type grid struct {
	d       *renderer
	widths  []float64
	header  []trow
	caption string
}

// layoutCell wraps text for a column of width w (borders and padding excluded).
func (g *grid) layoutCell(text string, st style, w float64, align string) tcell {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, g.d.split(st, para, w-2*cellPadX, w-2*cellPadX, false)...)
	}
	return tcell{lines: lines, st: st, align: align, span: 1}
}

func (g *grid) headerHeight() float64 {
	h := 0.0
	for _, r := range g.header {
		h += r.height()
	}
	return h
}

// start draws the caption and the header; it keeps them with the first body row.
func (g *grid) start(first trow) {
	d := g.d
	capH := 0.0
	st := style{famHei, 12}
	ch := pitch(st.size, 1.6)
	var capLines []string
	if g.caption != "" {
		capLines = d.split(st, g.caption, d.width, d.width, false)
		capH = float64(len(capLines)) * ch
	}
	need := capH + g.headerHeight()
	if first != nil {
		need += min(first.height(), d.pageBody()-need)
	}
	d.ensure(need)
	if !d.fresh {
		d.y += pitch(bodySize, 0.6)
	}
	for _, l := range capLines {
		d.line(st, d.left, d.width, l, "center", ch)
		d.y += ch
	}
	g.drawHeader()
}

func (g *grid) drawHeader() {
	for _, r := range g.header {
		g.draw(r, r.height())
	}
}

// add draws a body row, moving it to a new page (with the header again) if it does not fit.
func (g *grid) add(r trow) {
	d := g.d
	h := r.height()
	if h > d.room()+1e-6 && h <= d.pageBody()-g.headerHeight() {
		d.newPage()
		g.drawHeader()
	}
	for h > d.room()+1e-6 { // taller than a page: cut it between lines
		n := int((d.room() - 2*cellPadY) / cellLine)
		if n < 1 {
			d.newPage()
			g.drawHeader()
			continue
		}
		head, tail := make(trow, len(r)), make(trow, len(r))
		for i, c := range r {
			head[i], tail[i] = c, c
			k := min(n, len(c.lines))
			head[i].lines, tail[i].lines = c.lines[:k], c.lines[k:]
		}
		g.draw(head, d.room())
		d.newPage()
		g.drawHeader()
		r, h = tail, tail.height()
	}
	g.draw(r, h)
}

// draw draws row r with height h at the current y and moves y below it.
func (g *grid) draw(r trow, h float64) {
	d := g.d
	p := d.pdf
	x := d.left
	p.SetLineWidth(0.3)
	col := 0
	for _, c := range r {
		w := 0.0
		for k := 0; k < c.span; k++ {
			w += g.widths[col+k]
		}
		col += c.span
		p.Rect(x, d.y, w, h, "D")
		y := d.y + cellPadY
		// Vertically centre short cells in tall rows, as Word's tables do.
		y += (h - 2*cellPadY - float64(len(c.lines))*cellLine) / 2
		saved := d.y
		for _, l := range c.lines {
			d.y = y
			d.line(c.st, x+cellPadX, w-2*cellPadX, l, c.align, cellLine)
			y += cellLine
		}
		d.y = saved
		x += w
	}
	d.y += h
}

// pageBody is the height of the text block.
func (d *renderer) pageBody() float64 { return pageH - d.top - d.bottom }

// columnWidths shares the text width in proportion to the relative widths (0 counts as 1).
func columnWidths(total float64, rel []float64) []float64 {
	sum := 0.0
	for _, r := range rel {
		sum += max(r, 0) + boolf(r <= 0)
	}
	out := make([]float64, len(rel))
	for i, r := range rel {
		if r <= 0 {
			r = 1
		}
		out[i] = total * r / sum
	}
	return out
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// alignOf maps a column to the alignment of its body cells: numbers right, the rest left.
func alignOf(c document.Column) string {
	switch c.Align {
	case "left", "center", "right":
		return c.Align
	}
	switch c.Kind {
	case "money", "int", "percent":
		return "right"
	case "date":
		return "center"
	}
	return "left"
}

// table draws a document.Table: header (with units as their own line), body rows, total.
func (d *renderer) table(t *document.Table) {
	if len(t.Columns) == 0 {
		return
	}
	rel := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		rel[i] = c.Width
	}
	g := &grid{d: d, widths: d.fitColumns(t, columnWidths(d.width, rel)), caption: t.Caption}
	head := make(trow, len(t.Columns))
	for i, c := range t.Columns {
		cellW := g.widths[i]
		head[i] = g.layoutCell(c.Header, cellHei, cellW, "center")
		if c.Unit != "" {
			// The unit is one line of its own, never split: "（万元）".
			head[i].lines = append(head[i].lines, "（"+c.Unit+"）")
		}
	}
	g.header = []trow{head}
	row := func(vals []string, st style) trow {
		r := make(trow, len(t.Columns))
		for i, c := range t.Columns {
			v := ""
			if i < len(vals) {
				v = vals[i]
			}
			r[i] = g.layoutCell(v, st, g.widths[i], alignOf(c))
		}
		return r
	}
	var first trow
	if len(t.Rows) > 0 {
		first = row(t.Rows[0], cell)
	}
	g.start(first)
	for _, vals := range t.Rows {
		g.add(row(vals, cell))
	}
	if t.Total != nil {
		g.add(row(t.Total, cellHei))
	}
	d.y += pitch(bodySize, 0.6)
}

// keyValues draws a 基本信息表: label | value (| label | value) rows, wide pairs spanning.
func (d *renderer) keyValues(kv *document.KeyValues) {
	cols := 2
	rel := []float64{3, 7}
	if kv.Columns == 4 {
		cols, rel = 4, d.kvWidths(kv)
	}
	g := &grid{d: d, widths: columnWidths(d.width, rel), caption: kv.Caption}
	var rows []trow
	var cur trow
	lastValue := ""
	// flush ends a row; in a half-filled 4-column row the last value spans the rest.
	flush := func() {
		if k := len(cur) - 1; k > 0 && len(cur) < cols {
			w := 0.0
			for i := k; i < cols; i++ {
				w += g.widths[i]
			}
			cur[k] = g.layoutCell(lastValue, cell, w, "left")
			cur[k].span = cols - k
		}
		if len(cur) > 0 {
			rows = append(rows, cur)
		}
		cur = nil
	}
	for _, p := range kv.Pairs {
		if p.Wide && cols == 4 {
			flush()
			v := g.layoutCell(p.Value, cell, g.widths[1]+g.widths[2]+g.widths[3], "left")
			v.span = 3
			rows = append(rows, trow{g.layoutCell(p.Label, cell, g.widths[0], "center"), v})
			continue
		}
		k := len(cur)
		cur = append(cur, g.layoutCell(p.Label, cell, g.widths[k], "center"),
			g.layoutCell(p.Value, cell, g.widths[k+1], "left"))
		lastValue = p.Value
		if len(cur) == cols {
			flush()
		}
	}
	flush()
	if len(rows) == 0 {
		return
	}
	g.start(rows[0])
	for _, r := range rows {
		g.add(r)
	}
	d.y += pitch(bodySize, 0.6)
}

// kvWidths are the relative widths of a 4-column 基本信息表: the label columns as wide as the
// longest label (between 15% and 24% of the width each); the value columns share the rest,
// moved towards the column whose longest word (a 统一社会信用代码, an e-mail address) needs it.
func (d *renderer) kvWidths(kv *document.KeyValues) []float64 {
	label := 0.0
	var word [2]float64 // longest unbreakable word per value column
	k := 0
	for _, p := range kv.Pairs {
		if p.Wide {
			k = 0
			continue
		}
		label = max(label, d.measure(cell, p.Label))
		for _, a := range atomize(p.Value) {
			word[k] = max(word[k], d.measure(cell, a.text)+2*cellPadX+0.5)
		}
		k = 1 - k
	}
	l := min(max(label+2*cellPadX+0.5, 0.15*d.width), 0.24*d.width)
	rest := d.width - 2*l
	v1 := rest / 2
	switch {
	case word[0] > v1 && rest-word[0] >= word[1]:
		v1 = word[0]
	case word[1] > rest-v1 && rest-word[1] >= word[0]:
		v1 = rest - word[1]
	}
	return []float64{l, v1, l, rest - v1}
}

// fitColumns keeps the template's relative widths where they suffice, and widens a column
// that would split a short cell, a number, a date or a code (发明专利, 2020年12月, 1,036.92,
// （万元）) to what it needs, taking the width from columns with room to spare. When not every
// short cell can stay on one line, it still widens every column to its longest word, so that
// no number or code (RD01, IP01, PS01) is broken between characters.
func (d *renderer) fitColumns(t *document.Table, widths []float64) []float64 {
	headers := make([]string, len(t.Columns))
	numeric := make([]bool, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = c.Header
		if c.Unit != "" {
			headers[i] += "\n（" + c.Unit + "）"
		}
		numeric[i] = c.Kind == "money" || c.Kind == "int" || c.Kind == "percent"
	}
	ns := measureNeeds(d, headers, numeric, t.Rows, t.Total, cellSize)
	mins := make([]float64, len(ns))
	for i, n := range ns {
		mins[i] = n.min
	}
	if out, ok := widen(widths, mins); ok {
		return out
	}
	// Every column gets its longest word; then as many columns as the width allows, those
	// that need least first, get their minimum (short cells and headers on one line).
	words := d.wordMins(t, headers)
	room := 0.0
	for i, w := range words {
		room += widths[i] - w
	}
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	gap := func(i int) float64 { return max(0, mins[i]-words[i]) }
	sort.SliceStable(order, func(a, b int) bool { return gap(order[a]) < gap(order[b]) })
	for _, i := range order {
		if g := gap(i); g <= room {
			words[i] += g
			room -= g
		}
	}
	if out, ok := widen(widths, words); ok {
		return out
	}
	return widths
}

// widen gives every column at least its minimum, taking the width from the columns above
// theirs in proportion to their room; false when the minimums do not fit.
func widen(widths, mins []float64) ([]float64, bool) {
	short, spare := 0.0, 0.0
	for i, m := range mins {
		if widths[i] < m {
			short += m - widths[i]
		} else {
			spare += widths[i] - m
		}
	}
	switch {
	case short == 0:
		return widths, true
	case spare < short:
		return nil, false
	}
	out := make([]float64, len(widths))
	for i, m := range mins {
		if widths[i] < m {
			out[i] = m
		} else {
			out[i] = widths[i] - (widths[i]-m)*short/spare
		}
	}
	return out, true
}

// wordMins is the width each column needs so that no word, number or code in it is broken:
// its longest atom (headers and the total in Hei, the body in Song) and the cell padding.
func (d *renderer) wordMins(t *document.Table, headers []string) []float64 {
	out := make([]float64, len(t.Columns))
	for j := range t.Columns {
		w := 0.0
		for _, l := range strings.Split(headers[j], "\n") {
			w = max(w, longestAtom(d, cellHei, l))
		}
		for _, r := range t.Rows {
			if j < len(r) {
				w = max(w, longestAtom(d, cell, r[j]))
			}
		}
		if j < len(t.Total) {
			w = max(w, longestAtom(d, cellHei, t.Total[j]))
		}
		out[j] = w + 2*cellPadX + 0.4
	}
	return out
}
