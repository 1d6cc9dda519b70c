package pdf

import (
	"fmt"
	"strings"

	"dossier/dossier/document"
)

// Heading styles by level: 三号 / 四号 / 小四 Hei.
var headingStyle = map[int]style{1: {famHei, 16}, 2: {famHei, 14}, 3: {famHei, 12}}

// render lays out the whole report once.
func (d *renderer) render() error {
	d.planParts()
	d.letterHead()
	if d.r.Cover != nil {
		d.cover(d.r.Cover)
		d.afterCover()
	}
	for i, b := range d.r.Blocks {
		d.beforeBlock(i)
		if err := d.block(i, b); err != nil {
			return err
		}
		if err := d.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: block %d (%T): %w", i, b, err)
		}
	}
	if d.pdf.PageNo() == 0 {
		d.newPage()
	}
	if d.afterSign() && d.pdf.PageNo() > d.signPage {
		d.signAlone = true
	}
	d.endParts()
	d.appendix() // the attachment index page, the report's end, inline placeholders
	d.drawNumbers()
	return nil
}

// block lays out block i of the body, by its type.
func (d *renderer) block(i int, b document.Block) error {
	switch b := b.(type) {
	case *document.Heading:
		d.heading(i, b)
	case *document.Paragraph:
		d.paragraph(b)
	case *document.KeyValues:
		d.keyValues(b)
	case *document.Table:
		d.table(b)
	case *document.Signature:
		if d.r.Letter != nil {
			d.letterSignature(b)
		} else {
			d.signature(b)
		}
	case *document.Annex:
		d.annex(b)
	case *document.TOC:
		d.toc(i)
	case *document.PageBreak:
		d.ensure(0)
		if !d.fresh {
			d.newPage()
		}
	case nil:
		return fmt.Errorf("pdf: block %d is nil", i)
	default:
		return fmt.Errorf("pdf: block %d: unknown type %T", i, b)
	}
	return nil
}

// finish closes the document (last footer, fonts subset and embedded). Only the layout that
// is kept is finished (a letter may be laid out at several pitches): subsetting is a third of
// the rendering time.
func (d *renderer) finish() error {
	d.pdf.Close()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// heading draws a heading; level 1 starts a new page. Level 1 and 2 headings are recorded
// for the 目录 and the PDF outline.
func (d *renderer) heading(i int, h *document.Heading) {
	if d.r.Letter != nil && h.Level == 1 {
		d.letterTitle(h.Text)
		return
	}
	st, ok := headingStyle[h.Level]
	if !ok {
		st = headingStyle[3]
	}
	lh := pitch(st.size, 1.5)
	var lines []string // a heading may have several lines of its own (two-line titles)
	for _, para := range d.wrap(st, h.Text, d.width, 0, false) {
		lines = append(lines, para...)
	}
	before, after := lh*0.5, lh*0.4
	if h.Level == 1 && !h.SamePage {
		before, after = 0, lh*0.6
		d.ensure(0)
		if !d.fresh {
			d.newPage()
		}
	} else {
		// keep the heading with at least two lines of what follows
		bs, bf := d.bodyStyle()
		d.ensure(before + float64(len(lines))*lh + after + 2*pitch(bs.size, bf))
		if d.fresh {
			before = 0
		}
	}
	d.y += before
	if h.Level <= 2 {
		d.headingPages[i] = d.folio()
		if id, ok := d.tocLinks[i]; ok {
			d.pdf.SetLink(id, d.y, d.pdf.PageNo())
		}
		d.pdf.Bookmark(h.Text, h.Level-1, d.y)
	}
	align := "left"
	if h.Centered {
		align = "center"
	}
	for _, l := range lines {
		d.line(st, d.left, d.width, l, align, lh)
		d.y += lh
	}
	d.y += after
}

// paragraph draws running text: two-character first-line indent, justified lines with
// hanging ，。、, automatic page breaks between lines.
func (d *renderer) paragraph(p *document.Paragraph) {
	st, f := d.bodyStyle()
	lh := pitch(st.size, f)
	indent := 2 * em(st)
	align := "justify"
	switch p.Align {
	case "right", "center":
		indent, align = 0, p.Align
	}
	if p.NoIndent && !d.afterSign() {
		indent = 0
	}
	for _, lines := range d.wrap(st, p.Text, d.width, indent, align == "justify") {
		for j, l := range lines {
			d.ensure(lh)
			x, w, a := d.left, d.width, align
			if j == 0 {
				x, w = x+indent, w-indent
			}
			if a == "justify" && j == len(lines)-1 {
				a = "left" // the last line of a paragraph is not spread
			}
			d.line(st, x, w, l, a, lh)
			d.y += lh
		}
	}
}

// signature draws the right-aligned block at the end of a 承诺书: signature lines with a
// rule to sign on, the place of the seal, the date. It is kept on one page.
func (d *renderer) signature(s *document.Signature) {
	st := body
	lh := pitch(st.size, 2.4) // room for a handwritten signature
	blank := strings.Repeat("_", 16)
	var lines []string
	for _, l := range s.Lines {
		label := l.Label
		if l.Seal && !strings.Contains(label, "盖章") {
			label += "（盖章）"
		}
		v := l.Value
		if l.Label == "" {
			// An unlabelled line is the signing unit itself: 太原市工业和信息化局（盖章）.
			if l.Seal && !strings.Contains(v, "盖章") {
				v += "（盖章）"
			}
			lines = append(lines, v)
			continue
		}
		if v == "" && !l.Seal {
			v = blank
		}
		lines = append(lines, label+"："+v)
	}
	if s.Date != "" {
		lines = append(lines, s.Date)
	}
	blockW := 0.0
	for _, l := range lines {
		blockW = min(max(blockW, d.measure(st, l)), d.width)
	}
	d.ensure(lh * float64(len(lines)+1))
	if !d.fresh {
		d.y += lh
	}
	// The block is left-aligned within itself and ends two characters from the right margin
	// (成文日期 右空四字 is for 公文; two reads better on application forms).
	x := d.left + d.width - 2*em(st) - blockW
	x = max(x, d.left)
	for _, l := range lines {
		for _, part := range d.split(st, l, blockW, blockW, false) {
			d.line(st, x, blockW, part, "left", lh)
			d.y += lh
		}
	}
}

// toc draws the 目录 on a page of its own: level-1 and level-2 headings with dot leaders and
// their page numbers (drawn at the end, pageNumber), each entry linked to its heading.
func (d *renderer) toc(tocAt int) {
	d.ensure(0)
	if !d.fresh {
		d.newPage()
	}
	hs := headingStyle[1]
	hh := pitch(hs.size, 1.5)
	d.line(hs, d.left, d.width, "目　录", "center", hh)
	d.y += hh * 1.6
	st := body
	lh := pitch(st.size, 1.8)
	numW := 3 * em(st)
	dotW := d.measure(st, ".")
	d.tocLinks = map[int]int{}
	for i, b := range d.r.Blocks {
		h, ok := b.(*document.Heading)
		if !ok || h.NoTOC || h.Level < 1 || h.Level > 2 {
			continue
		}
		indent := 0.0
		if h.Level == 2 {
			indent = 2 * em(st)
		}
		textW := d.width - indent - numW - 2*dotW
		lines := d.split(st, h.Text, textW, textW, false)
		d.ensure(lh * float64(len(lines)))
		top := d.y
		for j, l := range lines {
			d.line(st, d.left+indent, textW, l, "left", lh)
			if j < len(lines)-1 {
				d.y += lh
			}
		}
		last := lines[len(lines)-1]
		d.pageNumber(st, lh, d.left+indent+d.measure(st, last)+dotW, dotW, func() string { return pageLabel(d.headingPages, i) })
		if i > tocAt { // a link to a heading that was drawn before would never get its target
			id := d.pdf.AddLink()
			d.pdf.Link(d.left, top, d.width, d.y+lh-top, id)
			d.tocLinks[i] = id
		}
		d.y += lh
	}
	d.appendixTOC(st, lh, numW, dotW)
}
