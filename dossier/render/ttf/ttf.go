// Package ttf reads TrueType font files as the PDF renderer needs them: the characters a font
// covers (Covers), and the font cut down to the characters a document prints (Cut).
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

var be = binary.BigEndian

// table returns the bytes of the table tag, nil when the font has none.
func table(font []byte, tag string) ([]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("ttf: font too short")
	}
	n := int(be.Uint16(font[4:]))
	if 12+16*n > len(font) {
		return nil, errors.New("ttf: truncated table directory")
	}
	for i := 0; i < n; i++ {
		r := font[12+16*i:]
		if string(r[:4]) == tag {
			off, l := int(be.Uint32(r[8:])), int(be.Uint32(r[12:]))
			if off < 0 || l < 0 || off+l > len(font) || off+l < off {
				return nil, fmt.Errorf("ttf: %s out of range", tag)
			}
			return font[off : off+l], nil
		}
	}
	return nil, nil
}

// Covers returns the set of characters the TrueType font maps to a glyph, read from its
// Unicode cmap subtables (format 4, and format 12 when present).
func Covers(font []byte) (map[rune]bool, error) {
	cmap, err := table(font, "cmap")
	if err != nil {
		return nil, err
	}
	subs, err := subtables(cmap)
	if err != nil {
		return nil, err
	}
	set := map[rune]bool{}
	found := false
	for _, sub := range subs {
		if sub.platform != 3 || (sub.encoding != 1 && sub.encoding != 10) {
			continue // only Windows Unicode subtables
		}
		found = readSubtable(sub.data, set) || found
	}
	if !found {
		return nil, errors.New("ttf: no Unicode cmap subtable")
	}
	return set, nil
}

// subtable is one encoding record of a cmap table: its platform and encoding, and the bytes
// from its subtable's start (its format) to the table's end.
type subtable struct {
	platform, encoding uint16
	data               []byte
}

// subtables are the encoding records of the cmap table, in order, leaving out those whose
// subtable does not start inside the table.
func subtables(cmap []byte) ([]subtable, error) {
	if len(cmap) < 4 {
		return nil, errors.New("ttf: no cmap table")
	}
	var subs []subtable
	for i := 0; i < int(be.Uint16(cmap[2:])) && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		if off := int(be.Uint32(rec[4:])); off+2 <= len(cmap) {
			subs = append(subs, subtable{be.Uint16(rec), be.Uint16(rec[2:]), cmap[off:]})
		}
	}
	return subs, nil
}

// searchParams are the binary-search fields of a table directory or of a format-4 cmap
// subtable with n entries: the largest power of two not above n, and its base-2 logarithm.
func searchParams(n int) (power, log int) {
	power = 1
	for power*2 <= n {
		power, log = power*2, log+1
	}
	return power, log
}

// readSubtable adds the characters of a cmap subtable of a format it reads (4 or 12).
func readSubtable(sub []byte, set map[rune]bool) bool {
	switch be.Uint16(sub) {
	case 4:
		f, ok := readFormat4(sub)
		if ok {
			f.each(func(c rune, g int) {
				if g != 0 {
					set[c] = true
				}
			})
		}
		return ok
	case 12:
		return readFormat12(sub, set)
	}
	return false
}

// format4 is a segment-mapped BMP cmap subtable.
type format4 struct {
	sub                               []byte
	segs                              int
	ends, starts, deltas, rangeOffset int // where each array starts in sub
}

func readFormat4(sub []byte) (*format4, bool) {
	if len(sub) < 14 {
		return nil, false
	}
	segs := int(be.Uint16(sub[6:])) / 2
	f := &format4{sub: sub, segs: segs, ends: 14, starts: 16 + 2*segs}
	f.deltas, f.rangeOffset = f.starts+2*segs, f.starts+4*segs
	if f.rangeOffset+2*segs > len(sub) {
		return nil, false
	}
	return f, true
}

func (f *format4) u16(at int) int { return int(be.Uint16(f.sub[at:])) }

// glyph is the glyph segment s maps c to (start ≤ c ≤ end), 0 when its glyph index array
// points past the subtable's length.
func (f *format4) glyph(s, c int) int {
	start, delta, ro := f.u16(f.starts+2*s), f.u16(f.deltas+2*s), f.u16(f.rangeOffset+2*s)
	if ro == 0 {
		return (c + delta) & 0xFFFF
	}
	at := f.rangeOffset + 2*s + ro + 2*(c-start)
	if at >= min(f.u16(2), len(f.sub)-1) {
		return 0
	}
	g := f.u16(at)
	if g != 0 {
		g = (g + delta) & 0xFFFF
	}
	return g
}

// lookup returns the glyph of c and whether a segment holds c at all (its glyph may be 0).
func (f *format4) lookup(c rune) (int, bool) {
	lo, hi := 0, f.segs // the first segment whose end is ≥ c
	for lo < hi {
		m := (lo + hi) / 2
		if f.u16(f.ends+2*m) < int(c) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == f.segs || int(c) < f.u16(f.starts+2*lo) || c > 0xFFFF {
		return 0, false
	}
	return f.glyph(lo, int(c)), true
}

// each calls fn for every character of every segment with its glyph.
func (f *format4) each(fn func(c rune, g int)) {
	for s := 0; s < f.segs; s++ {
		start, end := f.u16(f.starts+2*s), f.u16(f.ends+2*s)
		for c := start; c <= end && c != 0xFFFF; c++ {
			fn(rune(c), f.glyph(s, c))
		}
	}
}

// readFormat12 adds the characters of a segmented-coverage (full Unicode) subtable.
func readFormat12(sub []byte, set map[rune]bool) bool {
	if len(sub) < 16 {
		return false
	}
	n := int(be.Uint32(sub[12:]))
	if 16+12*n > len(sub) {
		return false
	}
	for i := 0; i < n; i++ {
		g := sub[16+12*i:]
		start, end, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
		for c := start; c <= end && c <= 0x10FFFF; c++ {
			if gid+(c-start) != 0 {
				set[rune(c)] = true
			}
		}
	}
	return true
}
