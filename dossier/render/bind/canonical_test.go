package bind

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/render/internal/xref"
)

// datedPDF is testPDF's document of n pages created at when, its pages saying tag.
func datedPDF(t testing.TB, n int, tag string, when time.Time) []byte {
	return testPDF(t, n, tag, fpdf.SizeType{}, when)
}

var buildTime = time.Date(2019, 5, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

var (
	rawDateRE = regexp.MustCompile(`(?m)^(CreationDate|ModDate):\s+(\S+)`)
	fileIDRE  = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
)

// rawDates is what pdfinfo reads as the file's dates, unconverted, and its producer.
func rawDates(t testing.TB, path string) string {
	t.Helper()
	info := run(t, "pdfinfo", "poppler-utils", "-rawdates", path)
	m := rawDateRE.FindAllString(info, -1)
	if len(m) != 2 {
		t.Fatalf("pdfinfo -rawdates %s: dates %q", path, m)
	}
	producer := regexp.MustCompile(`(?m)^Producer:\s*(.*)$`).FindStringSubmatch(info)
	if producer == nil || strings.Contains(producer[1], "pdfcpu") {
		t.Errorf("%s: producer %q, want the input's", path, producer)
	}
	return fmt.Sprint(m, producer)
}

// fileID is the trailer's /ID, both halves (pdfcpu's classic or stream trailer alike).
func fileID(t testing.TB, b []byte) string {
	t.Helper()
	m := fileIDRE.FindAllSubmatch(b, -1)
	if len(m) == 0 {
		t.Fatal("no /ID")
	}
	last := m[len(m)-1]
	return string(last[1]) + " " + string(last[2])
}

// checked writes b to a file that qpdf finds sound and returns its path.
func checked(t testing.TB, b []byte) string {
	t.Helper()
	path := writeTemp(t, b)
	run(t, "qpdf", "qpdf", "--check", path)
	return path
}

// TestBindDeterministic: binding the same PDF twice gives the same bytes, for every way Bind
// writes through pdfcpu (repeated in place, padded, padded and repeated); the output has the input's dates, and an /ID that is its own: the same
// for the same output, another when the content differs.
func TestBindDeterministic(t *testing.T) {
	in := datedPDF(t, 3, "DOC", buildTime)
	inDates := rawDates(t, writeTemp(t, in))
	other := datedPDF(t, 3, "OTHER", buildTime)
	for _, o := range []Options{{Copies: 3, Simplex: true}, {Copies: 1}, {Copies: 3}} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			bind := func(src []byte) []byte {
				var out bytes.Buffer
				if err := Bind(&out, bytes.NewReader(src), o); err != nil {
					t.Fatal(err)
				}
				return out.Bytes()
			}
			a, b := bind(in), bind(in)
			if !bytes.Equal(a, b) {
				t.Errorf("two binds of the same PDF differ (%d and %d bytes)", len(a), len(b))
			}
			path := checked(t, a)
			if got := rawDates(t, path); got != inDates {
				t.Errorf("dates %s, the input's %s", got, inDates)
			}
			id := fileID(t, a)
			if id != fileID(t, b) {
				t.Errorf("/ID %s, then %s", id, fileID(t, b))
			}
			if fileID(t, bind(other)) == id {
				t.Errorf("another document has the same /ID %s", id)
			}
			want := 3 * o.Copies
			if !o.Simplex {
				want = 4 * o.Copies
			}
			if n := pdfinfoPages(t, path); n != want {
				t.Errorf("%d pages, want %d", n, want)
			}
			if got := pageText(t, path, want-1); o.Copies > 1 && got != "DOC PAGE 3 OF 3" && got != "DOC PAGE 2 OF 3" {
				t.Errorf("page %d: %q", want-1, got)
			}
		})
	}
}

// TestVolumeDeterministic: a report merged with an attachment and stamped, twice, gives the
// same bytes at both steps, with the report's dates; its copies too.
func TestVolumeDeterministic(t *testing.T) {
	report := datedPDF(t, 3, "REPORT", buildTime)
	scan := datedPDF(t, 2, "SCAN", buildTime.Add(-24*time.Hour*400))
	scan2 := datedPDF(t, 1, "SCAN2", buildTime.Add(-24*time.Hour*800))
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "report.pdf"), filepath.Join(dir, "scan.pdf"), filepath.Join(dir, "scan2.pdf")}
	for i, b := range [][]byte{report, scan, scan2} {
		if err := os.WriteFile(files[i], b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	overlay := func(sizes [][2]float64) ([]byte, error) {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetCreationDate(buildTime)
		p.SetFont("Helvetica", "", 10)
		for i, s := range sizes[3:] {
			p.AddPageFormat("P", fpdf.SizeType{Wd: s[0], Ht: s[1]})
			p.Text(100, s[1]-10, fmt.Sprintf("- %d -", i+4))
		}
		var buf bytes.Buffer
		err := p.Output(&buf)
		return buf.Bytes(), err
	}
	volume := func(k int) ([]byte, []byte) {
		merged := filepath.Join(dir, fmt.Sprintf("merged%d.pdf", k))
		stamped := filepath.Join(dir, fmt.Sprintf("stamped%d.pdf", k))
		if err := Merge(merged, files); err != nil {
			t.Fatal(err)
		}
		if err := Stamp(stamped, merged, 4, overlay); err != nil {
			t.Fatal(err)
		}
		m, err1 := os.ReadFile(merged)
		s, err2 := os.ReadFile(stamped)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		return m, s
	}
	m1, s1 := volume(1)
	m2, s2 := volume(2)
	if !bytes.Equal(m1, m2) {
		t.Errorf("two merges of the same files differ (%d and %d bytes)", len(m1), len(m2))
	}
	if !bytes.Equal(s1, s2) {
		t.Errorf("two stamps of the same volume differ (%d and %d bytes)", len(s1), len(s2))
	}
	want := rawDates(t, files[0])
	for _, b := range [][]byte{m1, s1} {
		if got := rawDates(t, checked(t, b)); got != want {
			t.Errorf("dates %s, the report's %s", got, want)
		}
	}
	path := checked(t, s1)
	if n := pdfinfoPages(t, path); n != 6 {
		t.Fatalf("%d pages, want 6", n)
	}
	for page, want := range map[int]string{1: "REPORT PAGE 1 OF 3", 4: "SCAN PAGE 1 OF 2", 6: "SCAN2 PAGE 1 OF 1"} {
		if got := pageText(t, path, page); !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(got) {
			t.Errorf("page %d: %q, want %q", page, got, want)
		}
	}
	if got := pageText(t, path, 5); !regexp.MustCompile(`-\s*5\s*-`).MatchString(got) {
		t.Errorf("page 5 is not numbered: %q", got)
	}
	var c1, c2 bytes.Buffer
	if err := Copies(&c1, bytes.NewReader(s1), 2); err != nil {
		t.Fatal(err)
	}
	if err := Copies(&c2, bytes.NewReader(s2), 2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c1.Bytes(), c2.Bytes()) {
		t.Error("the copies of the two volumes differ")
	}
	if got := rawDates(t, checked(t, c1.Bytes())); got != want {
		t.Errorf("copies' dates %s, the report's %s", got, want)
	}
}

// TestCanonicalFixedPoint: canonical's output is its own canonical form, an object nothing
// reaches is left out, and a reference to an object the file lacks reads as null.
func TestCanonicalFixedPoint(t *testing.T) {
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader(datedPDF(t, 2, "DOC", buildTime)), 2); err != nil {
		t.Fatal(err)
	}
	d := infoOf(out.Bytes())
	again, err := canonical(out.Bytes(), d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out.Bytes()) {
		t.Error("canonical changes its own output")
	}
	// The same objects written with a classic table, the catalog with an entry referring to
	// object 99, which the file lacks, and an object 98 that nothing refers to (as nothing
	// refers to the object streams, written as plain objects here).
	f, err := xref.Read(again)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Packed) == 0 {
		t.Error("canonical packs no objects")
	}
	w := xref.NewWriter(again[:f.Objects[0].Off], 0)
	for n := 1; n < 98; n++ {
		if text, _, ok := f.Text(again, n); ok {
			w.Object(n, bytes.Replace(text, []byte("/Type/Catalog"), []byte("/Type/Catalog/X 99 0 R"), 1))
		}
	}
	w.Object(98, []byte("98 0 obj\n(unused)\nendobj\n"))
	root, _ := xref.DictValue(f.Dict, "Root")
	info, _ := xref.DictValue(f.Dict, "Info")
	edited := w.End(fmt.Appendf(nil, "trailer\n<</Info %s/Root %s/Size 99>>\n", info, root), w.Table())
	got, err := canonical(edited, d)
	if err != nil {
		t.Fatal(err)
	}
	g, err := xref.Read(got)
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for n := 1; n < g.Size(); n++ {
		text, _, _ := g.Text(got, n)
		all = append(all, text...)
	}
	if bytes.Contains(all, []byte("(unused)")) || !bytes.Contains(all, []byte("/X null")) {
		t.Errorf("unreached object kept or missing one referred to:\n%s", all)
	}
	if rawDates(t, checked(t, got)) != rawDates(t, checked(t, out.Bytes())) {
		t.Error("dates lost")
	}
}
