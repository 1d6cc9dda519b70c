package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// compact: the report's PDF is smaller than fpdf wrote it, passes qpdf --check, reads back
// the same text, and lists no glyph of the default width in its /W arrays; input it does not
// know is returned as it was.
func TestCompact(t *testing.T) {
	r := sampleReport(3, 2, 30)
	full, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	faces, err := cut(full, r, false)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := layout(r, Options{}, full, faces, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := rd.finish(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rd.pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	raw := tagSubsets(buf.Bytes())
	small := compact(raw)
	if len(small) >= len(raw)*95/100 {
		t.Errorf("compact: %d → %d bytes", len(raw), len(small))
	}
	t.Logf("compact: %d → %d bytes", len(raw), len(small))
	dir := t.TempDir()
	a, b := filepath.Join(dir, "raw.pdf"), filepath.Join(dir, "small.pdf")
	os.WriteFile(a, raw, 0o644)
	os.WriteFile(b, small, 0o644)
	tool(t, "qpdf", "--check", b)
	if ta, tb := tool(t, "pdftotext", a, "-"), tool(t, "pdftotext", b, "-"); ta != tb {
		t.Error("the compacted PDF reads back other text")
	}
	// fpdf lists the default-width glyphs (" 1000" ranges); after compact none is left, so
	// compacting again changes nothing.
	if m := widthArray.FindSubmatch(raw); m == nil || !bytes.Contains(m[2], []byte(" 1000 ")) {
		t.Fatal("fpdf's /W array changed: update compact")
	}
	if again := compact(small); len(again) != len(small) {
		t.Errorf("compacting twice: %d → %d bytes", len(small), len(again))
	}
	for _, m := range widthArray.FindAllSubmatch(small, -1) {
		if len(trimWidths(m[0])) != len(m[0]) {
			t.Errorf("a /W array still lists default widths: %.80s", m[2])
		}
	}
	for _, junk := range [][]byte{nil, []byte("%PDF-1.3\nnot a pdf"), raw[:len(raw)/2]} {
		if got := compact(junk); !bytes.Equal(got, junk) {
			t.Errorf("compact changed input it does not know (%d bytes)", len(junk))
		}
	}
}

// BenchmarkCompact is compact's share of a render: the sample report as fpdf writes it.
func BenchmarkCompact(b *testing.B) {
	r := sampleReport(3, 2, 30)
	full, err := loadFonts()
	if err != nil {
		b.Fatal(err)
	}
	faces, err := cut(full, r, false)
	if err != nil {
		b.Fatal(err)
	}
	rd, err := layout(r, Options{}, full, faces, 0)
	if err != nil {
		b.Fatal(err)
	}
	if err := rd.finish(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rd.pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	raw := tagSubsets(buf.Bytes())
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		streamCache = &streams{} // one document's compact, not a cache hit
		compact(raw)
	}
}

var plainInFile = regexp.MustCompile(`obj\n<</Length \d+>>\nstream\n`)

// fpdf writes the pages plain (SetCompression(false)) and compact compresses them, once: every
// stream of a rendered report and sheet is Flate-compressed, and the PDF checks and reads.
func TestStreamsCompressedOnce(t *testing.T) {
	var rep, sheet bytes.Buffer
	if err := Render(&rep, sampleReport(2, 1, 10), Options{Print: true, Seal: true}); err != nil {
		t.Fatal(err)
	}
	if err := RenderSheet(&sheet, ningboSheet(3), SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"report": rep.Bytes(), "sheet": sheet.Bytes()} {
		streams := bytes.Count(b, []byte(">>\nstream\n"))
		if plain := plainInFile.FindAllIndex(b, -1); len(plain) > 0 || streams < 3 {
			t.Errorf("%s: %d of %d streams uncompressed", name, len(plain), streams)
		}
		if n := bytes.Count(b, []byte("/Filter /FlateDecode")); n < streams {
			t.Errorf("%s: %d streams, %d compressed", name, streams, n)
		}
		path := filepath.Join(t.TempDir(), name+".pdf")
		os.WriteFile(path, b, 0o644)
		tool(t, "qpdf", "--check", path)
		if text := tool(t, "pdftotext", path, "-"); len(text) < 20 {
			t.Errorf("%s reads back %q", name, text)
		}
	}
}
