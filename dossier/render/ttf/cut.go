package ttf

import (
	"errors"
	"fmt"
	"slices"
)

// Cut returns the font cut down to the glyphs of the given characters (and the components of
// composite glyphs), byte for byte the font fpdf.UTF8CutFont makes of them: the renderer cuts
// each face to a document's characters before handing it to fpdf, which then parses a font of
// a thousand glyphs instead of twenty thousand. fpdf's own cut reads the whole font into maps
// (every character of the cmap, every glyph's position and width): 10–20 ms for each 6–8 MB
// face, on the path of every first build. Cut reads only what the characters need.
//
// Like fpdf it reads the first Unicode format-4 cmap subtable (so only characters of the Basic
// Multilingual Plane are cut), keeps the tables fpdf keeps, and writes post as format 3.
func Cut(font []byte, runes []rune) ([]byte, error) {
	f, err := readFont(font)
	if err != nil {
		return nil, err
	}
	c := &cutter{font: f, newID: map[int]int{0: 0}, order: []int{0}}
	runeGlyph := map[rune]int{}
	for _, r := range runes {
		if _, done := runeGlyph[r]; done {
			continue
		}
		if g, ok := f.cmap.lookup(r); ok {
			runeGlyph[r] = g
			if _, seen := c.newID[g]; !seen {
				c.newID[g] = 0
				c.order = append(c.order, g)
			}
		}
	}
	slices.Sort(c.order)
	for i, g := range c.order {
		c.newID[g] = i
	}
	for _, g := range slices.Clone(c.order) {
		if err := c.components(g, 0); err != nil {
			return nil, err
		}
	}
	delete(runeGlyph, 0)
	cmap := cutCmap(runeGlyph, c.newID, len(c.order))
	return c.assemble(cmap)
}

// fontTables is the tables of a TrueType font that a cut reads.
type fontTables struct {
	all                                map[string][]byte
	head, hhea, maxp, hmtx, loca, glyf []byte
	post                               []byte
	cmap                               *format4
	locaLong                           bool
	metrics, glyphs                    int
}

// kept are the tables fpdf copies into a cut as they are, when the font has them.
var kept = []string{"name", "cvt ", "fpgm", "prep", "gasp", "OS/2"}

func readFont(font []byte) (*fontTables, error) {
	f := &fontTables{all: map[string][]byte{}}
	for _, tag := range append([]string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "post", "cmap"}, kept...) {
		t, err := table(font, tag)
		if err != nil {
			return nil, err
		}
		f.all[tag] = t
	}
	f.head, f.hhea, f.maxp, f.hmtx = f.all["head"], f.all["hhea"], f.all["maxp"], f.all["hmtx"]
	f.loca, f.glyf, f.post = f.all["loca"], f.all["glyf"], f.all["post"]
	if len(f.head) < 54 || len(f.hhea) < 36 || len(f.maxp) < 6 || len(f.post) < 16 {
		return nil, errors.New("ttf: head, hhea, maxp or post table missing or short")
	}
	f.locaLong = be.Uint16(f.head[50:]) == 1
	f.metrics, f.glyphs = int(be.Uint16(f.hhea[34:])), int(be.Uint16(f.maxp[4:]))
	if f.metrics == 0 || len(f.hmtx) < 4*f.metrics+2*(f.glyphs-f.metrics) || len(f.loca) < f.locaEntry()*(f.glyphs+1) {
		return nil, errors.New("ttf: hmtx or loca table short")
	}
	cmap, err := unicodeFormat4(f.all["cmap"])
	if err != nil {
		return nil, err
	}
	f.cmap = cmap
	return f, nil
}

func (f *fontTables) locaEntry() int {
	if f.locaLong {
		return 4
	}
	return 2
}

// glyph returns glyph g's outline data.
func (f *fontTables) glyph(g int) ([]byte, error) {
	if g < 0 || g >= f.glyphs {
		return nil, fmt.Errorf("ttf: glyph %d out of range", g)
	}
	var start, end int
	if f.locaLong {
		start, end = int(be.Uint32(f.loca[4*g:])), int(be.Uint32(f.loca[4*g+4:]))
	} else {
		start, end = 2*int(be.Uint16(f.loca[2*g:])), 2*int(be.Uint16(f.loca[2*g+2:]))
	}
	if start > end || end > len(f.glyf) {
		return nil, fmt.Errorf("ttf: glyph %d out of the glyf table", g)
	}
	return f.glyf[start:end], nil
}

// metric returns glyph g's horizontal metrics (advance width, left side bearing).
func (f *fontTables) metric(g int) []byte {
	if g < f.metrics {
		return f.hmtx[4*g : 4*g+4]
	}
	m := append([]byte(nil), f.hmtx[4*(f.metrics-1):4*(f.metrics-1)+2]...)
	return append(m, f.hmtx[2*f.metrics+2*g:2*f.metrics+2*g+2]...)
}

// unicodeFormat4 is the subtable fpdf reads: the first format-4 one for Windows Unicode BMP
// (3, 1) or any Unicode platform (0).
func unicodeFormat4(cmap []byte) (*format4, error) {
	subs, err := subtables(cmap)
	if err != nil {
		return nil, err
	}
	for _, sub := range subs {
		if (sub.platform == 3 && sub.encoding == 1 || sub.platform == 0) && be.Uint16(sub.data) == 4 {
			if f, ok := readFormat4(sub.data); ok {
				return f, nil
			}
			break
		}
	}
	return nil, errors.New("ttf: no Unicode format-4 cmap subtable")
}

// Composite glyph flags (the glyf table).
const (
	argsAreWords   = 1 << 0
	haveScale      = 1 << 3
	moreComponents = 1 << 5
	haveXYScale    = 1 << 6
	have2x2        = 1 << 7
)

// maxDepth bounds the nesting of composite glyphs (fonts nest two or three deep), so a font
// whose composites refer to each other cannot recurse forever.
const maxDepth = 16

// cutter collects the glyphs of a cut: order is the old glyph index of each new one.
type cutter struct {
	font  *fontTables
	newID map[int]int
	order []int
}

// components adds the components of glyph g, recursively, in the order fpdf does: each new
// component takes the next index, and every component's own components are visited, seen or
// not.
func (c *cutter) components(g, depth int) error {
	if depth > maxDepth {
		return errors.New("ttf: composite glyphs nested too deep")
	}
	data, err := c.font.glyph(g)
	if err != nil || len(data) < 2 || int16(be.Uint16(data)) >= 0 {
		return err
	}
	return eachComponent(data, func(at, comp int) error {
		if _, ok := c.newID[comp]; !ok {
			c.newID[comp] = len(c.order)
			c.order = append(c.order, comp)
		}
		return c.components(comp, depth+1)
	})
}

// eachComponent calls fn with the offset of each component's glyph index in a composite
// glyph's data, and the index.
func eachComponent(data []byte, fn func(at, glyph int) error) error {
	at := 10
	for flags := moreComponents; flags&moreComponents != 0; {
		if at+4 > len(data) {
			return errors.New("ttf: composite glyph truncated")
		}
		flags = int(be.Uint16(data[at:]))
		if err := fn(at+2, int(be.Uint16(data[at+2:]))); err != nil {
			return err
		}
		at += 6
		if flags&argsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
	}
	return nil
}
