// Package assets holds the files compiled into Dossier: the CJK TrueType fonts used by the
// PDF renderer and the UI, with their licences beside them in fonts/ (see fonts/README.md).
//
// Song and Hei are the same design family (Noto CJK SC) and cover the same characters: ASCII,
// Latin-1, all of GB 2312, and the whole CJK Unified Ideographs block U+4E00–9FFF, which holds
// every hanzi of GBK (so the rarer characters of names, 喆 堃 赟 旸 昇 and 〇, come out in the
// face around them instead of switching typeface mid-name), plus CJK and full-width
// punctuation, ①–⑳, ×, ≥, ℃, ㎡. Fang (仿宋) covers GB 2312 and part of GBK; Covers tells which.
package assets

import (
	_ "embed" // for the fonts
	"encoding/binary"
	"errors"
)

// The faces are embedded as they are (19.7 MB of the binary). They used to be stored
// gzip-compressed (13.7 MB) and decompressed on first use: about 80 ms of CPU for the largest,
// 150–400 ms for the three a package uses, half of a cold `dossier build`. Uncompressed they
// cost nothing until read, and the operating system pages in only what is read. The release
// archives are compressed anyway (tar.xz, zip), so what users download hardly changes.

// Song is the Song/宋 (serif) body face "Noto Serif CJK SC" Regular (8.0 MB), from Debian's
// fonts-noto-cjk, cut down and converted to TrueType outlines by fonts/make-fonts.sh.
// Licence: SIL Open Font License 1.1 (fonts/OFL.txt). The bytes must not be modified.
func Song() []byte { return song }

// Hei is the Hei/黑 (sans) face "Noto Sans CJK SC" Regular (6.0 MB), made the same way:
// headings, table headers and totals, the watermark, and the UI.
// Licence: SIL Open Font License 1.1 (fonts/OFL.txt). The bytes must not be modified.
func Hei() []byte { return hei }

// Fang is the Fang/仿宋 face "FandolFang R" (5.7 MB), from Debian's texlive-lang-chinese,
// cut down to GB 2312 and converted to TrueType outlines by fonts/make-fonts.sh: the body
// face of the 代拟稿 letters (GB/T 9704: 3号仿宋). Licence: GPL-3 with the font exception
// (fonts/fandol.LICENSE.txt): a document that embeds it is not thereby covered by the GPL.
// The bytes must not be modified.
func Fang() []byte { return fang }

var (
	//go:embed fonts/noto-serif-sc.ttf
	song []byte
	//go:embed fonts/noto-sans-sc.ttf
	hei []byte
	//go:embed fonts/fandol-fang.ttf
	fang []byte
)

var be = binary.BigEndian

// Covers returns the set of characters the TrueType font ttf maps to a glyph, read from its
// Unicode cmap subtable (format 4, and format 12 when present).
func Covers(ttf []byte) (map[rune]bool, error) {
	cmap, err := cmapTable(ttf)
	if err != nil {
		return nil, err
	}
	set := map[rune]bool{}
	found := false
	for i := 0; i < int(be.Uint16(cmap[2:])) && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if platform != 3 || (encoding != 1 && encoding != 10) || off+4 > len(cmap) {
			continue // only Windows Unicode subtables
		}
		found = readSubtable(cmap[off:], set) || found
	}
	if !found {
		return nil, errors.New("assets: no Unicode cmap subtable")
	}
	return set, nil
}

// cmapTable finds the cmap table in the font's table directory.
func cmapTable(ttf []byte) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("assets: font too short")
	}
	n := int(be.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return nil, errors.New("assets: truncated table directory")
	}
	var cmap []byte
	for i := 0; i < n; i++ {
		r := ttf[12+16*i:]
		if string(r[:4]) == "cmap" {
			off, l := int(be.Uint32(r[8:])), int(be.Uint32(r[12:]))
			if off+l > len(ttf) {
				return nil, errors.New("assets: cmap out of range")
			}
			cmap = ttf[off : off+l]
		}
	}
	if len(cmap) < 4 {
		return nil, errors.New("assets: no cmap table")
	}
	return cmap, nil
}

// readSubtable adds the characters of a cmap subtable of a format it reads (4 or 12).
func readSubtable(sub []byte, set map[rune]bool) bool {
	switch be.Uint16(sub) {
	case 4:
		return readFormat4(sub, set)
	case 12:
		return readFormat12(sub, set)
	}
	return false
}

// readFormat4 adds the characters of a segment-mapped BMP subtable whose glyph is not 0.
func readFormat4(sub []byte, set map[rune]bool) bool {
	if len(sub) < 14 {
		return false
	}
	segs := int(be.Uint16(sub[6:])) / 2
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(sub) {
		return false
	}
	for s := 0; s < segs; s++ {
		end, start := int(be.Uint16(sub[ends+2*s:])), int(be.Uint16(sub[starts+2*s:]))
		delta, ro := int(be.Uint16(sub[deltas+2*s:])), int(be.Uint16(sub[ranges+2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if at := ranges + 2*s + ro + 2*(c-start); at+2 <= len(sub) {
				if g = int(be.Uint16(sub[at:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				set[rune(c)] = true
			}
		}
	}
	return true
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
