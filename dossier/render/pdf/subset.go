package pdf

import (
	"errors"
	"fmt"
	"sync"

	"dossier/dossier/document"
	"dossier/dossier/render/ttf"
)

// fpdf parses the whole 5 MB font each time a document adds it, and again when it subsets it
// on output; with the screen and print copies and two faces that was most of the time of a
// render. A report's characters are all known before layout, so each face is cut down once to
// those characters (ttf.Cut, the font fpdf.UTF8CutFont makes, ten times faster) and fpdf then
// parses a font of a few hundred glyphs. Cut fonts are cached by character set: the screen and
// print variants of a report share them.

// rendererText is every non-ASCII character the renderer prints on its own (labels, page
// numbers, the watermark, the seal strip), beyond the report's text.
const rendererText = "（盖章）：目　录草稿骑缝章—年月日"

// letterText is what the renderer prints on its own in a letter.
const letterText = "附件：签发人"

// CharError is returned for text holding a character the renderer cannot print: one beyond
// the Basic Multilingual Plane (𠮷 U+20BB7, emoji), which fpdf's TrueType support cannot
// address (it used to panic with "index out of range [65536]"), or one that none of the
// embedded faces has (CJK extension A, Hangul), which would print as an empty box. check
// refuses such characters by field; this is the renderer's own guard.
type CharError struct {
	Text string // the text (paragraph, cell, label) that holds it
	Char rune
}

func (e *CharError) Error() string {
	text := []rune(e.Text)
	if len(text) > 40 {
		text = append(text[:40], '…')
	}
	why := "PDF 字体只支持基本多文种平面（BMP）内的字符"
	if e.Char <= 0xFFFF {
		why = "内置字体中没有这个字"
	}
	return fmt.Sprintf("无法排印“%s”中的字符“%c”（U+%04X）：%s，请换用常用字或拼音", string(text), e.Char, e.Char, why)
}

// prints reports whether one of the faces has a glyph for c.
func (fs *fontSet) prints(c rune) bool {
	switch {
	case c < 0x80:
		return true
	case c > 0xFFFF:
		return false
	}
	return fs.songHas.has(c) || fs.heiHas.has(c)
}

// usedRunes adds to set the distinct characters a render of r can print. It returns a
// *CharError for the first text holding a character the fonts fs cannot print.
func usedRunes(set map[rune]bool, r *document.Report, fs *fontSet) error {
	u := &runeCollector{set: set, fs: fs}
	for c := rune(0x20); c < 0x7f; c++ {
		set[c] = true
	}
	u.add(rendererText, r.Title, r.Subject, r.Author, r.AppendixIndex)
	for _, e := range r.Appendix {
		u.add(e.Title, e.Placeholder)
	}
	if l := r.Letter; l != nil {
		u.add(letterText, l.Number, l.Signer, l.Date)
	}
	if cv := r.Cover; cv != nil {
		u.add(cv.Programme, cv.Title, cv.Date)
		for _, l := range cv.Lines {
			u.add(l.Label, l.Value)
		}
	}
	for _, b := range r.Blocks {
		u.addBlock(b)
	}
	return u.bad
}

// runeCollector gathers the characters of a report's texts into set and remembers, as a
// *CharError, the first text with a character the fonts fs cannot print.
type runeCollector struct {
	set map[rune]bool
	fs  *fontSet
	bad error
}

func (u *runeCollector) add(ss ...string) {
	for _, s := range ss {
		for _, c := range s {
			if u.bad == nil && !u.set[c] && !u.fs.prints(c) {
				u.bad = &CharError{Text: s, Char: c}
			}
			u.set[c] = true
		}
	}
}

// addBlock adds the texts of one block of the report body.
func (u *runeCollector) addBlock(b document.Block) {
	switch x := b.(type) {
	case *document.Heading:
		u.add(x.Text)
	case *document.Paragraph:
		u.add(x.Text)
	case *document.KeyValues:
		u.add(x.Caption)
		for _, p := range x.Pairs {
			u.add(p.Label, p.Value)
		}
	case *document.Table:
		u.add(x.Caption)
		for _, c := range x.Columns {
			u.add(c.Header, c.Unit, "（）")
		}
		for _, row := range x.Rows {
			u.add(row...)
		}
		u.add(x.Total...)
	case *document.Annex:
		u.add(x.Items...)
	case *document.Signature:
		u.add(x.Date)
		for _, l := range x.Lines {
			u.add(l.Label, l.Value)
		}
	}
}

// needsSong reports whether a FaceFang render of r sets any character in Song: one that Fang
// (the body) or Hei (the headings) lacks. A letter seldom has one, and then its document does
// without Song (adding a face and subsetting it on output costs as much as laying a letter out).
func needsSong(fs *fontSet, r *document.Report) bool {
	set := map[rune]bool{}
	if usedRunes(set, r, fs) != nil {
		return true
	}
	for c := range set {
		if c >= 0x80 && !(fs.fangHas.has(c) && fs.heiHas.has(c)) {
			return true
		}
	}
	return false
}

type cutFonts struct {
	runes     map[rune]bool // what the cut covers
	song, hei []byte
	// The Fang face, when a FaceFang render asked for it (withFang), is cut in the background:
	// only letters need it, and the renders of the other documents need not wait for it.
	withFang bool
	fangOnce sync.Once
	fangCut  []byte
	fangErr  error
	fangFrom *fontSet
}

// fang returns the cut Fang face, waiting for its cut to finish.
func (c *cutFonts) fang() ([]byte, error) {
	c.fangOnce.Do(c.cutFang)
	return c.fangCut, c.fangErr
}

func (c *cutFonts) cutFang() { c.fangCut, c.fangErr = cutFace(c.fangFrom.fang, c.runes) }

// cutFace cuts one embedded face to the characters of set.
func cutFace(face []byte, set map[rune]bool) ([]byte, error) {
	runes := make([]rune, 0, len(set))
	for c := range set {
		runes = append(runes, c)
	}
	b, err := ttf.Cut(face, runes)
	if err != nil {
		return nil, fmt.Errorf("pdf: cutting a font: %w", err)
	}
	return b, nil
}

// cutCache holds recent cuts. A cut serves any report whose characters it covers, so
// Prepare can cut once for all the reports of a package.
var cutCache struct {
	sync.Mutex
	entries []*cutFonts // most recent last
}

const cutCacheSize = 8

// Prepare cuts the fonts once for all the given reports, so that rendering them (in parallel
// or not) parses only small fonts. It is optional: Render cuts what it needs by itself.
// Letters are cut with Fang (their body face); other reports rendered with FaceFang are
// prepared by PrepareFang.
func Prepare(reports ...*document.Report) error { return prepare(false, reports) }

// PrepareFang is Prepare for reports rendered with Options.Face = FaceFang.
func PrepareFang(reports ...*document.Report) error { return prepare(true, reports) }

// PrepareSheets is Prepare for a package's reports and the summary tables RenderSheet will
// print, in one cut (with Fang when a report is a letter).
func PrepareSheets(reports []*document.Report, sheets []*document.Sheet) error {
	return prepare(false, reports, sheets...)
}

func prepare(fang bool, reports []*document.Report, sheets ...*document.Sheet) error {
	full, err := loadFonts()
	if err != nil {
		return err
	}
	for _, r := range reports {
		// A letter is set in 仿宋 (Render): Fang is cut with the other faces, or the letter's
		// render would cut all three again.
		fang = fang || (r != nil && r.Letter != nil)
	}
	if fang {
		if err := loadFang(full); err != nil {
			return err
		}
	}
	set := map[rune]bool{}
	for _, r := range reports {
		if r != nil {
			if err := usedRunes(set, r, full); err != nil {
				return err
			}
		}
	}
	for _, s := range sheets {
		if s != nil {
			if err := newSheetText(s, SheetOptions{}).runes(set, full); err != nil {
				return err
			}
		}
	}
	_, err = cutFor(full, set, fang)
	return err
}

// cut returns the faces cut down to (at least) the characters of r.
func cut(full *fontSet, r *document.Report, fang bool) (*cutFonts, error) {
	if fang {
		if err := loadFang(full); err != nil {
			return nil, err
		}
	}
	set := map[rune]bool{}
	if err := usedRunes(set, r, full); err != nil {
		return nil, err
	}
	return cutFor(full, set, fang)
}

func cutFor(full *fontSet, set map[rune]bool, fang bool) (*cutFonts, error) {
	cutCache.Lock()
	for i := len(cutCache.entries) - 1; i >= 0; i-- {
		if c := cutCache.entries[i]; (c.withFang || !fang) && covers(c.runes, set) {
			cutCache.Unlock()
			return c, nil
		}
	}
	cutCache.Unlock()
	c := &cutFonts{runes: set, withFang: fang, fangFrom: full}
	var songErr, heiErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); c.song, songErr = cutFace(full.song, set) }()
	c.hei, heiErr = cutFace(full.hei, set)
	wg.Wait()
	if err := errors.Join(songErr, heiErr); err != nil {
		return nil, err
	}
	if fang {
		// Once Song and Hei are cut (two cores, two faces), while the documents render: the
		// first render that sets Fang waits for it, the others do not.
		go c.fang()
	}
	cutCache.Lock()
	defer cutCache.Unlock()
	if len(cutCache.entries) >= cutCacheSize {
		cutCache.entries = cutCache.entries[1:]
	}
	cutCache.entries = append(cutCache.entries, c)
	return c, nil
}

func covers(have, need map[rune]bool) bool {
	if len(have) < len(need) {
		return false
	}
	for r := range need {
		if !have[r] {
			return false
		}
	}
	return true
}
