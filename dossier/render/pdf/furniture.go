package pdf

import (
	"fmt"

	"dossier/dossier/document"
)

// Page furniture: margins, page numbers, the 骑缝章 strip, the 草稿 watermark and the blank
// pages of the double-sided print layout. The geometry is exported (Options.Margins, FolioAt,
// SealZone) so that pages made elsewhere (scanned attachments stamped after binding) carry
// their numbers and seal strip in exactly the same places.

// Page geometry in millimetres.
const (
	marginTop    = 30
	marginBottom = 25
	marginInner  = 28 // 订口 (GB/T 9704: 28 ± 1 mm)
	marginOuter  = 26
	marginScreen = 27 // screen layout: the 156 mm text block centred

	// FolioSize is the type size of page numbers: 四号, 半角 digits with a 一字线 on each side.
	FolioSize = 14
	folioGap  = 7 // the 一字线 7 mm below the text block (GB/T 9704)

	sealH     = 42 // seal strip: a 40–42 mm 公章 straddles the fore-edge
	sealW     = 16 // strip from 3 to 19 mm off the outer edge; the text block ends 26–27 mm off it
	sealInset = 3
)

// Folio is page number n as GB/T 9704 prints it: "— n —".
func Folio(n int) string { return fmt.Sprintf("— %d —", n) }

// Duplex reports whether o lays pages out for double-sided printing: mirrored margins, page
// numbers and seal strip on the outer edge, every part starting on a right-hand page.
func (o Options) Duplex() bool { return o.Print && !o.Simplex }

// outerRight reports whether the outer (fore-) edge of physical page n (1-based) is its right
// edge: always single-sided and on screen, on odd (right-hand) pages double-sided.
func (o Options) outerRight(page int) bool { return !o.Duplex() || page%2 == 1 }

// Margins returns the left and right margins of physical page n in millimetres: the 订口 is on
// the inner edge (left of a right-hand page, right of a left-hand one).
func (o Options) Margins(page int) (left, right float64) {
	switch {
	case !o.Print || o.Unbound:
		return marginScreen, marginScreen
	case o.outerRight(page):
		return marginInner, marginOuter
	}
	return marginOuter, marginInner
}

// FolioAt returns where a page number w millimetres wide goes on physical page n: its left
// end and baseline in millimetres. On screen it is centred; in print it sits on the outer
// edge one character in from the text block (odd pages right, even pages left, GB/T 9704).
func (o Options) FolioAt(page int, w float64) (x, y float64) {
	y = pageH - marginBottom + folioGap + FolioSize*ptMM*0.7
	left, right := o.Margins(page)
	em := FolioSize * ptMM
	switch {
	case !o.Print:
		x = (pageW - w) / 2
	case o.outerRight(page):
		x = pageW - right - em - w
	default:
		x = left + em
	}
	return x, y
}

// SealZone returns the seal strip of physical page n (x, y, width, height in millimetres): on
// the outer edge, vertically centred, so that the bound volume's fore-edge carries the seal.
func (o Options) SealZone(page int) (x, y, w, h float64) {
	x = sealInset
	if o.outerRight(page) {
		x = pageW - sealInset - sealW
	}
	return x, (pageH - sealH) / 2, sealW, sealH
}

// margins is Options.Margins for the renderer's options.
func (d *renderer) margins(page int) (left, right float64) { return d.o.Margins(page) }

// folio is the printed page number of the current page (0 on the cover).
func (d *renderer) folio() int { return d.pdf.PageNo() - d.coverPages }

// pageHeader draws what lies under the text: the watermark and the seal strip.
func (d *renderer) pageHeader() {
	p := d.pdf
	if d.o.Draft {
		d.draftMark(pageW, pageH)
	}
	if d.o.Seal {
		// A light mark only: thin, light grey, dashed, no text (the 打印说明 says what it is),
		// so that nothing but the seal itself lands in the strip.
		x, y, w, h := d.o.SealZone(p.PageNo())
		p.SetDrawColor(185, 185, 185)
		p.SetLineWidth(0.2)
		p.SetDashPattern([]float64{1.5, 1.2}, 0)
		p.Rect(x, y, w, h, "D")
		p.SetDashPattern(nil, 0)
		p.SetDrawColor(0, 0, 0)
	}
}

// draftMark draws the diagonal light-grey 草稿 across the middle of a page w × h mm.
func (d *renderer) draftMark(w, h float64) {
	p := d.pdf
	p.SetTextColor(215, 215, 215)
	p.SetFont(famHei, "", 120)
	const mark = "草稿"
	mw := p.GetStringWidth(mark)
	p.TransformBegin()
	p.TransformRotate(45, w/2, h/2)
	p.Text(w/2-mw/2, h/2+0.38*120*ptMM, mark)
	p.TransformEnd()
	p.SetTextColor(0, 0, 0)
}

// pageFooter prints "— N —" under the text block on numbered pages that are not blank.
func (d *renderer) pageFooter() {
	n := d.folio()
	if n < 1 || d.blanks[d.pdf.PageNo()] {
		return
	}
	s := Folio(n)
	st := style{famSong, FolioSize}
	x, y := d.o.FolioAt(d.pdf.PageNo(), d.measure(st, s))
	d.text(st, x, y, s, 0)
}

// planParts marks the blocks that start a part of the bound volume in the double-sided print
// layout: the first block after the cover (so the 承诺书 is not on the back of the cover),
// every level-1 heading before the 目录, the 目录 itself and the first block after it (the
// body). Each part starts on a right-hand page.
func (d *renderer) planParts() {
	d.blanks = map[int]bool{}
	d.rectoAt = map[int]bool{}
	if !d.o.Duplex() {
		return
	}
	if d.r.Cover != nil {
		d.rectoAt[0] = true
	}
	for i, b := range d.r.Blocks {
		switch b := b.(type) {
		case *document.TOC:
			d.rectoAt[i], d.rectoAt[i+1] = true, true
			return
		case *document.Heading:
			if b.Level == 1 && !b.SamePage {
				d.rectoAt[i] = true
			}
		}
	}
	// No 目录: only the first block after the cover is a part of its own.
	for i := range d.rectoAt {
		d.rectoAt[i] = i == 0 && d.r.Cover != nil
	}
}

// afterCover numbers the pages from the first page after the cover; double-sided, the cover's
// back page is blank and unnumbered too, so that odd numbers fall on right-hand pages.
func (d *renderer) afterCover() {
	d.coverPages = d.pdf.PageNo()
	if d.o.Duplex() && d.coverPages%2 == 1 {
		d.coverPages++
	}
}

// beforeBlock starts a right-hand page when block i starts a part, leaving a blank left-hand
// page before it where needed.
func (d *renderer) beforeBlock(i int) {
	if !d.rectoAt[i] {
		return
	}
	if d.pdf.PageNo() == 0 {
		d.newPage()
		return
	}
	if !d.fresh {
		d.newPage()
	}
	if d.pdf.PageNo()%2 == 0 {
		d.blanks[d.pdf.PageNo()] = true
		d.newPage()
	}
}

// endParts ends a double-sided document on a left-hand page, so that whatever is bound after
// it (the next copy, an attachment) starts on a right-hand one.
func (d *renderer) endParts() {
	if d.o.Duplex() && d.pdf.PageNo()%2 == 1 {
		d.newPage()
		d.blanks[d.pdf.PageNo()] = true
	}
}
