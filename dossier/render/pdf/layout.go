package pdf

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"dossier/assets"
	"dossier/dossier/document"
	"dossier/dossier/render/ttf"
)

// Page geometry in millimetres (A4 portrait) and type sizes in points.
const (
	pageW, pageH = 210.0, 297.0
	ptMM         = 25.4 / 72 // one point in millimetres

	bodySize  = 12   // 小四: body text
	bodyPitch = 1.5  // line pitch as a multiple of the type size
	cellSize  = 10.5 // 五号: table text
	cellPitch = 1.35
	cellPadX  = 1.5 // horizontal padding inside table cells
	cellPadY  = 1.2
)

// fontSet is the embedded fonts and the characters each covers.
type fontSet struct {
	song, hei, fang          []byte
	songHas, heiHas, fangHas *runeSet
}

// runeSet is a set of characters of the Basic Multilingual Plane (the only ones fpdf can
// print), one bit each: the renderer asks it for every character it measures or draws.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool {
	return s != nil && r >= 0 && r <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0
}

// coverage reads the characters a font covers (ttf.Covers) into a runeSet.
func coverage(font []byte) (*runeSet, error) {
	m, err := ttf.Covers(font)
	if err != nil {
		return nil, err
	}
	s := new(runeSet)
	for r, ok := range m {
		if ok && r >= 0 && r <= 0xFFFF {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return s, nil
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// loadFonts reads the cmaps of the embedded fonts once per process.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{song: assets.Song(), hei: assets.Hei()}
		if fs.songHas, fontsErr = coverage(fs.song); fontsErr != nil {
			return
		}
		fs.heiHas, fontsErr = coverage(fs.hei)
		fontsVal = fs
	})
	if fontsErr != nil {
		return nil, fmt.Errorf("pdf: reading fonts: %w", fontsErr)
	}
	return fontsVal, nil
}

var (
	fangOnce sync.Once
	fangErr  error
)

// loadFang adds the Fang face to the font set, once per process: only letters need it.
func loadFang(fs *fontSet) error {
	fangOnce.Do(func() {
		fang := assets.Fang()
		has, err := coverage(fang)
		if err != nil {
			fangErr = fmt.Errorf("pdf: reading fonts: %w", err)
			return
		}
		fs.fang, fs.fangHas = fang, has
	})
	return fangErr
}

// style is a face and size for a run of text. Text is always set in the style's face, except
// characters the face lacks, which fall back to the other face (rare hanzi in names).
type style struct {
	fam  string
	size float64 // points
}

var (
	body    = style{famSong, bodySize}
	cell    = style{famSong, cellSize}
	cellHei = style{famHei, cellSize}
)

// renderer is the state of one layout pass.
type renderer struct {
	pdf   *fpdf.Fpdf
	r     *document.Report
	o     Options
	fonts *fontSet

	left, right, top, bottom float64 // margins
	width                    float64 // of the text block
	y                        float64 // top of the next thing to draw

	coverPages   int             // pages without a number before page 1
	blanks       map[int]bool    // pages left blank so that a part starts on a right-hand page
	rectoAt      map[int]bool    // blocks that start a part (double-sided print layout)
	fresh        bool            // nothing drawn on this page yet
	headingPages map[int]int     // heading index → page
	numbers      []pendingNumber // the 目录's page numbers, drawn at the end (numbers.go)
	tocLinks     map[int]int     // heading index → internal link id made by the 目录

	letterPitch float64 // a letter's line pitch (letter.go)
	signAlone   bool    // a letter's 落款 (or its 附注) went to a page of its own
	signPage    int     // the page of a letter's 落款, 0 before it
}

// famFor picks the face that will draw r in style fam. With Options.Face = FaceFang, what
// is set in Song is set in Fang, except the characters Fang lacks (rarer hanzi).
func (d *renderer) famFor(fam string, r rune) string {
	if fam == famSong && d.o.Face == FaceFang && (r < 0x80 || d.fonts.fangHas.has(r)) {
		return famFang
	}
	if r < 0x80 {
		return fam
	}
	if fam == famSong && !d.fonts.songHas.has(r) && d.fonts.heiHas.has(r) {
		return famHei
	}
	if fam == famHei && !d.fonts.heiHas.has(r) && d.fonts.songHas.has(r) {
		return famSong
	}
	return fam
}

// runs calls each with the pieces of s that are each drawn in one face, in order.
func (d *renderer) runs(st style, s string, each func(fam, text string)) {
	start, cur := 0, ""
	for i, r := range s {
		f := d.famFor(st.fam, r)
		if i > 0 && f != cur {
			each(cur, s[start:i])
			start = i
		}
		cur = f
	}
	if s != "" {
		each(cur, s[start:])
	}
}

// measure returns the width of s in style st, in millimetres.
func (d *renderer) measure(st style, s string) float64 {
	w := 0.0
	d.runs(st, s, func(f, text string) {
		d.setFont(f, st.size)
		w += d.pdf.GetStringWidth(text)
	})
	return w
}

// setFont selects face f at size pt unless it is selected already: fpdf writes a font
// selection into the open page at every SetFont, the same font included, and measuring alone
// wrote some 200 KB of them into a page of running text (a tenth of the file compressed).
func (d *renderer) setFont(f string, pt float64) {
	if size, _ := d.pdf.GetFontSize(); size == pt && d.pdf.GetFontFamily() == f {
		return
	}
	d.pdf.SetFont(f, "", pt)
}

// measurer returns measure bound to a style, the shape splitLines wants.
func (d *renderer) measurer(st style) func(string) float64 {
	return func(s string) float64 { return d.measure(st, s) }
}

// text draws s with its left end at x and its baseline at y. spacing is extra space after
// each character (PDF Tc), used to justify lines.
func (d *renderer) text(st style, x, y float64, s string, spacing float64) {
	if spacing != 0 {
		d.pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", spacing/ptMM))
	}
	d.runs(st, s, func(f, text string) {
		d.setFont(f, st.size)
		d.pdf.Text(x, y, text)
		x += d.pdf.GetStringWidth(text) + spacing*float64(utf8.RuneCountInString(text))
	})
	if spacing != 0 {
		d.pdf.RawWriteStr("0 Tc")
	}
	d.fresh = false
}

// baseline is where text of size pt sits in a line box of height h starting at top: the
// ideographic em box (ascent ≈ 0.88 em) is centred in the box.
func baseline(top, h, pt float64) float64 {
	return top + h/2 + 0.38*pt*ptMM
}

// pitch is the line height in millimetres for type of size pt.
func pitch(pt, factor float64) float64 { return pt * ptMM * factor }

// line draws one line of a paragraph in the box [x, x+w] at the current y, aligned by
// align ("", "left", "right", "center", or "justify" to spread it to the full width).
func (d *renderer) line(st style, x, w float64, s string, align string, h float64) {
	nat := d.measure(st, s)
	spacing := 0.0
	switch align {
	case "right":
		x += w - nat
	case "center":
		x += (w - nat) / 2
	case "justify":
		n := len([]rune(s))
		last := []rune(s)[max(n-1, 0)]
		if n > 0 && isHangable(last) && nat > w+1e-6 {
			nat -= d.measure(st, string(last)) // the hanging mark does not count
			n--
		}
		// Spread only small gaps: a short line (a long word moved down) stays ragged.
		if slack := w - nat; n > 1 && slack > 0 && slack < 3*st.size*ptMM {
			spacing = slack / float64(n-1)
		}
	}
	d.text(st, x, baseline(d.y, h, st.size), s, spacing)
}

// room is the height left on the current page.
func (d *renderer) room() float64 { return pageH - d.bottom - d.y }

// newPage starts a page and puts y at the top of the text block.
func (d *renderer) newPage() {
	d.pdf.AddPage()
	d.left, d.right = d.margins(d.pdf.PageNo())
	d.y = d.top
	d.fresh = true
}

// ensure starts a new page unless h more millimetres fit on this one.
func (d *renderer) ensure(h float64) {
	if d.pdf.PageNo() == 0 || (h > d.room()+1e-6 && !d.fresh) {
		d.newPage()
	}
}

// wrap breaks text (which may hold newlines) into lines for a box w wide, with an indent on
// the first line of every paragraph.
func (d *renderer) wrap(st style, text string, w, indent float64, hang bool) [][]string {
	var paras [][]string
	for _, para := range strings.Split(text, "\n") {
		paras = append(paras, d.split(st, strings.TrimRight(para, " \t\r"), w-indent, w, hang))
	}
	return paras
}

// split is splitLines in style st.
func (d *renderer) split(st style, text string, first, rest float64, hang bool) []string {
	return splitLines(text, d.measurer(st), first, rest, hang)
}

// em is the width of one full-width character in style st.
func em(st style) float64 { return st.size * ptMM }

// roundUp avoids hairline overflows from float noise when comparing heights.
func roundUp(v float64) float64 { return math.Ceil(v*1000) / 1000 }
