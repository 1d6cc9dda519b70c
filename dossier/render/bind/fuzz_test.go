package bind

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// FuzzCanonical: canonical never panics, and what it writes it reads back to itself.
func FuzzCanonical(f *testing.F) {
	in := makePDF(f, 3, fpdf.SizeType{})
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader(in), 2); err != nil {
		f.Fatal(err)
	}
	ctx, err := readPDF(in)
	if err != nil {
		f.Fatal(err)
	}
	var classic bytes.Buffer // what pdfcpu writes, before canonical
	if err := repeat(&classic, ctx, in, 2); err != nil {
		f.Fatal(err)
	}
	f.Add(out.Bytes())
	f.Add(classic.Bytes())
	f.Add(in)
	f.Fuzz(func(t *testing.T, b []byte) {
		d := infoOf(b)
		c, err := canonical(b, d)
		if err != nil {
			return
		}
		again, err := canonical(c, infoOf(c))
		if err != nil {
			t.Fatalf("canonical cannot read its own output: %v", err)
		}
		if !bytes.Equal(again, c) {
			t.Fatal("canonical changes its own output")
		}
	})
}
