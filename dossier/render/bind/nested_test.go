package bind

import (
	"bytes"
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// TestCopiesOfNestedPageTree: a PDF whose page tree has intermediate nodes (pdfcpu's merge of
// two files writes one: a report with its attachments) is repeated in place, its pages
// flattened under the root with what they inherit; the pages stay in order and the file is
// sound.
func TestCopiesOfNestedPageTree(t *testing.T) {
	var merged bytes.Buffer
	rs := []io.ReadSeeker{bytes.NewReader(makePDF(t, 2, fpdf.SizeType{})), bytes.NewReader(makePDF(t, 4, fpdf.SizeType{}))}
	if err := api.MergeRaw(rs, &merged, false, config()); err != nil {
		t.Fatal(err)
	}
	ctx, err := readPDF(merged.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	flat, err := repeatPages(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !flat {
		t.Fatal("a nested page tree is not repeated in place")
	}
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader(merged.Bytes()), 2); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, out.Bytes())
	run(t, "qpdf", "qpdf", "--check", path)
	want := []string{"DOC2 PAGE 1 OF 2", "DOC2 PAGE 2 OF 2", "DOC4 PAGE 1 OF 4", "DOC4 PAGE 2 OF 4", "DOC4 PAGE 3 OF 4", "DOC4 PAGE 4 OF 4"}
	if n := pdfinfoPages(t, path); n != 12 {
		t.Fatalf("%d pages, want 12", n)
	}
	for i := 0; i < 12; i++ {
		if got := pageText(t, path, i+1); got != want[i%6] {
			t.Errorf("page %d: %q, want %q", i+1, got, want[i%6])
		}
	}
}
