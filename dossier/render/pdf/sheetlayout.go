package pdf

import (
	"math"
	"strings"
	"unicode/utf8"
)

// shortCell is the longest cell text (in characters) that is never split across lines:
// 发明专利, 股份有限公司, 技术创新提升, 2019-05-20 stay whole.
const shortCell = 8

// shortHeader is the longest column header that is never split: 研发费用占比, 知识产权类别.
const shortHeader = 6

// colNeeds is what one column asks of the width at a type size: nat is its widest content
// on one line, min the least width that splits no short cell, number, code or word.
type colNeeds struct{ nat, min float64 }

// needs measures every column of the sheet at the given size.
func (sl *sheetLayout) needs(size float64) []colNeeds {
	t := sl.t
	return measureNeeds(sl.d, t.headers, t.numeric, t.rows, t.total, size)
}

// measureNeeds measures the columns of a table: headers (a second line is the unit, never
// split), body rows in Song, the total row in Hei, at the given size.
func measureNeeds(d *renderer, headers []string, numeric []bool, rows [][]string, total []string, size float64) []colNeeds {
	cellSt, headSt := style{famSong, size}, style{famHei, size}
	pad := 2*cellPadX + 0.4
	out := make([]colNeeds, len(headers))
	for j, h := range headers {
		c := &out[j]
		lines := strings.Split(h, "\n")
		for k, l := range lines {
			w := d.measure(headSt, l)
			c.nat = max(c.nat, w)
			switch {
			case k > 0 || utf8.RuneCountInString(l) <= shortHeader: // the unit line and short headers are never split
				c.min = max(c.min, w)
			default: // a longer header takes at most two lines
				c.min = max(c.min, w/2, longestAtom(d, headSt, l))
			}
		}
		cell := func(st style, s string) {
			for _, l := range strings.Split(s, "\n") {
				w := d.measure(st, l)
				c.nat = max(c.nat, w)
				if numeric[j] || utf8.RuneCountInString(l) <= shortCell {
					c.min = max(c.min, w)
				} else {
					c.min = max(c.min, longestAtom(d, st, l))
				}
			}
		}
		for _, r := range rows {
			if j < len(r) {
				cell(cellSt, r[j])
			}
		}
		if j < len(total) {
			cell(headSt, total[j])
		}
		c.nat += pad
		c.min = min(c.min+pad, c.nat)
	}
	return out
}

func longestAtom(d *renderer, st style, s string) float64 {
	w := 0.0
	for _, a := range atomize(s) {
		if !a.space {
			w = max(w, d.measure(st, a.text))
		}
	}
	return w
}

// fit picks the paper and type size: A4 (what every office prints) before A3, larger type
// first, the first where every column gets its minimum and a wrapping text column at least a
// third of its one-line width (or sheetWideCell, for long answers); failing that, 8 pt on the
// same paper if every column gets its minimum. It returns the column widths.
func (sl *sheetLayout) fit() (paper, float64, []float64) {
	for _, pg := range papers {
		for _, strict := range []bool{true, false} {
			avail := pg.w - 2*sheetMargin
			for _, size := range sheetSizes {
				if !strict && size != sheetMinSize {
					continue
				}
				ns := sl.needs(size)
				want := 0.0
				for _, c := range ns {
					if strict {
						want += max(c.min, min(c.nat/3, sheetWideCell))
					} else {
						want += c.min
					}
				}
				if want <= avail {
					return pg, size, distribute(ns, avail)
				}
			}
		}
	}
	pg := papers[len(papers)-1]
	return pg, sheetMinSize, distribute(sl.needs(sheetMinSize), pg.w-2*sheetMargin)
}

// distribute shares avail among the columns: each gets its natural width if all fit (the
// rest spread in proportion); otherwise every column gets at least its minimum and at most
// a common cap, found by bisection, so that wide text columns give way first.
func distribute(ns []colNeeds, avail float64) []float64 {
	// Where they fit, the floors are what fit asked for: a long answer keeps sheetWideCell
	// (or a third of its one-line width) instead of shrinking with every other column.
	// Where they do not, each column gets its minimum and the same fraction of the way to its
	// floor.
	floors, sumFloor, sumMin := floorNeeds(ns)
	if sumFloor <= avail {
		ns = floors
	} else if sumMin < avail {
		f := (avail - sumMin) / (sumFloor - sumMin)
		out := make([]float64, len(ns))
		for j, c := range ns {
			out[j] = c.min + f*(floors[j].min-c.min)
		}
		return out
	}
	out := make([]float64, len(ns))
	sumNat, sumMin, top := 0.0, 0.0, 0.0
	for _, c := range ns {
		sumNat += c.nat
		sumMin += c.min
		top = max(top, c.nat)
	}
	switch {
	case sumNat <= avail:
		for j, c := range ns {
			out[j] = c.nat + (avail-sumNat)*c.nat/sumNat
		}
	case sumMin >= avail:
		for j, c := range ns {
			out[j] = avail * c.min / sumMin
		}
	default:
		capWidths(out, ns, avail, top)
	}
	return out
}

// floorNeeds raises each column's minimum to its floor (sheetWideCell, or a third of its
// natural width when that is less), with the sums of the floors and of the minimums.
func floorNeeds(ns []colNeeds) (floors []colNeeds, sumFloor, sumMin float64) {
	floors = make([]colNeeds, len(ns))
	for j, c := range ns {
		floors[j] = colNeeds{nat: c.nat, min: max(c.min, min(c.nat/3, sheetWideCell))}
		sumFloor += floors[j].min
		sumMin += c.min
	}
	return floors, sumFloor, sumMin
}

// capWidths sets out to the columns' widths under the common cap (found by bisection below
// top, the widest natural width) at which they fill avail; the float slack goes to the
// widest column.
func capWidths(out []float64, ns []colNeeds, avail, top float64) {
	lo, hi := 0.0, top
	for i := 0; i < 60; i++ {
		mid := (lo + hi) / 2
		if capped(ns, mid) > avail {
			hi = mid
		} else {
			lo = mid
		}
	}
	for j, c := range ns {
		out[j] = max(c.min, min(c.nat, lo))
	}
	if s := capped(ns, lo); s > 0 && s < avail {
		k := 0
		for j := range out {
			if out[j] > out[k] {
				k = j
			}
		}
		out[k] += avail - s
	}
}

func capped(ns []colNeeds, c float64) float64 {
	s := 0.0
	for _, n := range ns {
		s += max(n.min, min(n.nat, c))
	}
	return s
}

// srow is a laid-out row of the printed sheet.
type srow struct {
	cells [][]string
	st    style
	fill  bool // the grey header
}

func (sl *sheetLayout) lineH() float64 { return pitch(sl.size, cellPitch) }

func (r srow) height(lineH float64) float64 {
	n := 1
	for _, c := range r.cells {
		n = max(n, len(c))
	}
	return roundUp(float64(n)*lineH + 2*cellPadY)
}

func (sl *sheetLayout) layoutRow(vals []string, st style, fill bool) srow {
	r := srow{st: st, fill: fill, cells: make([][]string, len(sl.widths))}
	for j, w := range sl.widths {
		v := ""
		if j < len(vals) {
			v = vals[j]
		}
		inner := w - 2*cellPadX
		for _, para := range strings.Split(v, "\n") {
			r.cells[j] = append(r.cells[j], sl.d.split(st, para, inner, inner, false)...)
		}
	}
	return r
}

// drawRow draws r with height h at the current y; header rows are centred.
func (sl *sheetLayout) drawRow(r srow, h float64) {
	d, p := sl.d, sl.d.pdf
	x := d.left
	lh := sl.lineH()
	p.SetLineWidth(0.25)
	for j, w := range sl.widths {
		style := "D"
		if r.fill {
			p.SetFillColor(230, 230, 230)
			style = "FD"
		}
		p.Rect(x, d.y, w, h, style)
		lines := r.cells[j]
		y := d.y + cellPadY + (h-2*cellPadY-float64(len(lines))*lh)/2
		align := sl.t.aligns[j]
		if r.fill {
			align = "center"
		}
		saved := d.y
		for _, l := range lines {
			d.y = y
			d.line(r.st, x+cellPadX, w-2*cellPadX, l, align, lh)
			y += lh
		}
		d.y = saved
		x += w
	}
	d.y += h
}

// render lays out the whole sheet and returns the page count.
func (sl *sheetLayout) render() int {
	d, t := sl.d, sl.t
	cellSt, headSt := style{famSong, sl.size}, style{famHei, sl.size}
	header := sl.layoutRow(t.headers, headSt, true)
	bottom := sl.pg.h - sheetBottom
	room := func() float64 { return bottom - d.y }
	page := sl.addPage
	page()
	if t.title != "" {
		st := style{famHei, 16}
		h := pitch(st.size, 1.5)
		for _, l := range d.split(st, t.title, d.width, d.width, false) {
			d.line(st, d.left, d.width, l, "center", h)
			d.y += h
		}
		d.y += 2
	}
	if t.subtitle != "" {
		h := pitch(cellSt.size, 1.6)
		for _, l := range d.split(cellSt, t.subtitle, d.width, d.width, false) {
			d.line(cellSt, d.left, d.width, l, "left", h)
			d.y += h
		}
	}
	sl.drawRow(header, header.height(sl.lineH()))
	hh := header.height(sl.lineH())
	rows := make([]srow, 0, len(t.rows)+1)
	for _, v := range t.rows {
		rows = append(rows, sl.layoutRow(v, cellSt, false))
	}
	if t.total != nil {
		rows = append(rows, sl.layoutRow(t.total, headSt, false))
	}
	for _, r := range rows {
		sl.addRow(r, header, hh, room, page)
	}
	sl.noteAndSeals(room, page)
	return d.pdf.PageNo()
}

// addRow draws a body row, on a new page (under the repeated header) if it does not fit;
// a row taller than a page is cut between lines.
func (sl *sheetLayout) addRow(r srow, header srow, hh float64, room func() float64, page func()) {
	lh := sl.lineH()
	h := r.height(lh)
	body := sl.pg.h - sheetBottom - sheetTop
	// A row that does not fit moves to the next page, unless it is tall (a long answer):
	// then it starts here and is cut between lines, rather than leaving half a page empty.
	if h > room()+1e-6 && (h <= body/3 || room() < 4*lh+2*cellPadY) && h <= body-hh {
		page()
		sl.drawRow(header, hh)
	}
	for h > room()+1e-6 {
		n := int((room() - 2*cellPadY) / lh)
		if n < 1 {
			page()
			sl.drawRow(header, hh)
			continue
		}
		head, tail := srow{st: r.st, cells: make([][]string, len(r.cells))}, srow{st: r.st, cells: make([][]string, len(r.cells))}
		for j, c := range r.cells {
			k := min(n, len(c))
			head.cells[j], tail.cells[j] = c[:k], c[k:]
		}
		sl.drawRow(head, room())
		page()
		sl.drawRow(header, hh)
		r, h = tail, tail.height(lh)
	}
	sl.drawRow(r, h)
}

// noteAndSeals prints the note under the table, then the seal places side by side: each
// with its label, the printed value, room for the seal, and the date.
func (sl *sheetLayout) noteAndSeals(room func() float64, page func()) {
	d, t := sl.d, sl.t
	st := style{famSong, sl.size}
	h := pitch(st.size, 1.6)
	if t.note != "" {
		d.y += 1.5
		for _, l := range d.split(st, t.note, d.width, d.width, false) {
			if room() < h {
				page()
			}
			d.line(st, d.left, d.width, l, "left", h)
			d.y += h
		}
	}
	sealSt := style{famSong, max(sl.size, 10.5)}
	sh := pitch(sealSt.size, 1.6)
	n := len(t.seals)
	w := d.width / float64(max(n, 3))
	x := d.left + d.width - w*float64(n)
	var blocks [][]string
	tallest := 0
	for _, s := range t.seals {
		label := s.Label
		if s.Seal && !strings.Contains(label, "盖章") {
			label += "（盖章）"
		}
		lines := d.split(sealSt, label+"：", w-4, w-4, false)
		if s.Value != "" {
			lines = append(lines, d.split(sealSt, s.Value, w-4, w-4, false)...)
		}
		blocks = append(blocks, lines)
		tallest = max(tallest, len(lines))
	}
	need := 6 + float64(tallest)*sh + sealBlockH*0.6 + sh
	if room() < need {
		page()
	}
	top := d.y + 6
	for i, lines := range blocks {
		bx := x + w*float64(i)
		d.y = top
		for _, l := range lines {
			d.line(sealSt, bx+2, w-4, l, "left", sh)
			d.y += sh
		}
		d.y = top + float64(tallest)*sh + sealBlockH*0.6
		d.line(sealSt, bx+2, w-4-2*em(sealSt), t.date, "right", sh)
	}
	d.y = top + need
	d.y = math.Min(d.y, sl.pg.h-sheetBottom)
}
