package ttf

import (
	"slices"
	"sort"
)

// cutCmap is the cmap of a cut as fpdf writes it: one Windows Unicode format-4 subtable whose
// segments are runs of consecutive characters with consecutive new glyphs, mapped by idDelta,
// followed by the glyph indices fpdf also lists (unused: every idRangeOffset is 0), and a
// length field computed as fpdf does.
func cutCmap(runeGlyph map[rune]int, newID map[int]int, glyphs int) []byte {
	runes := make([]rune, 0, len(runeGlyph))
	for r := range runeGlyph {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	type segment struct {
		start  rune
		glyphs []int
	}
	var segs []segment
	prevRune, prevGlyph := rune(-2), -1
	for _, r := range runes {
		g := newID[runeGlyph[r]]
		if r == prevRune+1 && g == prevGlyph+1 {
			segs[len(segs)-1].glyphs = append(segs[len(segs)-1].glyphs, g)
		} else {
			segs = append(segs, segment{start: r, glyphs: []int{g}})
		}
		prevRune, prevGlyph = r, g
	}
	n := len(segs) + 1
	power, selector := searchParams(n)
	searchRange := 2 * power
	out := make([]byte, 0, 24+8*n+2*len(runes))
	u16 := func(v int) { out = be.AppendUint16(out, uint16(v)) }
	for _, v := range []int{0, 1, 3, 1, 0, 12, 4, 16 + 8*n + glyphs + 1, 0, 2 * n, searchRange, selector, 2*n - searchRange} {
		u16(v)
	}
	for _, s := range segs {
		u16(int(s.start) + len(s.glyphs) - 1)
	}
	u16(0xFFFF)
	u16(0)
	for _, s := range segs {
		u16(int(s.start))
	}
	u16(0xFFFF)
	for _, s := range segs {
		u16(s.glyphs[0] - int(s.start))
	}
	u16(1)
	for range n {
		u16(0)
	}
	for _, s := range segs {
		for _, g := range s.glyphs {
			u16(g)
		}
	}
	u16(0)
	return out
}

// assemble writes the cut font: the glyphs of c.order renumbered, the tables fpdf keeps, in
// the order of their tags, with their checksums and the head's checkSumAdjustment.
func (c *cutter) assemble(cmap []byte) ([]byte, error) {
	f := c.font
	size := 0
	for _, g := range c.order {
		data, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		size += (len(data) + 3) &^ 3
	}
	glyf, hmtx := make([]byte, 0, size), make([]byte, 0, 4*len(c.order))
	offsets := make([]int, 0, len(c.order)+1)
	for _, g := range c.order {
		hmtx = append(hmtx, f.metric(g)...)
		data, _ := f.glyph(g)
		offsets = append(offsets, len(glyf))
		at := len(glyf)
		glyf = append(glyf, data...)
		if len(data) > 2 && int16(be.Uint16(data)) < 0 {
			if err := eachComponent(data, func(pos, comp int) error {
				be.PutUint16(glyf[at+pos:], uint16(c.newID[comp]))
				return nil
			}); err != nil {
				return nil, err
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	long := (len(glyf)+1)>>1 > 0xFFFF
	loca := make([]byte, 0, 4*len(offsets))
	for _, o := range offsets {
		if long {
			loca = be.AppendUint32(loca, uint32(o))
		} else {
			loca = be.AppendUint16(loca, uint16(o/2))
		}
	}
	head := slices.Clone(f.head)
	be.PutUint16(head[50:], map[bool]uint16{false: 0, true: 1}[long])
	be.PutUint32(head[8:], 0)
	hhea, maxp := slices.Clone(f.hhea), slices.Clone(f.maxp)
	be.PutUint16(hhea[34:], uint16(len(c.order)))
	be.PutUint16(maxp[4:], uint16(len(c.order)))
	post := append(append([]byte{0, 3, 0, 0}, f.post[4:16]...), make([]byte, 16)...)
	tables := map[string][]byte{"cmap": cmap, "glyf": glyf, "hmtx": hmtx, "loca": loca, "head": head, "hhea": hhea, "maxp": maxp, "post": post}
	for _, tag := range kept {
		if t := f.all[tag]; len(t) > 0 {
			tables[tag] = t
		}
	}
	return writeTables(tables), nil
}

// writeTables writes an sfnt of the given tables, sorted by tag, and sets the head table's
// checkSumAdjustment.
func writeTables(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	searchRange, selector := searchParams(n)
	out := make([]byte, 0, size)
	out = be.AppendUint32(out, 0x00010000)
	for _, v := range []int{n, 16 * searchRange, selector, 16*n - 16*searchRange} {
		out = be.AppendUint16(out, uint16(v))
	}
	off, headAt := 12+16*n, -1
	var sum uint32 // of the whole font: its padded tables are whole words
	for _, tag := range tags {
		t := tables[tag]
		if tag == "head" {
			headAt = off
		}
		out = append(out, tag...)
		c := checksum(t)
		sum += c
		out = be.AppendUint32(out, c)
		out = be.AppendUint32(out, uint32(off))
		out = be.AppendUint32(out, uint32(len(t)))
		off += (len(t) + 3) &^ 3
	}
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-(sum+checksum(out[:12+16*n])))
	}
	return out
}

// checksum is the sum of the big-endian 32-bit words of t, zero-padded.
func checksum(t []byte) uint32 {
	var sum uint32
	for len(t) >= 4 {
		sum += be.Uint32(t)
		t = t[4:]
	}
	if len(t) > 0 {
		var w [4]byte
		copy(w[:], t)
		sum += be.Uint32(w[:])
	}
	return sum
}
