// Package assets holds the files compiled into Dossier: the CJK TrueType fonts used by the
// PDF renderer and the UI, with their licences beside them in fonts/ (see fonts/README.md).
//
// Song and Hei are the same design family (Noto CJK SC) and cover the same characters: ASCII,
// Latin-1, all of GB 2312, and the whole CJK Unified Ideographs block U+4E00–9FFF, which holds
// every hanzi of GBK (so the rarer characters of names, 喆 堃 赟 旸 昇 and 〇, come out in the
// face around them instead of switching typeface mid-name), plus CJK and full-width
// punctuation, ①–⑳, ×, ≥, ℃, ㎡. Fang (仿宋) covers GB 2312 and part of GBK;
// dossier/render/ttf.Covers tells which.
package assets

import (
	_ "embed" // for the fonts
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
