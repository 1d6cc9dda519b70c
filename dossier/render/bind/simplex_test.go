package bind

import (
	"bytes"
	"fmt"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestSimplexNoPadding: single-sided copies are the document repeated as it is, an odd page
// count included; double-sided the same input is padded.
func TestSimplexNoPadding(t *testing.T) {
	in := makePDF(t, 3, fpdf.SizeType{})
	for _, tc := range []struct {
		simplex bool
		want    int
	}{{true, 9}, {false, 12}} {
		var out bytes.Buffer
		if err := Bind(&out, bytes.NewReader(in), Options{Copies: 3, Simplex: tc.simplex}); err != nil {
			t.Fatal(err)
		}
		path := writeTemp(t, out.Bytes())
		run(t, "qpdf", "qpdf", "--check", path)
		if n := pdfinfoPages(t, path); n != tc.want {
			t.Errorf("simplex %v: %d pages, want %d", tc.simplex, n, tc.want)
		}
		per := tc.want / 3
		for c := 0; c < 3; c++ {
			if got, want := pageText(t, path, c*per+1), "DOC3 PAGE 1 OF 3"; got != want {
				t.Errorf("simplex %v: copy %d starts with %q", tc.simplex, c+1, got)
			}
		}
	}
}

// TestCopiesShareResources: ten copies cost hardly more than one (fonts and content streams
// are shared, not repeated per copy).
func TestCopiesShareResources(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 12)
	for i := 0; i < 4; i++ {
		p.AddPage()
		p.Text(20, 20, fmt.Sprintf("page %d %s", i+1, bytes.Repeat([]byte("lorem ipsum "), 200)))
	}
	var in, out bytes.Buffer
	if err := p.Output(&in); err != nil {
		t.Fatal(err)
	}
	if err := Copies(&out, bytes.NewReader(in.Bytes()), 10); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 2*in.Len()+20<<10 {
		t.Errorf("10 copies take %d bytes, one takes %d", out.Len(), in.Len())
	}
	run(t, "qpdf", "qpdf", "--check", writeTemp(t, out.Bytes()))
}
