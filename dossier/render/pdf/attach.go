package pdf

import (
	"bytes"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/document"
)

// Attachments bound after a report (document.Report.Appendix): the 目录 lists them with the
// pages they will start on, and the pages that carry them get the report's page numbers and
// seal strip from an overlay (Overlay) that is stamped over them after merging.

// endPageKey is where the layout records its last physical page among the heading pages,
// from which the attachments are numbered.
const endPageKey = -1

// Layout says how a rendered report's pages came out.
type Layout struct {
	Pages      int // physical pages, the blank ones included
	CoverPages int // pages before page 1 (the cover, and its blank back double-sided)
}

// Folio is the printed page number of physical page n (0 or less: unnumbered).
func (l Layout) Folio(n int) int { return n - l.CoverPages }

// AppendixStarts returns the physical page each attachment starts on when a report of end
// pages is followed by attachments of the given page counts, and the volume's last page.
// Double-sided (o.Duplex) each attachment starts on a right-hand page, after a blank page
// where needed; otherwise they follow one another.
func AppendixStarts(o Options, end int, counts []int) (starts []int, last int) {
	next := end + 1
	for _, n := range counts {
		if o.Duplex() && next%2 == 0 {
			next++
		}
		starts = append(starts, next)
		next += n
	}
	return starts, next - 1
}

// indexPageKey is where the layout records the printed page of the attachment index page.
const indexPageKey = -2

// appendixTOC lists, at the end of the 目录, the attachment index page (when there is one) and
// the attachments, each with the page it starts on.
func (d *renderer) appendixTOC(st style, lh, numW, dotW float64) {
	if len(d.r.Appendix) == 0 {
		return
	}
	if d.hasIndex() {
		d.tocEntry(st, lh, numW, dotW, d.r.AppendixIndex, func() string { return pageLabel(d.headingPages, indexPageKey) })
	}
	d.appendixEntries(st, lh, numW, dotW)
}

// appendixEntries lists the attachments with their first pages, known once the report's end is.
func (d *renderer) appendixEntries(st style, lh, numW, dotW float64) {
	for i, e := range d.r.Appendix {
		d.tocEntry(st, lh, numW, dotW, e.Title, func() string { return d.appendixPage(i) })
	}
}

// appendixPage is the printed page attachment i starts on, "?" before the report's end is
// known.
func (d *renderer) appendixPage(i int) string {
	end, known := d.headingPages[endPageKey]
	if !known {
		return "?"
	}
	counts := make([]int, len(d.r.Appendix))
	for i, e := range d.r.Appendix {
		counts[i] = e.Pages
	}
	starts, _ := AppendixStarts(d.o, end, counts)
	return fmt.Sprint(starts[i] - d.coverPages)
}

// tocEntry draws one line of a 目录 or index: the title (wrapped), dot leaders and the page
// num gives at the end of the layout.
func (d *renderer) tocEntry(st style, lh, numW, dotW float64, title string, num func() string) {
	textW := d.width - numW - 2*dotW
	lines := d.split(st, title, textW, textW, false)
	d.ensure(lh * float64(len(lines)))
	for j, l := range lines {
		d.line(st, d.left, textW, l, "left", lh)
		if j < len(lines)-1 {
			d.y += lh
		}
	}
	d.pageNumber(st, lh, d.left+d.measure(st, lines[len(lines)-1])+dotW, dotW, num)
	d.y += lh
}

// hasIndex reports whether the report binds an index page (附件目录 / 证明材料索引) before its
// attachments.
func (d *renderer) hasIndex() bool { return d.r.AppendixIndex != "" && len(d.r.Appendix) > 0 }

// appendix ends the report's own pages: the attachment index page when the template asks for
// one, then (when every attachment is a placeholder) the placeholders. The report's end, from
// which the attachments are numbered, is after the index.
func (d *renderer) appendix() {
	if d.hasIndex() {
		d.newPage()
		d.headingPages[indexPageKey] = d.folio()
		hs := headingStyle[1]
		hh := pitch(hs.size, 1.5)
		d.line(hs, d.left, d.width, d.r.AppendixIndex, "center", hh)
		d.y += hh * 1.6
		st := body
		d.appendixEntries(st, pitch(st.size, 1.8), 3*em(st), d.measure(st, "."))
		d.endParts()
	}
	d.headingPages[endPageKey] = d.pdf.PageNo()
	d.inlineAppendix()
}

// OverlayPage is one page of an overlay: the physical page it goes on, its printed number
// (0: none, a blank page) and its size in millimetres (the page it is stamped on).
type OverlayPage struct {
	Page  int
	Folio int
	W, H  float64
}

// Overlay writes a PDF with one transparent page per OverlayPage carrying what the report
// prints on its own pages: "— N —" at the same place (FolioAt, measured from the bottom and
// the outer edge of a page of any size), with o.Seal the light box of the seal strip, and with
// o.Draft the 草稿 watermark.
func Overlay(w io.Writer, o Options, pages []OverlayPage) error {
	return withFonts(w, "— 0123456789草稿", func(d *renderer) {
		for _, pg := range pages {
			d.pdf.AddPageFormat("P", fpdf.SizeType{Wd: pg.W, Ht: pg.H}) // "L" would swap the sizes given
			dx, dy := pg.W-pageW, pg.H-pageH
			if o.Draft {
				d.draftMark(pg.W, pg.H)
			}
			if o.Seal {
				x, y, sw, sh := o.SealZone(pg.Page)
				if x > pageW/2 {
					x += dx
				}
				d.sealBox(x, y+dy/2, sw, sh)
			}
			if pg.Folio > 0 {
				s := Folio(pg.Folio)
				st := style{famSong, FolioSize}
				fw := d.measure(st, s)
				x, y := o.FolioAt(pg.Page, fw)
				switch {
				case !o.Print:
					x += dx / 2
				case o.outerRight(pg.Page):
					x += dx
				}
				d.text(st, x, y+dy, s, 0)
			}
		}
	})
}

// Placeholder writes a one-page A4 PDF standing in for a missing attachment: text (附件N
// 名称（未提供，请在此处插入）) in a box in the middle of the page.
func Placeholder(w io.Writer, text string) error {
	return withFonts(w, text, func(d *renderer) {
		d.pdf.AddPage()
		d.placeholder(text)
	})
}

// inlineAppendix prints the attachments after the report when every one is a placeholder
// (nothing to merge): each on a page of its own, on a right-hand page double-sided, numbered
// on by the report's own footer, where AppendixStarts puts them.
func (d *renderer) inlineAppendix() {
	if !InlineAppendix(d.r) {
		return
	}
	for _, e := range d.r.Appendix {
		if d.o.Duplex() && d.pdf.PageNo()%2 == 1 {
			d.newPage()
			d.blanks[d.pdf.PageNo()] = true
		}
		d.newPage()
		d.placeholder(e.Placeholder)
	}
	d.endParts()
}

// InlineAppendix reports whether Render prints r's attachments itself (all placeholders).
func InlineAppendix(r *document.Report) bool {
	for _, e := range r.Appendix {
		if e.Placeholder == "" || e.Pages != 1 {
			return false
		}
	}
	return len(r.Appendix) > 0
}

// placeholder draws the box and text of a missing attachment's page.
func (d *renderer) placeholder(text string) {
	st := headingStyle[2]
	lh := pitch(st.size, 1.6)
	boxW := pageW - 2*30.0
	lines := d.split(st, text, boxW-10, boxW-10, false)
	h := lh*float64(len(lines)) + 20
	top := (pageH - h) / 2
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(30, top, boxW, h, "D")
	d.pdf.SetDrawColor(0, 0, 0)
	d.y = top + 10
	for _, l := range lines {
		d.line(st, 35, boxW-10, l, "center", lh)
		d.y += lh
	}
}

// sealBox draws the light dashed box of the seal strip (as pageHeader does).
func (d *renderer) sealBox(x, y, w, h float64) {
	p := d.pdf
	p.SetDrawColor(185, 185, 185)
	p.SetLineWidth(0.2)
	p.SetDashPattern([]float64{1.5, 1.2}, 0)
	p.Rect(x, y, w, h, "D")
	p.SetDashPattern(nil, 0)
	p.SetDrawColor(0, 0, 0)
}

// withFonts runs draw on a bare renderer (no page furniture) whose fonts cover text, and
// writes the PDF.
func withFonts(w io.Writer, text string, draw func(d *renderer)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: render panicked: %v", p)
		}
	}()
	full, err := loadFonts()
	if err != nil {
		return err
	}
	r := &document.Report{Blocks: []document.Block{&document.Paragraph{Text: text}}}
	faces, err := cut(full, r, false)
	if err != nil {
		return err
	}
	d, err := newRenderer(r, Options{}, full, faces)
	if err != nil {
		return err
	}
	d.pdf.SetHeaderFuncMode(func() {}, false)
	d.pdf.SetFooterFunc(func() {})
	draw(d)
	d.pdf.Close()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdf: writing: %w", err)
	}
	_, err = w.Write(compact(tagSubsets(buf.Bytes())))
	return err
}
