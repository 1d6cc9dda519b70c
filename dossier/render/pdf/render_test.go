package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/dossier/document"
)

// tool runs a poppler or qpdf command on a file and returns its standard output. A missing
// tool fails the test: these checks are the point of the test, not optional extras.
func tool(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		pkg := "poppler-utils"
		if name == "qpdf" {
			pkg = "qpdf"
		}
		t.Fatalf("%s not found: apt-get install %s", name, pkg)
	}
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s %v: %v\n%s%s", name, args, err, out, ee.Stderr)
		}
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// renderFile renders r with o into a temporary file and returns its path and bytes.
func renderFile(t testing.TB, r *document.Report, o Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func pageCount(t testing.TB, path string) int {
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(tool(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func pageText(t testing.TB, path string, page int, args ...string) string {
	p := strconv.Itoa(page)
	return tool(t, "pdftotext", append(append([]string{"-f", p, "-l", p}, args...), path, "-")...)
}

var folioLine = regexp.MustCompile(`^— ?\d+ ?—$`)

// hasFolio reports whether text holds the page number "— n —". pdftotext -layout drops the
// narrow spaces of a proportional face, so they are optional.
func hasFolio(text string, n int) bool {
	return regexp.MustCompile(fmt.Sprintf(`— ?%d ?—`, n)).MatchString(text)
}

// wantPages is the page count of sampleReport(3, 2, 30): cover, 承诺书, 目录, 3 chapters of
// two pages each with the tables, the table's second page, the declaration. Update it when
// the layout changes on purpose.
const wantPages = 11

func TestRenderReadBack(t *testing.T) {
	path, _ := renderFile(t, sampleReport(3, 2, 30), Options{})
	text := tool(t, "pdftotext", "-layout", path, "-")
	for _, want := range []string{enterprise, "承诺书", "项目投资明细表", "（万元）",
		"法定代表人（签字）：", "（盖章）", "1,500.00", "GR201814000123"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	if strings.Contains(text, "草稿") {
		t.Error("watermark without Draft")
	}
	if !hasFolio(text, 2) || !regexp.MustCompile(`目\s+录`).MatchString(text) {
		t.Error("extracted text lacks the page number — 2 — or the 目录")
	}

	// 避头尾 on every line, in paragraphs and table cells alike.
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.Trim(l, "\f"))
		if l == "" || folioLine.MatchString(l) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(l); isNoStart(r) {
			t.Errorf("line %d starts with %q: %q", i+1, r, l)
		}
	}

	pages := pageCount(t, path)
	if pages != wantPages {
		t.Errorf("pdfinfo: %d pages, want %d", pages, wantPages)
	}
	if !hasFolio(pageText(t, path, pages, "-layout"), pages-1) {
		t.Errorf("last page is not numbered %d", pages-1)
	}
	if strings.Contains(pageText(t, path, 1, "-layout"), "—") {
		t.Error("the cover has a page number")
	}
	if !hasFolio(pageText(t, path, 2, "-layout"), 1) {
		t.Error("the page after the cover is not page 1")
	}

	// Every 目录 entry's page number is the page where that heading is.
	toc := pageText(t, path, 3, "-layout")
	entry := regexp.MustCompile(`(?m)^\s*(\S.*?\S)\s*\.{3,}\s*(\d+)\s*$`)
	entries := entry.FindAllStringSubmatch(toc, -1)
	if len(entries) != 13 { // 3 chapters × (1 + 3 sections) + the declaration
		t.Fatalf("目录 has %d entries, want 13:\n%s", len(entries), toc)
	}
	for _, e := range entries {
		title, folio := e[1], e[2]
		n, _ := strconv.Atoi(folio)
		if !strings.HasPrefix(title, "第") {
			continue // sections repeat titles across chapters; chapters are unique
		}
		squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if got := pageText(t, path, n+1, "-layout"); !strings.Contains(squeeze(got), squeeze(title)) {
			t.Errorf("目录 says %q is on page %d, but it is not there", title, n)
		}
	}

	fonts := tool(t, "pdffonts", path)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	if len(rows) != 2 {
		t.Errorf("pdffonts: want 2 fonts:\n%s", fonts)
	}
	for _, row := range rows {
		f := strings.Fields(row)
		// name type… emb sub uni object ID: emb, sub and uni are the 5th–3rd from the end
		if emb, sub := f[len(f)-5], f[len(f)-4]; emb != "yes" || sub != "yes" {
			t.Errorf("font not embedded as a subset: %s", row)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
			t.Errorf("subset font without tag: %s", f[0])
		}
	}
	tool(t, "qpdf", "--check", path)
}

func TestDeterministic(t *testing.T) {
	for _, o := range []Options{{}, {Draft: true, Print: true, Seal: true}} {
		var a, b bytes.Buffer
		if err := Render(&a, sampleReport(3, 2, 30), o); err != nil {
			t.Fatal(err)
		}
		if err := Render(&b, sampleReport(3, 2, 30), o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%+v: two renders differ", o)
		}
	}
}

// TestFontSample prints the characters most likely to come out as tofu in both faces.
func TestFontSample(t *testing.T) {
	const sample = "统一社会信用代码 ABC abc 0123 “”—…（万元）"
	r := &document.Report{Title: "字体", Blocks: []document.Block{
		&document.Heading{Level: 1, Text: sample},
		&document.Paragraph{Text: sample, NoIndent: true},
		&document.Paragraph{Text: "生僻字回退：李喆、王堃", NoIndent: true},
	}}
	path, _ := renderFile(t, r, Options{})
	text := tool(t, "pdftotext", "-layout", path, "-")
	if n := strings.Count(text, sample); n != 2 {
		t.Errorf("sample found %d times, want 2:\n%s", n, text)
	}
	if !strings.Contains(text, "李喆、王堃") {
		t.Errorf("fallback characters lost:\n%s", text)
	}
}

func TestRenderErrors(t *testing.T) {
	var buf bytes.Buffer
	for name, r := range map[string]*document.Report{
		"nil":       nil,
		"empty":     {},
		"nil block": {Blocks: []document.Block{nil}},
	} {
		if err := Render(&buf, r, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if buf.Len() != 0 {
		t.Error("output written on error")
	}
}

// TestTallRowSplits checks the one case where a row must split: a cell taller than a page.
func TestTallRowSplits(t *testing.T) {
	long := strings.Repeat(longPara[0], 12)
	r := &document.Report{Blocks: []document.Block{&document.Table{
		Columns: []document.Column{{Header: "项目", Width: 1}, {Header: "说明", Width: 4}},
		Rows:    [][]string{{"简介", long}, {"备注", "无"}},
	}}}
	path, _ := renderFile(t, r, Options{})
	if n := pageCount(t, path); n < 2 {
		t.Errorf("%d pages", n)
	}
	text := strings.Join(strings.Fields(tool(t, "pdftotext", path, "-")), "")
	if !strings.Contains(text, "备注") || strings.Count(text, "说明") < 2 {
		t.Error("header not repeated or rows lost")
	}
}

// BenchmarkRender renders a report of about 20 pages.
func BenchmarkRender(b *testing.B) {
	r := sampleReport(6, 4, 70)
	var buf bytes.Buffer
	if err := Render(&buf, r, Options{Print: true, Seal: true}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	pages, size := pageCount(b, path), buf.Len()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		streamCache = &streams{} // one render as a package's first (the cut fonts stay cached)
		if err := Render(&buf, r, Options{Print: true, Seal: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1024, "KB")
}

// A heading with a line break prints both lines (a two-line title), and so does a signature
// block's unlabelled line.
func TestMultiLineHeading(t *testing.T) {
	r := &document.Report{Title: "t", Blocks: []document.Block{
		&document.Heading{Level: 1, Text: "太原市工业和信息化局\n关于申报项目的请示", Centered: true},
		&document.Paragraph{Text: "正文。"},
		&document.Signature{Lines: []document.SignLine{{Value: "太原市工业和信息化局", Seal: true}}},
	}}
	path, _ := renderFile(t, r, Options{})
	text := pageText(t, path, 1)
	for _, want := range []string{"太原市工业和信息化局", "关于申报项目的请示", "太原市工业和信息化局（盖章）"} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q:\n%s", want, text)
		}
	}
}

// A level-1 heading with SamePage stays on the page: short chapters need not waste paper.
func TestSamePageHeading(t *testing.T) {
	blocks := []document.Block{
		&document.Heading{Level: 1, Text: "第一章 概况"}, &document.Paragraph{Text: "短。"},
		&document.Heading{Level: 1, Text: "第二章 结论", SamePage: true}, &document.Paragraph{Text: "短。"},
	}
	path, _ := renderFile(t, &document.Report{Title: "t", Blocks: blocks}, Options{})
	if n := pageCount(t, path); n != 1 {
		t.Fatalf("%d pages, want 1", n)
	}
	blocks[2].(*document.Heading).SamePage = false
	path, _ = renderFile(t, &document.Report{Title: "t", Blocks: blocks}, Options{})
	if n := pageCount(t, path); n != 2 {
		t.Fatalf("%d pages without SamePage, want 2", n)
	}
}
