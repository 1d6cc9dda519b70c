package pdf

import (
	"crypto/sha256"
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

// usedRunes lists the distinct characters a render of r can print, sorted.
func usedRunes(r *document.Report) string {
	set := map[rune]bool{}
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
	runes := make([]rune, 0, len(set))
	for c := range set {
		runes = append(runes, c)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	return string(runes)
}

type cutFonts struct{ song, hei []byte }

var cutCache struct {
	sync.Mutex
	byKey map[[32]byte]*cutFonts
	order [][32]byte
}

const cutCacheSize = 8

// cut returns the faces cut down to the characters of r.
func cut(full *fontSet, r *document.Report) *cutFonts {
	runes := usedRunes(r)
	key := sha256.Sum256([]byte(runes))
	cutCache.Lock()
	if c, ok := cutCache.byKey[key]; ok {
		cutCache.Unlock()
		return c
	}
	cutCache.Unlock()
	var song, hei []byte
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); song = fpdf.UTF8CutFont(full.song, runes) }()
	go func() { defer wg.Done(); hei = fpdf.UTF8CutFont(full.hei, runes) }()
	wg.Wait()
	c := &cutFonts{song: song, hei: hei}
	cutCache.Lock()
	defer cutCache.Unlock()
	if cutCache.byKey == nil {
		cutCache.byKey = map[[32]byte]*cutFonts{}
	}
	if len(cutCache.order) >= cutCacheSize {
		delete(cutCache.byKey, cutCache.order[0])
		cutCache.order = cutCache.order[1:]
	}
	cutCache.byKey[key] = c
	cutCache.order = append(cutCache.order, key)
	return c
}
