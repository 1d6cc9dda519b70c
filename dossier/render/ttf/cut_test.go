package ttf

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"dossier/assets"
)

// faces are the embedded fonts the renderer cuts.
var faces = map[string]func() []byte{"Song": assets.Song, "Hei": assets.Hei, "Fang": assets.Fang}

// cutSets are character sets a document prints: the notices' text (1,066 distinct
// characters), ASCII alone, a name with characters beyond GB 2312, characters the fonts lack
// or map to no glyph (U+FFFF, Hangul, a private-use one, U+0000), and duplicates.
func cutSets(t testing.TB) map[string][]rune {
	raw, err := os.ReadFile("../../pack/testdata/notices-2019-04.txt")
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]rune{"notices": []rune(string(raw)), "name": []rune("喆堃赟旸昇〇𠮷①⑳×—“”㎡℃")}
	for c := rune(0x20); c < 0x7f; c++ {
		sets["ascii"] = append(sets["ascii"], c)
	}
	sets["odd"] = []rune{0, 0xFFFF, 0xAC00, 0xE000, 'A', 'A', '中', '中', 0xFFFE}
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		sets["random"] = append(sets["random"], rune(0x4E00+rnd.IntN(0x9FA5-0x4E00)))
	}
	sets["empty"] = nil
	return sets
}

// TestCutIsFpdfs checks that Cut makes, byte for byte, the font fpdf's own cut does, for each
// embedded face and character set: the PDFs are then the same as before Cut replaced it. The
// one exception is the head table's checkSumAdjustment, which fpdf gets wrong by 2¹⁷ when its
// subtraction borrows (calcInt32 carries instead) and sets again, from zero, in the font it
// embeds: Cut's is the correct one.
func TestCutIsFpdfs(t *testing.T) {
	for name, face := range faces {
		for set, runes := range cutSets(t) {
			want := fpdf.UTF8CutFont(face(), string(runes))
			got, err := Cut(face(), runes)
			if err != nil {
				t.Fatalf("%s %s: %v", name, set, err)
			}
			if sum := checksum(got); sum != 0xB1B0AFBA {
				t.Errorf("%s %s: the font's checksum is %#x, want 0xB1B0AFBA", name, set, sum)
			}
			if got, want := withoutAdjustment(t, got), withoutAdjustment(t, want); !bytes.Equal(got, want) {
				t.Errorf("%s %s: cut of %d bytes differs from fpdf's %d at byte %d", name, set, len(got), len(want), firstDiff(got, want))
			}
		}
	}
}

// withoutAdjustment is a copy of font with the head table's checkSumAdjustment zero.
func withoutAdjustment(t *testing.T, font []byte) []byte {
	t.Helper()
	font = slices.Clone(font)
	head := mustTable(t, font, "head")
	clear(head[8:12])
	return font
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestCutComposite checks composite glyphs against fpdf on a font made for it: 'C' is glyph 4,
// a composite of glyph 3 (itself a composite of 1 and 2, one offset in words) and of glyph 2;
// the cut must bring 1–3 along, renumbered, with the components' indices rewritten.
func TestCutComposite(t *testing.T) {
	font := compositeFont()
	for _, runes := range []string{"C", "AC", "B", "DC", "ABCD", "CD"} {
		want := fpdf.UTF8CutFont(font, runes)
		got, err := Cut(font, []rune(runes))
		if err != nil {
			t.Fatalf("%q: %v", runes, err)
		}
		if got, want := withoutAdjustment(t, got), withoutAdjustment(t, want); !bytes.Equal(got, want) {
			t.Errorf("%q: cut of %d bytes differs from fpdf's %d at byte %d", runes, len(got), len(want), firstDiff(got, want))
		}
	}
	got, _ := Cut(font, []rune("C"))
	glyphs := int(be.Uint16(mustTable(t, got, "maxp")[4:]))
	if glyphs != 5 { // .notdef, 4 ('C'), then its components 3, 2 and 3's own 1
		t.Errorf("cut of 'C' has %d glyphs, want 5", glyphs)
	}
}

func mustTable(t *testing.T, font []byte, tag string) []byte {
	t.Helper()
	tb, err := table(font, tag)
	if err != nil || tb == nil {
		t.Fatalf("table %s: %v", tag, err)
	}
	return tb
}

// compositeFont is a TrueType font of five glyphs: .notdef, two simple ones, and two
// composites (glyph 3 = 1 + 2, glyph 4 = 3 + 2), mapped from 'A'..'D' as A→1, B→3, C→4, D→2.
func compositeFont() []byte {
	simple := func(x int16) []byte { // one contour of one point
		g := be.AppendUint16(nil, 1)
		for _, v := range []int16{0, 0, x, x} {
			g = be.AppendUint16(g, uint16(v))
		}
		g = be.AppendUint16(g, 0) // endPtsOfContours
		g = be.AppendUint16(g, 0) // instructionLength
		return append(g, 0x37, 0, 0)
	}
	composite := func(parts ...[2]int) []byte {
		g := be.AppendUint16(nil, 0xFFFF)
		g = append(g, make([]byte, 8)...)
		for i, p := range parts {
			flags := 0
			if i < len(parts)-1 {
				flags |= moreComponents
			}
			if p[1] > 127 {
				flags |= argsAreWords
			}
			g = be.AppendUint16(g, uint16(flags))
			g = be.AppendUint16(g, uint16(p[0]))
			if flags&argsAreWords != 0 {
				g = be.AppendUint16(g, uint16(p[1]))
				g = be.AppendUint16(g, 0)
			} else {
				g = append(g, byte(p[1]), 0)
			}
		}
		return g
	}
	glyphs := [][]byte{nil, simple(100), simple(200), composite([2]int{1, 0}, [2]int{2, 300}), composite([2]int{3, 10}, [2]int{2, 20})}
	var glyf, loca, hmtx []byte
	for i, g := range glyphs {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = be.AppendUint16(hmtx, uint16(500+10*i))
		hmtx = be.AppendUint16(hmtx, uint16(i))
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))
	head := make([]byte, 54)
	be.PutUint32(head, 0x00010000)
	be.PutUint16(head[18:], 1000)
	be.PutUint16(head[50:], 1)
	hhea := make([]byte, 36)
	be.PutUint16(hhea[34:], uint16(len(glyphs)))
	maxp := make([]byte, 6)
	be.PutUint16(maxp[4:], uint16(len(glyphs)))
	post := make([]byte, 32)
	be.PutUint32(post, 0x00030000)
	cmap := compositeCmap()
	return writeTables(map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf, "post": post, "cmap": cmap})
}

// compositeCmap maps A→1, B→3, C→4, D→2: four one-character segments and the closing one.
func compositeCmap() []byte {
	chars, glyphs := []int{'A', 'B', 'C', 'D', 0xFFFF}, []int{1, 3, 4, 2, 0}
	sub := be.AppendUint16(nil, 4)
	sub = be.AppendUint16(sub, uint16(16+8*len(chars)))
	sub = be.AppendUint16(sub, 0)
	sub = be.AppendUint16(sub, uint16(2*len(chars)))
	sub = append(sub, make([]byte, 6)...)
	for _, c := range chars {
		sub = be.AppendUint16(sub, uint16(c))
	}
	sub = be.AppendUint16(sub, 0)
	for _, c := range chars {
		sub = be.AppendUint16(sub, uint16(c))
	}
	for i, c := range chars {
		sub = be.AppendUint16(sub, uint16(glyphs[i]-c))
	}
	for range chars {
		sub = be.AppendUint16(sub, 0)
	}
	cmap := be.AppendUint16(nil, 0)
	cmap = be.AppendUint16(cmap, 1)
	cmap = be.AppendUint16(cmap, 3)
	cmap = be.AppendUint16(cmap, 1)
	cmap = be.AppendUint32(cmap, 12)
	return append(cmap, sub...)
}

// TestCutRejectsBrokenFonts checks that a damaged font is an error, not a panic or a cut
// that would print wrong glyphs.
func TestCutRejectsBrokenFonts(t *testing.T) {
	good := compositeFont()
	loca := slices.Clone(good)
	at := bytes.Index(loca, []byte("loca"))
	off := int(be.Uint32(loca[at+8:]))
	be.PutUint32(loca[off+4*4:], 1<<20) // glyph 4 (C) ends past glyf
	cyclic := slices.Clone(good)
	gat := bytes.Index(cyclic, []byte("glyf"))
	goff := int(be.Uint32(cyclic[gat+8:]))
	g3 := goff + int(be.Uint32(cyclic[off+3*4:]))
	be.PutUint16(cyclic[g3+12:], 3) // glyph 3's first component is glyph 3
	for name, font := range map[string][]byte{"nil": nil, "short": good[:40], "text": []byte("not a font at all, just some text"), "loca": loca, "cyclic": cyclic} {
		if _, err := Cut(font, []rune("ABCD")); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func BenchmarkCut(b *testing.B) {
	runes := cutSets(b)["notices"]
	for name, face := range faces {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Cut(face(), runes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFpdfCut(b *testing.B) {
	runes := string(cutSets(b)["notices"])
	for name, face := range faces {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				fpdf.UTF8CutFont(face(), runes)
			}
		})
	}
}
