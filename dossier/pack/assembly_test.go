package pack_test

import (
	"regexp"
	"strings"
	"testing"
)

// onceIn are numbering markers that must open exactly one line of a document's table, read
// back from the delivered PDF: programme, file, the caption the table starts at, the markers.
// Two conditions of one clause of the notice are one numbered item ("5." once in the 高企
// 自查表, "（二）" once in the hebei 自查).
var onceIn = []struct{ programme, file, from string }{
	{"shanxi-hightech-2019", "高新技术企业认定形式审查自查表.pdf", "一、认定条件"},
	{"ningbo-hightech-2019", "高新技术企业认定初审要点自查表.pdf", "一、认定条件"},
	{"hebei-techreform-2019", "项目申报表.pdf", "表8 申报条件自查"},
}

var numberedLine = regexp.MustCompile(`(?m)^(\d+\. |（[一二三四五六七八九十]+）)`)

// assemblyGlitches lists what text assembly got wrong in a delivered file's text: a quoted
// project name that ends in 项目 followed by another 项目, and brackets nested in brackets
// ("（产业发展项目（一般产业发展项目））", a unit "（台（套））" in a header).
func assemblyGlitches(text string) []string {
	var found []string
	if i := strings.Index(text, "项目”项目"); i >= 0 {
		found = append(found, "“…项目”项目 at "+excerpt(text, i))
	}
	depth := 0
	for i, r := range text {
		switch r {
		case '（':
			depth++
			if depth == 2 {
				found = append(found, "nested （（…）） at "+excerpt(text, i))
			}
		case '）':
			depth = max(depth-1, 0)
		case '\n':
			depth = 0 // a bracket left open by a cut table cell does not carry over
		}
	}
	return found
}

func excerpt(text string, i int) string {
	r := []rune(text[:i])
	from := max(len(r)-20, 0)
	tail := []rune(text[i:])
	return string(r[from:]) + string(tail[:min(len(tail), 20)])
}

// checkNumbering reads the numbered lines of the tables of onceIn back: each marker once.
func checkNumbering(t *testing.T, programme, file, text string) {
	for _, c := range onceIn {
		if c.programme != programme || c.file != file {
			continue
		}
		at := strings.Index(text, c.from)
		if at < 0 {
			t.Errorf("%s/%s: no %q", programme, file, c.from)
			continue
		}
		seen := map[string]int{}
		for _, m := range numberedLine.FindAllString(text[at:], -1) {
			seen[m]++
		}
		if len(seen) < 3 {
			t.Errorf("%s/%s: only %v numbered lines after %q", programme, file, seen, c.from)
		}
		for m, n := range seen {
			if n > 1 {
				t.Errorf("%s/%s: %q numbers %d items after %q", programme, file, m, n, c.from)
			}
		}
	}
}
