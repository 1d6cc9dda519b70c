package pdf

import (
	"fmt"
	"strings"
)

// The page numbers of a 目录 (and of an attachment index) point to pages laid out after it.
// They used to take a second layout pass, which drew everything again with the numbers the
// first had found. The entries do not depend on their numbers (a title's lines and the page
// breaks of the 目录 are the same whatever the number), so one pass draws them and remembers
// where each number goes; once the whole report is laid out, the numbers and their dot leaders
// are drawn on those pages.

// pendingNumber is the page number of one 目录 entry, drawn at the end: on page, in the line
// at y (lh high) of a text block starting at left; the dot leaders start at from.
type pendingNumber struct {
	page              int
	left, y, lh, from float64
	dotW              float64
	st                style
	num               func() string
}

// pageNumber remembers the page number of the 目录 entry in the line at d.y.
func (d *renderer) pageNumber(st style, lh, from, dotW float64, num func() string) {
	d.numbers = append(d.numbers, pendingNumber{page: d.pdf.PageNo(), left: d.left, y: d.y, lh: lh, from: from, dotW: dotW, st: st, num: num})
}

// pageLabel is the printed page recorded under key, "?" when there is none.
func pageLabel(pages map[int]int, key int) string {
	if n, ok := pages[key]; ok {
		return fmt.Sprint(n)
	}
	return "?"
}

// drawNumbers draws the remembered page numbers, right-aligned after their dot leaders, on
// their pages, and returns to the last page.
func (d *renderer) drawNumbers() {
	if len(d.numbers) == 0 {
		return
	}
	last, y, left, fresh := d.pdf.PageNo(), d.y, d.left, d.fresh
	for i, p := range d.numbers {
		if i == 0 || p.page != d.numbers[i-1].page {
			d.onPage(p.page)
		}
		d.y = p.y
		num := p.num()
		to := p.left + d.width - d.measure(p.st, num) - p.dotW
		if n := int((to - p.from) / p.dotW); n > 0 {
			d.line(p.st, to-float64(n)*p.dotW, float64(n)*p.dotW, strings.Repeat(".", n), "left", p.lh)
		}
		d.line(p.st, p.left, d.width, num, "right", p.lh)
	}
	d.onPage(last)
	d.y, d.left, d.fresh = y, left, fresh
}

// onPage makes page n the page fpdf draws on. fpdf knows one font selection, the last one
// made, whatever the page: it is made again on page n, whose content ended with another.
func (d *renderer) onPage(n int) {
	d.pdf.SetPage(n)
	size, _ := d.pdf.GetFontSize()
	d.pdf.SetFontSize(size)
}
