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
	var problems []string
	bad := func(f string, a ...any) { problems = append(problems, fmt.Sprintf(f, a...)) }
	for i, p := range pages {
		no := i + 1
		outerRight := !e.Duplex || no%2 == 1
		wmm := p.Width * PtMM
		// the strip's x-range on the outer edge and its mirror on the inner edge, in mm
		sx0, sx1 := wmm-e.SealInset-e.SealW, wmm-e.SealInset
		if !outerRight {
			sx0, sx1 = e.SealInset, e.SealInset+e.SealW
		}
		if n, box, ok := p.Folio(e.FolioBelow); ok {
			mid := (box.XMin + box.XMax) / 2 * PtMM
			if outerRight && mid < wmm/2+40 || !outerRight && mid > wmm/2-40 {
				bad("page %d: %q at x %.0f–%.0f mm, not at the outer edge", no, box.Text, box.XMin*PtMM, box.XMax*PtMM)
			}
			if e.Duplex && n%2 != no%2 {
				bad("page %d carries number %d: odd numbers must fall on right-hand pages", no, n)
			}
		}
		for _, w := range p.Words {
			if w.XMax*PtMM > sx0 && w.XMin*PtMM < sx1 {
				bad("page %d: %q (x %.1f–%.1f mm) lies in the seal strip (%.0f–%.0f mm)", no, w.Text, w.XMin*PtMM, w.XMax*PtMM, sx0, sx1)
			}
		}
		if no > e.Raster {
			continue
		}
		const dpi = 40
		img, err := Gray(path, no, dpi)
		if err != nil {
			return nil, nil, err
		}
		hmm := p.Height * PtMM
		outer := Ink(img, dpi, sx0-1, hmm/2-30, sx1+1, hmm/2+30)
		ix0, ix1 := e.SealInset, e.SealInset+e.SealW
		if !outerRight {
			ix0, ix1 = wmm-e.SealInset-e.SealW, wmm-e.SealInset
		}
		inner := Ink(img, dpi, ix0-1, hmm/2-30, ix1+1, hmm/2+30)
		switch {
		case e.Seal && outer == 0:
			bad("page %d: no seal strip drawn on the outer edge", no)
		case !e.Seal && outer > 0:
			bad("page %d: something is drawn where no seal strip was asked for", no)
		}
		if inner > 0 {
			bad("page %d: something is drawn at the inner edge (the gutter), %d pixels", no, inner)
		}
	}
	return pages, problems, nil
}
