package bind

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// testHome is HOME for the whole test binary: pdfcpu must leave it empty.
var testHome string

func TestMain(m *testing.M) {
	var err error
	if testHome, err = os.MkdirTemp("", "bind-home-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// os.UserConfigDir prefers XDG_CONFIG_HOME: unset it so a stray write lands in HOME.
	os.Setenv("HOME", testHome)
	os.Unsetenv("XDG_CONFIG_HOME")
	code := m.Run()
	if names := homeEntries(); len(names) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: tests wrote into HOME: %v\n", names)
		code = 1
	}
	os.RemoveAll(testHome)
	os.Exit(code)
}

func homeEntries() []string {
	var names []string
	_ = filepath.WalkDir(testHome, func(p string, d os.DirEntry, err error) error {
		if p != testHome {
			names = append(names, p)
		}
		return nil
	})
	return names
}

// makePDF writes an A4 document of n pages; page i says "DOC<n> PAGE i OF n". lastSize, when
// non-zero, is the size of the last page in points.
func makePDF(t testing.TB, n int, lastSize fpdf.SizeType) []byte {
	return testPDF(t, n, fmt.Sprintf("DOC%d", n), lastSize, time.Time{})
}

// testPDF writes an A4 document of n pages, page i saying "<tag> PAGE i OF n", its last page
// lastSize when that is not zero, its Info dates when (fpdf's time of writing when zero).
func testPDF(t testing.TB, n int, tag string, lastSize fpdf.SizeType, when time.Time) []byte {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	if !when.IsZero() {
		pdf.SetCreationDate(when)
		pdf.SetModificationDate(when)
	}
	for i := 1; i <= n; i++ {
		if i == n && lastSize.Wd > 0 {
			pdf.AddPageFormat("P", lastSize)
		} else {
			pdf.AddPage()
		}
		pdf.SetFont("Helvetica", "", 20)
		pdf.Text(72, 100, fmt.Sprintf("%s PAGE %d OF %d", tag, i, n))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tool finds a command-line tool; a missing one fails the test, it must not skip silently.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install it with `apt-get install -y %s`", name, pkg)
	}
	return p
}

// run executes a tool with its own HOME, so that what the tools write (font caches) does not
// count against pdfcpu.
func run(t testing.TB, name, pkg string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name, pkg), args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func writeTemp(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var pagesRE = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
var sizeRE = regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)

func pdfinfoPages(t testing.TB, path string) int {
	m := pagesRE.FindStringSubmatch(run(t, "pdfinfo", "poppler-utils", path))
	if m == nil {
		t.Fatalf("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func pageSize(t testing.TB, path string, page int) string {
	p := strconv.Itoa(page)
	m := sizeRE.FindStringSubmatch(run(t, "pdfinfo", "poppler-utils", "-f", p, "-l", p, path))
	if m == nil {
		t.Fatalf("pdfinfo: no size for page %d", page)
	}
	return m[1] + "x" + m[2]
}

func pageText(t testing.TB, path string, page int) string {
	p := strconv.Itoa(page)
	return strings.TrimSpace(run(t, "pdftotext", "poppler-utils", "-f", p, "-l", p, "-layout", path, "-"))
}

// pageIsWhite renders a page at low resolution and reports whether every pixel is white.
func pageIsWhite(t testing.TB, path string, page int) bool {
	p := strconv.Itoa(page)
	prefix := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "poppler-utils", "-f", p, "-l", p, "-r", "30", "-gray", "-png", "-singlefile", path, prefix)
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				return false
			}
		}
	}
	return b != image.Rectangle{}
}

func TestCopies(t *testing.T) {
	for _, tc := range []struct {
		pages, copies, padded int
	}{
		{3, 3, 4},
		{4, 2, 4},
		{3, 1, 4},
		{4, 1, 4},
	} {
		t.Run(fmt.Sprintf("%dpages×%d", tc.pages, tc.copies), func(t *testing.T) {
			in := makePDF(t, tc.pages, fpdf.SizeType{})
			if n, err := PageCount(bytes.NewReader(in)); err != nil || n != tc.pages {
				t.Fatalf("input PageCount = %d, %v", n, err)
			}
			var out bytes.Buffer
			if err := Copies(&out, bytes.NewReader(in), tc.copies); err != nil {
				t.Fatal(err)
			}
			want := tc.copies * tc.padded
			if n, err := PageCount(bytes.NewReader(out.Bytes())); err != nil || n != want {
				t.Errorf("PageCount = %d, %v; want %d", n, err, want)
			}
			path := writeTemp(t, out.Bytes())
			run(t, "qpdf", "qpdf", "--check", path)
			if n := pdfinfoPages(t, path); n != want {
				t.Errorf("pdfinfo pages = %d, want %d", n, want)
			}
			first := fmt.Sprintf("DOC%d PAGE 1 OF %d", tc.pages, tc.pages)
			if got := pageText(t, path, 1); got != first {
				t.Errorf("page 1 text %q, want %q", got, first)
			}
			if tc.copies > 1 {
				if got := pageText(t, path, tc.padded+1); got != first {
					t.Errorf("copy 2 first page (%d) text %q, want %q", tc.padded+1, got, first)
				}
			}
			// Every copy's own pages are in order and the pad page (if any) is blank.
			for c := 0; c < tc.copies; c++ {
				for p := 1; p <= tc.padded; p++ {
					page := c*tc.padded + p
					got := pageText(t, path, page)
					if p <= tc.pages {
						if want := fmt.Sprintf("DOC%d PAGE %d OF %d", tc.pages, p, tc.pages); got != want {
							t.Errorf("page %d text %q, want %q", page, got, want)
						}
						continue
					}
					if got != "" {
						t.Errorf("padding page %d has text %q", page, got)
					}
					if !pageIsWhite(t, path, page) {
						t.Errorf("padding page %d is not blank", page)
					}
					if a, b := pageSize(t, path, page), pageSize(t, path, page-1); a != b {
						t.Errorf("padding page %d size %s, previous page %s", page, a, b)
					}
				}
			}
		})
	}
}

func TestPaddingTakesLastPageSize(t *testing.T) {
	a5 := fpdf.SizeType{Wd: 419.53, Ht: 595.28}
	in := makePDF(t, 3, a5)
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader(in), 2); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, out.Bytes())
	run(t, "qpdf", "qpdf", "--check", path)
	if got, want := pageSize(t, path, 4), pageSize(t, path, 3); got != want {
		t.Errorf("pad page %s, last page %s", got, want)
	}
	if got, want := pageSize(t, path, 5), pageSize(t, path, 1); got != want {
		t.Errorf("copy 2 page 1 %s, copy 1 page 1 %s", got, want)
	}
}

func TestBadInput(t *testing.T) {
	in := makePDF(t, 3, fpdf.SizeType{})
	for _, n := range []int{0, -1, MaxCopies + 1} {
		var out bytes.Buffer
		if err := Copies(&out, bytes.NewReader(in), n); err == nil || out.Len() != 0 {
			t.Errorf("copies=%d: err %v, %d bytes written", n, err, out.Len())
		}
	}
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader([]byte("not a pdf")), 2); err == nil || out.Len() != 0 {
		t.Errorf("garbage input: err %v, %d bytes written", err, out.Len())
	}
	if err := Copies(&out, bytes.NewReader(in[:len(in)/2]), 2); err == nil {
		t.Error("truncated input: no error")
	}
	if _, err := PageCount(bytes.NewReader(nil)); err == nil {
		t.Error("PageCount of nothing: no error")
	}
	if err := Copies(&out, nil, 2); err == nil {
		t.Error("nil reader: no error")
	}
}

// TestHomeUntouched checks HOME after pdfcpu has run (TestMain checks again at the end).
func TestHomeUntouched(t *testing.T) {
	var out bytes.Buffer
	if err := Copies(&out, bytes.NewReader(makePDF(t, 3, fpdf.SizeType{})), 2); err != nil {
		t.Fatal(err)
	}
	if names := homeEntries(); len(names) > 0 {
		t.Errorf("HOME %s was written to: %v", testHome, names)
	}
}

func BenchmarkCopies10x20(b *testing.B) {
	in := makePDF(b, 20, fpdf.SizeType{})
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	var size int
	for b.Loop() {
		var out bytes.Buffer
		if err := Copies(&out, bytes.NewReader(in), 10); err != nil {
			b.Fatal(err)
		}
		size = out.Len()
	}
	b.ReportMetric(float64(size), "bytes/file")
}
