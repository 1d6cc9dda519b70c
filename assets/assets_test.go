package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"dossier/dossier/render/ttf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCoverage checks that both fonts cover ASCII, every hanzi and symbol of GB2312, and the
// punctuation the renderers print themselves.
func TestCoverage(t *testing.T) {
	const needed = "统一社会信用代码 ABC abc 0123 “”‘’—…（万元）〔〕【】《》、，。；：？！·草稿骑缝章法定代表人（签字）盖章目录"
	dec := simplifiedchinese.GB18030.NewDecoder()
	for name, font := range map[string][]byte{"Song": Song(), "Hei": Hei(), "Fang": Fang()} {
		set, err := ttf.Covers(font)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range needed {
			if !set[r] {
				t.Errorf("%s lacks %q (U+%04X)", name, r, r)
			}
		}
		for r := rune(0x21); r < 0x7f; r++ {
			if !set[r] {
				t.Errorf("%s lacks ASCII %q", name, r)
			}
		}
		// GB2312 hanzi: rows 0xB0–0xF7, cells 0xA1–0xFE (row 0xD7 ends at 0xF9).
		missing := 0
		for hi := 0xB0; hi <= 0xF7; hi++ {
			for lo := 0xA1; lo <= 0xFE; lo++ {
				if hi == 0xD7 && lo > 0xF9 {
					continue
				}
				s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
				if err != nil {
					t.Fatal(err)
				}
				if r := []rune(string(s))[0]; !set[r] {
					missing++
				}
			}
		}
		if missing > 0 {
			t.Errorf("%s lacks %d GB2312 hanzi", name, missing)
		}
	}
}

func TestCoversRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not a font at all"), make([]byte, 64)} {
		if _, err := ttf.Covers(b); err == nil {
			t.Errorf("ttf.Covers(%q): no error", b)
		}
	}
}

// TestNamesCoverage checks that Song and Hei cover every hanzi of GBK (the CJK Unified
// Ideographs U+4E00–9FA5) and 〇, so rare characters of names never switch typeface.
func TestNamesCoverage(t *testing.T) {
	for name, font := range map[string][]byte{"Song": Song(), "Hei": Hei()} {
		set, err := ttf.Covers(font)
		if err != nil {
			t.Fatal(err)
		}
		missing := 0
		for r := rune(0x4E00); r <= 0x9FA5; r++ {
			if !set[r] {
				missing++
			}
		}
		for _, r := range "喆堃赟旸昇〇①⑳×—“”㎡℃" {
			if !set[r] {
				t.Errorf("%s lacks %q", name, r)
			}
		}
		if missing > 0 {
			t.Errorf("%s lacks %d hanzi of U+4E00–9FA5", name, missing)
		}
	}
}

// The translation files parse as Fyne's lang package reads them.
func TestTranslationsLoad(t *testing.T) {
	if err := lang.AddTranslationsFS(Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"translations/zh_Hans.json", "translations/en.json"} {
		if b, err := Translations.ReadFile(name); err != nil || len(b) < 100 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestFacesAsCommitted: each face is the committed file itself, byte for byte (the SHA-256
// listed in fonts/README.md), with nothing to decompress first.
func TestFacesAsCommitted(t *testing.T) {
	readme, err := os.ReadFile("fonts/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for file, face := range map[string]func() []byte{"noto-serif-sc.ttf": Song, "noto-sans-sc.ttf": Hei, "fandol-fang.ttf": Fang} {
		sum := sha256.Sum256(face())
		if line := hex.EncodeToString(sum[:]) + "  " + file; !strings.Contains(string(readme), line) {
			t.Errorf("%s: %q is not listed in fonts/README.md", file, line)
		}
		disk, err := os.ReadFile("fonts/" + file)
		if err != nil || !bytes.Equal(disk, face()) {
			t.Errorf("%s: the face is not the committed file (%v)", file, err)
		}
		if n := testing.AllocsPerRun(10, func() { _ = face() }); n != 0 {
			t.Errorf("%s: %v allocations a call", file, n)
		}
	}
}
