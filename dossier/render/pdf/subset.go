package pdf

import (
	"sort"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/document"
)

// fpdf parses the whole 5 MB font each time a document adds it, and again when it subsets it
// on output; with two layout passes and two faces that was most of the time of a render. A
// report's characters are all known before layout, so each face is cut down once to those
// characters (fpdf.UTF8CutFont) and fpdf then parses a font of a few hundred glyphs. Cut fonts
// are cached by character set: the screen and print variants of a report share them.

// rendererText is every non-ASCII character the renderer prints on its own (labels, page
// numbers, the watermark, the seal strip), beyond the report's text.
const rendererText = "（盖章）：目　录草稿骑缝章—年月日"

// usedRunes adds to set the distinct characters a render of r can print.
func usedRunes(set map[rune]bool, r *document.Report) {
	add := func(ss ...string) {
		for _, s := range ss {
			for _, c := range s {
				set[c] = true
			}
		}
	}
	for c := rune(0x20); c < 0x7f; c++ {
		set[c] = true
	}
	add(rendererText, r.Title, r.Subject, r.Author)
	if cv := r.Cover; cv != nil {
		add(cv.Programme, cv.Title, cv.Date)
		for _, l := range cv.Lines {
			add(l.Label, l.Value)
		}
	}
	for _, b := range r.Blocks {
		switch x := b.(type) {
		case *document.Heading:
			add(x.Text)
		case *document.Paragraph:
			add(x.Text)
		case *document.KeyValues:
			add(x.Caption)
			for _, p := range x.Pairs {
				add(p.Label, p.Value)
			}
		case *document.Table:
			add(x.Caption)
			for _, c := range x.Columns {
				add(c.Header, c.Unit, "（）")
			}
			for _, row := range x.Rows {
				add(row...)
			}
			add(x.Total...)
		case *document.Signature:
			add(x.Date)
			for _, l := range x.Lines {
				add(l.Label, l.Value)
			}
		}
	}
}

func sortedRunes(set map[rune]bool) string {
	runes := make([]rune, 0, len(set))
	for c := range set {
		runes = append(runes, c)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	return string(runes)
}

type cutFonts struct {
	runes     map[rune]bool // what the cut covers
	song, hei []byte
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
func Prepare(reports ...*document.Report) error {
	full, err := loadFonts()
	if err != nil {
		return err
	}
	set := map[rune]bool{}
	for _, r := range reports {
		if r != nil {
			usedRunes(set, r)
		}
	}
	cutFor(full, set)
	return nil
}

// cut returns the faces cut down to (at least) the characters of r.
func cut(full *fontSet, r *document.Report) *cutFonts {
	set := map[rune]bool{}
	usedRunes(set, r)
	return cutFor(full, set)
}

func cutFor(full *fontSet, set map[rune]bool) *cutFonts {
	cutCache.Lock()
	for i := len(cutCache.entries) - 1; i >= 0; i-- {
		if c := cutCache.entries[i]; covers(c.runes, set) {
			cutCache.Unlock()
			return c
		}
	}
	cutCache.Unlock()
	runes := sortedRunes(set)
	c := &cutFonts{runes: set}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); c.song = fpdf.UTF8CutFont(full.song, runes) }()
	go func() { defer wg.Done(); c.hei = fpdf.UTF8CutFont(full.hei, runes) }()
	wg.Wait()
	cutCache.Lock()
	defer cutCache.Unlock()
	if len(cutCache.entries) >= cutCacheSize {
		cutCache.entries = cutCache.entries[1:]
	}
	cutCache.entries = append(cutCache.entries, c)
	return c
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
