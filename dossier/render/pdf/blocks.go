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
	if d.r.Cover != nil {
		d.cover(d.r.Cover)
		d.afterCover()
	}
	for i, b := range d.r.Blocks {
		d.beforeBlock(i)
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
			d.signature(b)
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
		if err := d.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: block %d (%T): %w", i, b, err)
		}
	}
	if d.pdf.PageNo() == 0 {
		d.newPage()
	}
	d.endParts()
	d.headingPages[endPageKey] = d.pdf.PageNo()
	d.inlineAppendix()
	return nil
}

// finish closes the document (last footer, fonts subset and embedded). Only the final pass
// is finished: subsetting is a third of the rendering time.
func (d *renderer) finish() error {
	d.pdf.Close()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// cover draws the title page: programme, big title, label/value lines, date at the bottom.
func (d *renderer) cover(c *document.Cover) {
	d.newPage()
	x, w := d.left, d.width
	d.y = d.top + 20
	if c.Programme != "" {
		st := style{famHei, 18}
		h := pitch(st.size, 1.5)
		for _, l := range d.wrap(st, c.Programme, w-2*em(st), 0, false)[0] {
			d.line(st, x, w, l, "center", h)
			d.y += h
		}
		d.y += 12
	}
	if c.Title != "" {
		st := style{famHei, 26} // 一号
		h := pitch(st.size, 1.4)
		for _, l := range d.wrap(st, c.Title, w, 0, false)[0] {
			d.line(st, x, w, l, "center", h)
			d.y += h
		}
	}
	// Label/value lines in the lower half: labels right-aligned to a common column, values
	// on an underline, like the covers of the ministries' 申报书 templates.
	st := style{famSong, 16} // 三号
	h := pitch(st.size, 2.2)
	labels := make([]string, len(c.Lines))
	labelW := 0.0
	for i, l := range c.Lines {
		labels[i] = l.Label
		if l.Seal && !strings.Contains(l.Label, "盖章") { // the cover is stamped whether or not a 骑缝章 is asked for
			labels[i] += "（盖章）"
		}
		labels[i] += "："
		labelW = max(labelW, d.measure(st, labels[i]))
	}
	valueW := min(w-labelW-em(st), 16*em(st))
	blockX := x + (w-labelW-valueW)/2
	d.y = max(d.y+20, pageH*0.55)
	for i, l := range c.Lines {
		vals := splitLines(l.Value, d.measurer(st), valueW, valueW, false)
		for j, v := range vals {
			if j == 0 {
				d.line(st, blockX, labelW, labels[i], "right", h)
			}
			d.line(st, blockX+labelW, valueW, v, "center", h)
			y := d.y + h*0.8
			d.pdf.SetLineWidth(0.25)
			d.pdf.Line(blockX+labelW, y, blockX+labelW+valueW, y)
			d.y += h
		}
	}
	if c.Date != "" {
		d.y = max(d.y+h, pageH-d.bottom-25)
		d.line(st, x, w, c.Date, "center", h)
	}
}

// heading draws a heading; level 1 starts a new page. Level 1 and 2 headings are recorded
// for the 目录 and the PDF outline.
func (d *renderer) heading(i int, h *document.Heading) {
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
		d.ensure(before + float64(len(lines))*lh + after + 2*pitch(bodySize, bodyPitch))
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
	st := body
	lh := pitch(st.size, bodyPitch)
	indent := 2 * em(st)
	align := "justify"
	switch p.Align {
	case "right", "center":
		indent, align = 0, p.Align
	}
	if p.NoIndent {
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
		for _, part := range splitLines(l, d.measurer(st), blockW, blockW, false) {
			d.line(st, x, blockW, part, "left", lh)
			d.y += lh
		}
	}
}

// toc draws the 目录 on a page of its own: level-1 and level-2 headings with dot leaders and
// the page numbers found by the previous pass, each entry linked to its heading.
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
		lines := splitLines(h.Text, d.measurer(st), textW, textW, false)
		d.ensure(lh * float64(len(lines)))
		top := d.y
		for j, l := range lines {
			d.line(st, d.left+indent, textW, l, "left", lh)
			if j < len(lines)-1 {
				d.y += lh
			}
		}
		num := "?"
		if n, ok := d.tocPages[i]; ok {
			num = fmt.Sprint(n)
		}
		last := lines[len(lines)-1]
		from := d.left + indent + d.measure(st, last) + dotW
		to := d.left + d.width - d.measure(st, num) - dotW
		if n := int((to - from) / dotW); n > 0 {
			d.line(st, to-float64(n)*dotW, float64(n)*dotW, strings.Repeat(".", n), "left", lh)
		}
		d.line(st, d.left, d.width, num, "right", lh)
		if i > tocAt { // a link to a heading that was drawn before would never get its target
			id := d.pdf.AddLink()
			d.pdf.Link(d.left, top, d.width, d.y+lh-top, id)
			d.tocLinks[i] = id
		}
		d.y += lh
	}
	d.appendixTOC(st, lh, numW, dotW)
}
