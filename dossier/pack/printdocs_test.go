package pack_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// pdfPageSize is pdfinfo's "Page size" line of a PDF's first page.
func pdfPageSize(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Page size:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// The manifest lists how to print each print document: paper (read back from the file), sides,
// copies (the report's file holds them all), and where to seal.
func TestPrintDocumentsFromManifest(t *testing.T) {
	for _, simplex := range []bool{false, true} {
		out := buildDemo(t, pack.Options{Simplex: simplex}, nil)
		docs, note, err := pack.PrintDocuments(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(note, "打印说明") {
			t.Errorf("note %q", note)
		}
		var report, sheet *pack.PrintDoc
		for i, d := range docs {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(d.Path))); err != nil {
				t.Errorf("%s: %v", d.Path, err)
			}
			switch {
			case strings.Contains(d.Path, "一式十份"):
				report = &docs[i]
			case !d.Bound:
				sheet = &docs[i]
			}
		}
		if report == nil || sheet == nil {
			t.Fatalf("docs %+v", docs)
		}
		if report.Copies != 10 || !report.Bound || report.Duplex == simplex || report.Paper != pack.PaperA4Portrait ||
			!strings.Contains(report.Seal, "骑缝章") {
			t.Errorf("simplex %v: report %+v", simplex, *report)
		}
		size := pdfPageSize(t, filepath.Join(out, sheet.Path))
		want := map[string]string{pack.PaperA4Landscape: "841.89 x 595.28", pack.PaperA3Landscape: "1190.55 x 841.89"}[sheet.Paper]
		if want == "" || !strings.HasPrefix(size, want) || sheet.Copies != 1 || sheet.Duplex || sheet.Seal == "" {
			t.Errorf("sheet %+v, pdfinfo %q", *sheet, size)
		}
	}
}

// A package whose manifest predates the print list still lists its print PDFs.
func TestPrintDocumentsOldManifest(t *testing.T) {
	out := buildDemo(t, pack.Options{}, func(ps *programme.Print) {})
	m, err := pack.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(out, pack.ManifestName))
	i := strings.Index(string(src), `,
  "print": [`)
	if i < 0 {
		t.Fatalf("no print list in\n%s", src)
	}
	old := string(src[:i]) + "\n}\n"
	if err := os.WriteFile(filepath.Join(out, pack.ManifestName), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, _, err := pack.PrintDocuments(out)
	if err != nil || len(docs) != len(m.Print) {
		t.Fatalf("%d docs (%v), manifest had %d", len(docs), err, len(m.Print))
	}
	for _, d := range docs {
		if d.Copies != 0 || !strings.HasPrefix(d.Path, "print/") || !strings.HasSuffix(d.Path, ".pdf") {
			t.Errorf("%+v", d)
		}
	}
}
