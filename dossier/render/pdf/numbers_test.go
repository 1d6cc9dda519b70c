package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier/document"
)

// The 目录's numbers are drawn once the report is laid out, on the 目录's own pages: with a
// 目录 of two pages, in the print layout (blank pages counted), every entry reads the printed
// page its heading is on, and the pages after the 目录 keep their own folios.
func TestTOCNumbersOnePass(t *testing.T) {
	r := &document.Report{Title: "t", Cover: &document.Cover{Title: "项目资金申请报告", Date: "二〇一九年五月"}}
	r.Blocks = append(r.Blocks, &document.TOC{})
	for i := 1; i <= 24; i++ {
		r.Blocks = append(r.Blocks, &document.Heading{Level: 1, Text: fmt.Sprintf("第%d章 项目概况", i)},
			&document.Heading{Level: 2, Text: fmt.Sprintf("（%d）建设内容", i)},
			&document.Paragraph{Text: strings.Repeat("项目建设内容包括智能控制系统的研发与产业化。", 8*(i%3+1))})
	}
	path, _ := renderFile(t, r, Options{Print: true, Seal: true, Draft: true})
	pages := pageCount(t, path)
	headingAt := map[string]int{} // heading → printed page
	tocPages := 0
	for p := 2; p <= pages; p++ {
		text := pageText(t, path, p, "-layout")
		if strings.Contains(text, "......") { // dot leaders: a page of the 目录
			tocPages++
			continue
		}
		m := regexp.MustCompile(`— ?(\d+) ?—`).FindStringSubmatch(text)
		if m == nil {
			continue // a blank page
		}
		folio, _ := strconv.Atoi(m[1])
		for _, l := range strings.Split(text, "\n") {
			if h := strings.TrimSpace(l); strings.HasPrefix(h, "第") && strings.HasSuffix(h, "项目概况") || strings.HasSuffix(h, "建设内容") && strings.HasPrefix(h, "（") {
				headingAt[h] = folio
			}
		}
	}
	if tocPages < 2 {
		t.Fatalf("the 目录 has %d pages, the test wants two", tocPages)
	}
	entry := regexp.MustCompile(`^\s*(\S+ ?\S*?)\s*\.{3,}\s*(\d+|\?)\s*$`)
	found := 0
	for p := 2; p <= pages; p++ {
		for _, l := range strings.Split(pageText(t, path, p, "-layout"), "\n") {
			m := entry.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			found++
			want, ok := headingAt[strings.TrimSpace(m[1])]
			if !ok || m[2] != strconv.Itoa(want) {
				t.Errorf("目录 entry %q reads page %s, the heading is on page %d", m[1], m[2], want)
			}
		}
	}
	if found != 48 {
		t.Errorf("%d 目录 entries read back, want 48", found)
	}
}
