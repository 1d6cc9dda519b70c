// Package assets holds the files compiled into Dossier: the two CJK TrueType fonts used by
// the PDF renderer (and later the UI), with their licences beside them in fonts/.
//
// Both fonts cover all 6,763 hanzi of GB2312 plus ASCII and the GB2312 punctuation
// (，。、“”（）—…). Characters outside GB2312 (rarer hanzi found in some company and
// personal names, such as 喆 or 堃) may be missing from Song; Covers tells which.
package assets

import (
	_ "embed" // for the fonts
	"encoding/binary"
	"errors"
)

// Song is the Song/宋 body face "AR PL SungtiL GB" (文鼎ＰＬ简报宋, gbsn00lp.ttf, 5.2 MB),
// from Debian's fonts-arphic-gbsn00lp. Licence: Arphic Public License (fonts/gbsn00lp.LICENSE.txt),
// which allows redistribution and embedding; derivatives must stay under the same licence.
// Coverage: GB2312 (all 6,763 hanzi) + ASCII.
//
//go:embed fonts/gbsn00lp.ttf
var Song []byte

// Hei is the Hei/黑 sans face "WenQuanYi Micro Hei" (文泉驿微米黑), face 0 of Debian's
// fonts-wqy-microhei collection copied into a single .ttf by internal/ttc2ttf. Licence:
// Apache-2.0 or GPL-3+ with the font exception (fonts/wqy-microhei.LICENSE.txt,
// fonts/Apache-2.0.txt). Coverage: GB2312 + ASCII and most of the CJK Unified Ideographs
// block (it derives from Droid Sans Fallback), so it is the fallback for hanzi Song lacks.
//
//go:embed fonts/wqy-microhei.ttf
var Hei []byte

var be = binary.BigEndian

// Covers returns the set of characters the TrueType font ttf maps to a glyph, read from its
// Unicode cmap subtable (format 4, and format 12 when present).
func Covers(ttf []byte) (map[rune]bool, error) {
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
	set := map[rune]bool{}
	found := false
	for i := 0; i < int(be.Uint16(cmap[2:])) && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if platform != 3 || (encoding != 1 && encoding != 10) || off+4 > len(cmap) {
			continue // only Windows Unicode subtables
		}
		sub := cmap[off:]
		switch be.Uint16(sub) {
		case 4:
			found = readFormat4(sub, set) || found
		case 12:
			found = readFormat12(sub, set) || found
		}
	}
	if !found {
		return nil, errors.New("assets: no Unicode cmap subtable")
	}
	return set, nil
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
