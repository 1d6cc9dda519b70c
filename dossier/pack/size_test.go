package pack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/render/pdf"
)

// libreOfficeSize is what LibreOffice makes of the notices' text exported from Word (issue 9:
// 212 KB, 14 pages): our report of the same text must be no bigger.
const libreOfficeSize = 212 * 1024

// noticesReport is the techinnov demo with the notices' own text (23,084 characters, 1,066
// distinct) shared out over its six report chapters, paragraph by paragraph.
func noticesReport(t testing.TB) (*programme.Evaluation, *programme.Output) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "notices-2019-04.txt")) // ../shared/notices
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	distinct := map[rune]bool{}
	for _, c := range text {
		distinct[c] = true
	}
	if n := len([]rune(text)); n != 23084 || len(distinct) != 1066 {
		t.Fatalf("the notices' text has %d characters, %d distinct; the issue's figures are 23,084 and 1,066", n, len(distinct))
	}
	chapters := []string{"company_intro", "background", "tech_basis", "plan", "funding_plan", "benefits"}
	// The text is as pdftotext gave it: one printed line per line, blank lines between. A
	// paragraph ends at a line that ends a sentence or stops short.
	var paras []string
	cur := ""
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		cur += l
		if strings.HasSuffix(l, "。") || strings.HasSuffix(l, "：") || len([]rune(l)) < 30 {
			paras, cur = append(paras, cur), ""
		}
	}
	if cur != "" {
		paras = append(paras, cur)
	}
	parts := make([]string, len(chapters))
	per := (len([]rune(text)) + len(chapters) - 1) / len(chapters)
	k, n := 0, 0
	for _, p := range paras {
		if k < len(chapters)-1 && n >= per {
			k, n = k+1, 0
		}
		parts[k] += p + "\n"
		n += len([]rune(p)) + 1
	}
	ev := demoEval(t, func(f *dossier.File) {
		for i, id := range chapters {
			f.Answers[id] = parts[i]
		}
	})
	for _, spec := range ev.Outputs() {
		if spec.ID == "report" {
			return ev, spec
		}
	}
	t.Fatal("no report output")
	return nil, nil
}

// TestNoticesReportSize: the report holding the notices' text is no bigger than LibreOffice's
// export of it.
func TestNoticesReportSize(t *testing.T) {
	ev, spec := noticesReport(t)
	rep := ev.Report(spec, when)
	for _, o := range []pdf.Options{{}, {Print: true, Seal: true}} {
		var buf bytes.Buffer
		lay, err := pdf.RenderLayout(&buf, rep, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("print %v: %d pages, %d bytes (%.0f KB)", o.Print, lay.Pages, buf.Len(), float64(buf.Len())/1024)
		if buf.Len() > libreOfficeSize {
			t.Errorf("print %v: the report of the notices' text is %d KB, LibreOffice's %d KB", o.Print, buf.Len()/1024, libreOfficeSize/1024)
		}
		if k := os.Getenv("KEEP"); k != "" {
			_ = os.WriteFile(k+map[bool]string{false: "-screen.pdf", true: "-print.pdf"}[o.Print], buf.Bytes(), 0o644)
		}
	}
}

// BenchmarkBuildNotices builds the package of the notices' text (a draft: the chapters are
// over their length limits): the report's screen and print copies, the letter, the table.
// The font cut and the compressed font streams stay cached between iterations, as they do
// between builds of the same dossier in one process.
func BenchmarkBuildNotices(b *testing.B) {
	ev, _ := noticesReport(b)
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, "pkg", strconv.Itoa(i))
		if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Draft: true, Generator: "dossier test"}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
}
