package pack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/internal/pdfprobe"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/templates"
)

// hightechAttached is the 高企 demo (its template binds a 证明材料索引 page) with a 2-page
// licence and a 3-page patent scan; the other required attachments are missing (placeholders).
func hightechAttached(t *testing.T) *programme.Evaluation {
	t.Helper()
	set, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	scanPDF(t, filepath.Join(dir, "licence.pdf"), "LICENCE", 2, false)
	scanPDF(t, filepath.Join(dir, "patents.pdf"), "PATENT", 3, false)
	f.Dir = dir
	f.Attachments = map[string][]string{"business-licence": {"licence.pdf"}, "ip-certificates": {"patents.pdf"}}
	return programme.Evaluate(p, f, when)
}

// listing is one line of a 目录 or an index page: its title (spaces removed) and page number.
type listing struct {
	title string
	page  int
}

var listingRE = regexp.MustCompile(`(\S[^.]*?)\s*\.{3,}\s*(\d+)`)

// listings reads the dot-leader lines of the pages whose first line is title (目录 or the
// index), with the pages that continue them.
func listings(pages []pdfprobe.Page, title string) []listing {
	var out []listing
	in := false
	for _, p := range pages {
		top := p.TopLine()
		switch {
		case strings.HasPrefix(top, title):
			in = true
		case in && (len(p.Words) == 0 || !strings.Contains(p.Text(), ".....") || strings.HasPrefix(top, "证明材料索引")):
			return out
		case !in:
			continue
		}
		for i, m := range listingRE.FindAllStringSubmatch(strings.ReplaceAll(p.Text(), "草稿", ""), -1) {
			n, _ := strconv.Atoi(m[2])
			t := strings.ReplaceAll(m[1], " ", "")
			if i == 0 && strings.HasPrefix(top, title) {
				// The page's title comes out interleaved with the first entry ("目声录明").
				for _, c := range title {
					t = strings.Replace(t, string(c), "", 1)
				}
			}
			out = append(out, listing{strings.TrimLeft(t, "0123456789— "), n}) // a folio's dash
		}
	}
	return out
}

// assertListed checks that every line of the listing names a page whose printed number is the
// one given and which shows the entry: its own title, or for an attachment (附件N) the text
// its first page is known to carry (shows).
func assertListed(t *testing.T, what string, pages []pdfprobe.Page, ls []listing, shows map[string]string) {
	t.Helper()
	if len(ls) == 0 {
		t.Fatalf("%s: nothing listed", what)
	}
	for _, l := range ls {
		at := folioPage(pages, l.page)
		if at == 0 {
			t.Errorf("%s: %q on page %d, but no page is numbered %d", what, l.title, l.page, l.page)
			continue
		}
		want := []rune(l.title)
		if len(want) > 8 {
			want = want[:8]
		}
		if m := regexp.MustCompile(`^附件\d+`).FindString(l.title); m != "" && shows[m] != "" {
			want = []rune(shows[m])
		}
		text := strings.ReplaceAll(strings.ReplaceAll(pages[at-1].Text(), " ", ""), "草稿", "")
		if !strings.Contains(text, strings.ReplaceAll(string(want), " ", "")) {
			t.Errorf("%s: %q listed on page %d; the page numbered %d (physical %d) does not show %q", what, l.title, l.page, l.page, at, string(want))
		}
	}
}

// TestAttachmentIndexPage: the 高企 申请书 binds a 证明材料索引 page after its own pages and
// before 附件1; its page numbers, read back with pdftotext, are the printed numbers of the
// pages each attachment starts on, in the screen copy and in the print copy (whose numbers
// count its blank right-hand-start pages); the 目录 lists the index page and every
// attachment at the same numbers.
func TestAttachmentIndexPage(t *testing.T) {
	ev := hightechAttached(t)
	out := filepath.Join(t.TempDir(), "pkg")
	if k := os.Getenv("KEEP"); k != "" {
		out = k
	}
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	shows := map[string]string{"附件1": "SCAN LICENCE 1", "附件2": "SCAN PATENT 1"}
	name := ""
	for _, spec := range ev.Outputs() {
		if spec.ID == "application" {
			name = ev.FileName(spec)
		}
	}
	screen, err := pdfprobe.Pages(filepath.Join(out, name))
	if err != nil {
		t.Fatal(err)
	}
	copies, err := pdfprobe.Pages(filepath.Join(out, "print", strings.TrimSuffix(name, ".pdf")+"（一式三份）.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(copies)%3 != 0 {
		t.Fatalf("%d print pages for three copies", len(copies))
	}
	firstAt := map[string]int{}
	for _, c := range []struct {
		what  string
		pages []pdfprobe.Page
	}{{"screen", screen}, {"print", copies[:len(copies)/3]}} {
		index := listings(c.pages, "证明材料索引")
		if len(index) < 6 || !strings.HasPrefix(index[0].title, "附件1") {
			t.Fatalf("%s: the index lists %v", c.what, index)
		}
		assertListed(t, c.what+" 证明材料索引", c.pages, index, shows)
		toc := listings(c.pages, "目录")
		assertListed(t, c.what+" 目录", c.pages, toc, shows)
		var inTOC []listing
		for _, l := range toc {
			if strings.HasPrefix(l.title, "附件") {
				inTOC = append(inTOC, l)
			}
			if l.title == "证明材料索引" && c.pages[folioPage(c.pages, l.page)-1].TopLine() != "证明材料索引" {
				t.Errorf("%s: the 目录 puts the index on page %d, which is not the index", c.what, l.page)
			}
		}
		if len(inTOC) != len(index) {
			t.Errorf("%s: the 目录 lists %d attachments, the index %d", c.what, len(inTOC), len(index))
		}
		for i := range min(len(inTOC), len(index)) {
			if inTOC[i] != index[i] {
				t.Errorf("%s: 目录 %v, index %v", c.what, inTOC[i], index[i])
			}
		}
		firstAt[c.what] = index[0].page
		// The index page comes right before 附件1 (with a blank left-hand page between them
		// double-sided at most).
		first := folioPage(c.pages, index[0].page)
		if top := c.pages[first-2].TopLine(); top != "证明材料索引" && c.pages[first-3].TopLine() != "证明材料索引" {
			t.Errorf("%s: the page before 附件1 is %q, not the index", c.what, top)
		}
	}
	// The print copy's blank right-hand-start pages are counted: its numbers are not the
	// screen copy's, and the print note says so.
	if firstAt["print"] <= firstAt["screen"] {
		t.Errorf("附件1 at %d in print and %d on screen: the print copy's blank pages are not counted", firstAt["print"], firstAt["screen"])
	}
	note, err := os.ReadFile(filepath.Join(out, "print", pack.PrintNoteName))
	if err != nil || !strings.Contains(string(note), "打印稿的目录按打印稿自己的页码编排") {
		t.Errorf("the print note does not say the print copy's 目录 follows its own numbers (%v):\n%s", err, note)
	}
}

// checkTOC reads a report's 目录 back, in the screen file and in the first of the print
// file's copies (print may be ""), and checks that each entry's number is the one printed on
// the page the part starts on, in that file: the print copy counts its blank right-hand-start
// pages, so its numbers may differ from the screen copy's, and each must match its own pages.
func checkTOC(t *testing.T, id, screen, print string, copies int) {
	t.Helper()
	files := map[string]int{screen: 1}
	if print != "" {
		files[print] = copies
	}
	for path, n := range files {
		pages, err := pdfprobe.Pages(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages)%n != 0 {
			t.Fatalf("%s: %d pages for %d copies", path, len(pages), n)
		}
		pages = pages[:len(pages)/n]
		if toc := listings(pages, "目录"); len(toc) > 0 {
			assertListed(t, id+" "+filepath.Base(path)+" 目录", pages, toc, nil)
		}
	}
}

// splitCode is a code (RD01, IP01, PS01) broken in a table cell: pdftotext prints each line
// of a cell on its own, so a broken one leaves "RD" alone on a line.
var splitCode = regexp.MustCompile(`(?m)^(RD|IP|PS)$`)

// checkCodes reports a delivered PDF whose codes are broken across lines.
func checkCodes(t *testing.T, id, name, text string) {
	t.Helper()
	if filepath.Ext(name) == ".pdf" && splitCode.MatchString(text) {
		t.Errorf("%s: %s breaks a code (%q alone on a line)", id, name, splitCode.FindString(text))
	}
}
