// Package pdfprobe reads finished PDFs back for tests, with poppler's command-line tools:
// the words of each page with their boxes (pdftotext -bbox), the printed page number of a
// page ("— N —" under the text block), and a page rendered to grey pixels (pdftoppm) to find
// where something is drawn. It is test support only: nothing in the product imports it.
package pdfprobe

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// PtMM is one point in millimetres; the boxes are in points, the layout in millimetres.
const PtMM = 25.4 / 72

// Word is one word pdftotext found, its box in points from the page's top left.
type Word struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// Page is the words of one page.
type Page struct {
	Width, Height float64 // points
	Words         []Word
}

var (
	pageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// Pages reads every page's words.
func Pages(path string) ([]Page, error) {
	out, err := run("pdftotext", "-bbox", path, "-")
	if err != nil {
		return nil, err
	}
	var pages []Page
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := pageRE.FindStringSubmatch(line); m != nil {
			pages = append(pages, Page{Width: num(m[1]), Height: num(m[2])})
			continue
		}
		if m := wordRE.FindStringSubmatch(line); m != nil && len(pages) > 0 {
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, Word{num(m[1]), num(m[2]), num(m[3]), num(m[4]), html.UnescapeString(m[5])})
		}
	}
	return pages, sc.Err()
}

func num(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

// Text is the page's words joined by spaces.
func (p Page) Text() string {
	var b strings.Builder
	for i, w := range p.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// TopLine is the words of the page's first line, left to right, without spaces (a heading
// such as "目　录" comes out as "目录").
func (p Page) TopLine() string {
	if len(p.Words) == 0 {
		return ""
	}
	top := p.Words[0].YMin
	for _, w := range p.Words {
		top = min(top, w.YMin)
	}
	var line []Word
	for _, w := range p.Words {
		if w.YMin < top+2 {
			line = append(line, w)
		}
	}
	sort.Slice(line, func(i, j int) bool { return line[i].XMin < line[j].XMin })
	var b strings.Builder
	for _, w := range line {
		b.WriteString(w.Text)
	}
	return b.String()
}

var folioRE = regexp.MustCompile(`^— (\d+) —$`)

// Folio finds the page number printed under the text block (the words below belowMM from the
// top of the page): its value and the box of the whole "— N —". ok is false when the page
// has none.
func (p Page) Folio(belowMM float64) (n int, box Word, ok bool) {
	var parts []string
	for _, w := range p.Words {
		if w.YMin*PtMM < belowMM {
			continue
		}
		if len(parts) == 0 {
			box = w
		}
		box.XMin, box.XMax = min(box.XMin, w.XMin), max(box.XMax, w.XMax)
		box.YMin, box.YMax = min(box.YMin, w.YMin), max(box.YMax, w.YMax)
		parts = append(parts, w.Text)
	}
	box.Text = strings.Join(parts, " ")
	m := folioRE.FindStringSubmatch(box.Text)
	if m == nil {
		return 0, box, false
	}
	n, _ = strconv.Atoi(m[1])
	return n, box, true
}

// Gray renders page (1-based) at dpi dots per inch in grey.
func Gray(path string, page, dpi int) (*image.Gray, error) {
	dir, err := os.MkdirTemp("", "pdfprobe-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	p := strconv.Itoa(page)
	if _, err := run("pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", path, filepath.Join(dir, "page")); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "page.pgm"))
	if err != nil {
		return nil, err
	}
	return parsePGM(b)
}

// parsePGM reads a binary 8-bit PGM (P5), what pdftoppm -gray writes.
func parsePGM(b []byte) (*image.Gray, error) {
	fields, off, err := pgmHeader(b)
	if err != nil {
		return nil, err
	}
	if len(b) < 2 || string(b[:2]) != "P5" || len(fields) < 3 {
		return nil, fmt.Errorf("pdfprobe: not a binary PGM")
	}
	w, h, maxv := fields[0], fields[1], fields[2]
	if maxv != 255 || len(b) < off+w*h {
		return nil, fmt.Errorf("pdfprobe: unexpected PGM %dx%d max %d", w, h, maxv)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, b[off:off+w*h])
	return img, nil
}

// pgmHeader reads up to three numbers after the two-byte magic (width, height, maximum),
// each after white space; off is where the pixels start (one byte after the last number).
func pgmHeader(b []byte) (fields []int, off int, err error) {
	for i := 2; len(fields) < 3 && i < len(b); {
		for i < len(b) && isPGMSpace(b[i]) {
			i++
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		v, err := strconv.Atoi(string(b[i:j]))
		if err != nil {
			return nil, 0, fmt.Errorf("pdfprobe: bad PGM header")
		}
		fields = append(fields, v)
		i, off = j+1, j+1
	}
	return fields, off, nil
}

func isPGMSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// Ink counts the pixels darker than white (below 250) in the rectangle [x0,x1]×[y0,y1]
// (millimetres from the top left) of an A4 page rendered at dpi.
func Ink(img *image.Gray, dpi int, x0, y0, x1, y1 float64) int {
	px := func(mm float64) int { return int(mm / 25.4 * float64(dpi)) }
	n := 0
	r := image.Rect(px(x0), px(y0), px(x1), px(y1)).Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.GrayAt(x, y).Y < 250 {
				n++
			}
		}
	}
	return n
}

func run(name string, args ...string) ([]byte, error) {
	if _, err := exec.LookPath(name); err != nil {
		return nil, fmt.Errorf("%s not found: apt-get install poppler-utils", name)
	}
	home, err := os.MkdirTemp("", "pdfprobe-home-") // what the tools cache stays out of HOME
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(home)
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CACHE_HOME="+home)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return out, nil
}
