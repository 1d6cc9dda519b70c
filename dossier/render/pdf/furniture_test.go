package pdf

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier/internal/pdfprobe"
)

// probe reads a print layout back and fails the test on every furniture problem.
func probe(t *testing.T, path string, o Options, raster int) []pdfprobe.Page {
	t.Helper()
	pages, problems, err := pdfprobe.Check(path, pdfprobe.Print{
		Duplex: o.Duplex(), Seal: o.Seal, SealInset: sealInset, SealW: sealW,
		FolioBelow: pageH - marginBottom, Raster: raster,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	return pages
}

// TestDuplexPrint: the double-sided print layout has the 订口 inside, "— N —" and the seal
// strip outside, and every part (cover, 承诺书, 目录, body) on a right-hand page after an
// unnumbered blank page; the 目录 gives the pages where the parts now start.
func TestDuplexPrint(t *testing.T) {
	o := Options{Print: true, Seal: true}
	path, _ := renderFile(t, sampleReport(3, 2, 30), o)
	pages := probe(t, path, o, 8)
	if len(pages)%2 != 0 {
		t.Errorf("%d pages: a double-sided document ends on a left-hand page", len(pages))
	}
	blank := 0
	for i, p := range pages {
		if len(p.Words) == 0 {
			blank++
			if (i+1)%2 == 1 {
				t.Errorf("page %d (right-hand) is blank", i+1)
			}
		}
	}
	// Blank: the backs of the cover, the 承诺书 and the 目录, and maybe the last page.
	if got := len(pages) - blank; got != wantPages || blank < 3 {
		t.Errorf("%d pages, %d of them blank: want the %d pages of the screen layout plus blanks", len(pages), blank, wantPages)
	}
	starts := map[string]int{} // part → the page whose top line is its heading
	for i, p := range pages {
		top := p.TopLine()
		for _, part := range []string{"承诺书", "目录", "第一章", "附：申报单位声明"} {
			if _, seen := starts[part]; !seen && strings.HasPrefix(top, part) {
				starts[part] = i + 1
			}
		}
	}
	for _, part := range []string{"承诺书", "目录", "第一章"} {
		if n := starts[part]; n%2 != 1 {
			t.Errorf("%s starts on page %d, want a right-hand (odd) page", part, n)
		}
	}
	if starts["承诺书"] != 3 {
		t.Errorf("承诺书 on page %d, want 3 (not on the back of the cover)", starts["承诺书"])
	}
	if n, _, ok := pages[2].Folio(pageH - marginBottom); !ok || n != 1 {
		t.Errorf("承诺书 numbered %d (%v), want — 1 —", n, ok)
	}
	// The 目录 entry of 第一章 names the page that carries that number.
	toc := pages[starts["目录"]-1].Text()
	m := regexp.MustCompile(`总论 [.]+ (\d+)`).FindStringSubmatch(toc)
	if m == nil {
		t.Fatalf("no 第一章 in the 目录: %s", toc)
	}
	want, _ := strconv.Atoi(m[1])
	if n, _, _ := pages[starts["第一章"]-1].Folio(pageH - marginBottom); n != want {
		t.Errorf("目录 says 第一章 is on page %d, it is on page %d", want, n)
	}
	// The text block moves with the 订口: on the right-hand page 7 no text starts left of
	// 28 mm, on a left-hand page the text block starts at 26 mm.
	for _, no := range []int{starts["第一章"], starts["第一章"] + 1} {
		left, _ := o.Margins(no)
		minX := pageW
		for _, w := range pages[no-1].Words {
			minX = min(minX, w.XMin*ptMM)
		}
		if minX < left-0.5 || minX > left+0.5 {
			t.Errorf("page %d: text starts at %.1f mm, want the %.0f mm margin", no, minX, left)
		}
	}
}

// TestSimplexPrint: single-sided, the page numbers and the strip are on the right of every
// page and no page is left blank.
func TestSimplexPrint(t *testing.T) {
	o := Options{Draft: true, Print: true, Simplex: true, Seal: true}
	path, data := renderFile(t, sampleReport(3, 2, 30), o)
	pages := probe(t, path, o, 3)
	if len(pages) != wantPages {
		t.Errorf("%d pages single-sided, want %d as on screen", len(pages), wantPages)
	}
	for i := range pages {
		raw := strings.Join(strings.Fields(pageText(t, path, i+1, "-raw")), "")
		if !strings.Contains(raw, "草稿") {
			t.Errorf("page %d has no 草稿 watermark", i+1)
		}
	}
	if !strings.Contains(pageText(t, path, 1, "-layout"), "申报单位（盖章）：") {
		t.Error("the cover has no （盖章） hint")
	}
	tool(t, "qpdf", "--check", path)
	if len(data) > 300<<10 {
		t.Errorf("%d bytes", len(data))
	}
}

// TestNoSealMark: without Seal nothing is drawn on either edge.
func TestNoSealMark(t *testing.T) {
	o := Options{Print: true}
	path, _ := renderFile(t, sampleReport(3, 2, 30), o)
	probe(t, path, o, 4)
}

// TestScreenFolio: on screen the numbers stay centred and no page is blank.
func TestScreenFolio(t *testing.T) {
	path, _ := renderFile(t, sampleReport(3, 2, 30), Options{})
	pages, err := pdfprobe.Pages(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		n, box, ok := p.Folio(pageH - marginBottom)
		if i == 0 {
			if ok {
				t.Errorf("the cover is numbered %d", n)
			}
			continue
		}
		if mid := (box.XMin + box.XMax) / 2 * ptMM; !ok || n != i || mid < pageW/2-1 || mid > pageW/2+1 {
			t.Errorf("page %d: %q centred at %.1f mm, want — %d — at %.1f", i+1, box.Text, mid, i, pageW/2)
		}
	}
}
