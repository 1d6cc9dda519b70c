package pdfprobe

import (
	"path/filepath"
	"strings"
	"testing"

	"dossier/assets"

	"codeberg.org/go-pdf/fpdf"
)

// furnitureFixture writes a two-page A4 PDF with its furniture wrong on purpose: page 1
// (right-hand) carries "— 2 —" at the left, text in the right-hand strip, ink in both edges'
// strips; page 2 (left-hand) carries "— 2 —" at the right and nothing in the strips.
func furnitureFixture(t *testing.T) string {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("song", "", assets.Song())
	p.SetFont("song", "", 10)
	p.SetAutoPageBreak(false, 0)
	p.AddPage()
	p.Text(20, 285, "— 2 —")
	p.Text(197, 20, "盖章")
	p.Rect(7, 140, 4, 10, "F")
	p.Rect(198, 140, 4, 10, "F")
	p.AddPage()
	p.Text(180, 285, "— 2 —")
	path := filepath.Join(t.TempDir(), "furniture.pdf")
	if err := p.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckReportsFurniture pins every problem Check names, in order.
func TestCheckReportsFurniture(t *testing.T) {
	path := furnitureFixture(t)
	e := Print{Duplex: true, SealInset: 5, SealW: 10, FolioBelow: 270, Raster: 2}
	for _, c := range []struct {
		seal bool
		want []string
	}{
		{false, []string{
			`page 1: "— 2 —" at x 20–`,
			"page 1 carries number 2: odd numbers must fall on right-hand pages",
			`page 1: "盖章" (x 197.0–`,
			"page 1: something is drawn where no seal strip was asked for",
			"page 1: something is drawn at the inner edge (the gutter)",
			`page 2: "— 2 —" at x 180–`,
		}},
		{true, []string{
			`page 1: "— 2 —" at x 20–`,
			"page 1 carries number 2: odd numbers must fall on right-hand pages",
			`page 1: "盖章" (x 197.0–`,
			"page 1: something is drawn at the inner edge (the gutter)",
			`page 2: "— 2 —" at x 180–`,
			"page 2: no seal strip drawn on the outer edge",
		}},
	} {
		e.Seal = c.seal
		pages, problems, err := Check(path, e)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 2 || len(problems) != len(c.want) {
			t.Fatalf("seal %v: %d pages, problems:\n%s", c.seal, len(pages), strings.Join(problems, "\n"))
		}
		for i, w := range c.want {
			if !strings.HasPrefix(problems[i], w) {
				t.Errorf("seal %v: problem %d is %q, want it to start %q", c.seal, i+1, problems[i], w)
			}
		}
	}
	e.Raster = 0 // text only: no drawing is looked for
	if _, problems, _ := Check(path, e); len(problems) != 4 {
		t.Errorf("without raster: %q", problems)
	}
}

func TestParsePGMRefuses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"P5\n3 x\n255\n", "bad PGM header"},
		{"P5 3", "not a binary PGM"},
		{"", "not a binary PGM"},
		{"P5\n2 2\n65535\n\x00\x00\x00\x00", "unexpected PGM 2x2 max 65535"},
		{"P5\n2 2\n255\n\x00\x00\x00", "unexpected PGM 2x2 max 255"},
		{"P5\t# 1 1\n255\n\x00", "bad PGM header"},
	} {
		if _, err := parsePGM([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parsePGM(%q): error %v, want %q", c.in, err, c.want)
		}
	}
	img, err := parsePGM([]byte("P5\r\n1\t1 255 \x07"))
	if err != nil || img.Pix[0] != 7 {
		t.Errorf("whitespace variants: %v %v", img, err)
	}
}
