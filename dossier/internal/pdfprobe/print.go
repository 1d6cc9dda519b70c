package pdfprobe

import "fmt"

// Print is what a print copy's page furniture should look like.
type Print struct {
	Duplex bool // outer edge right on odd pages, left on even; else always right
	Seal   bool // a seal strip is drawn on the outer edge
	// The strip's distance from the outer edge and width, in millimetres.
	SealInset, SealW float64
	// FolioBelow: page numbers are the words below this many millimetres from the top.
	FolioBelow float64
	// Raster: how many pages (from the first) to render to look for the strip's drawing.
	Raster int
}

// Check reads the PDF at path back and lists what is wrong with its page furniture: a page
// number on the wrong side or of the wrong parity, text inside the seal strip, a strip drawn
// on the inner edge or missing on the outer one. It returns the pages for further checks.
func Check(path string, e Print) ([]Page, []string, error) {
	pages, err := Pages(path)
	if err != nil {
		return nil, nil, err
	}
	c := &checker{path: path, e: e}
	for i, p := range pages {
		if err := c.page(i+1, p); err != nil {
			return nil, nil, err
		}
	}
	return pages, c.problems, nil
}

// checker collects the problems of one PDF's pages.
type checker struct {
	path     string
	e        Print
	problems []string
}

func (c *checker) bad(f string, a ...any) { c.problems = append(c.problems, fmt.Sprintf(f, a...)) }

// strip is the seal strip's x-range in millimetres at the right edge of a page wmm wide, or
// at the left edge.
func (e Print) strip(wmm float64, right bool) (x0, x1 float64) {
	if right {
		return wmm - e.SealInset - e.SealW, wmm - e.SealInset
	}
	return e.SealInset, e.SealInset + e.SealW
}

// page checks page no (1-based): its number, the words in the strip, and (on the first
// Raster pages) what is drawn in the strip on either edge.
func (c *checker) page(no int, p Page) error {
	e := c.e
	outerRight := !e.Duplex || no%2 == 1
	wmm := p.Width * PtMM
	sx0, sx1 := e.strip(wmm, outerRight) // the strip on the outer edge
	if n, box, ok := p.Folio(e.FolioBelow); ok {
		mid := (box.XMin + box.XMax) / 2 * PtMM
		if outerRight && mid < wmm/2+40 || !outerRight && mid > wmm/2-40 {
			c.bad("page %d: %q at x %.0f–%.0f mm, not at the outer edge", no, box.Text, box.XMin*PtMM, box.XMax*PtMM)
		}
		if e.Duplex && n%2 != no%2 {
			c.bad("page %d carries number %d: odd numbers must fall on right-hand pages", no, n)
		}
	}
	for _, w := range p.Words {
		if w.XMax*PtMM > sx0 && w.XMin*PtMM < sx1 {
			c.bad("page %d: %q (x %.1f–%.1f mm) lies in the seal strip (%.0f–%.0f mm)", no, w.Text, w.XMin*PtMM, w.XMax*PtMM, sx0, sx1)
		}
	}
	if no > e.Raster {
		return nil
	}
	return c.ink(no, p, outerRight)
}

// ink renders page no and looks for the strip's drawing: there on the outer edge when a
// seal was asked for, absent otherwise, never on the inner edge.
func (c *checker) ink(no int, p Page, outerRight bool) error {
	const dpi = 40
	img, err := Gray(c.path, no, dpi)
	if err != nil {
		return err
	}
	wmm, hmm := p.Width*PtMM, p.Height*PtMM
	sx0, sx1 := c.e.strip(wmm, outerRight)
	outer := Ink(img, dpi, sx0-1, hmm/2-30, sx1+1, hmm/2+30)
	ix0, ix1 := c.e.strip(wmm, !outerRight)
	inner := Ink(img, dpi, ix0-1, hmm/2-30, ix1+1, hmm/2+30)
	switch {
	case c.e.Seal && outer == 0:
		c.bad("page %d: no seal strip drawn on the outer edge", no)
	case !c.e.Seal && outer > 0:
		c.bad("page %d: something is drawn where no seal strip was asked for", no)
	}
	if inner > 0 {
		c.bad("page %d: something is drawn at the inner edge (the gutter), %d pixels", no, inner)
	}
	return nil
}
