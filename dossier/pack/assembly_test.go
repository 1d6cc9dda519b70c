package pack_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/dossier/document"
	"dossier/dossier/programme"
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

var letterDate = regexp.MustCompile(`\d{4}年\d{1,2}月\d{1,2}日`)

// checkLetters reads every letter (style: letter) of a built demo back: the parts in GB/T 9704
// order (签发人 line of a 请示 or 报告, title, 主送, body, 附件, 落款 with a 2019年5月20日 date),
// a 请示 closing "妥否，请批示。", a 报告 not asking "请予审定".
func checkLetters(t *testing.T, ev *programme.Evaluation, out string) {
	for _, spec := range ev.Outputs() {
		if spec.Style != "letter" {
			continue
		}
		name := ev.FileName(spec)
		doc := ev.Report(spec, when)
		text := strings.Join(strings.Fields(deliveredText(t, filepath.Join(out, name))), "")
		title := ""
		if h, ok := doc.Blocks[0].(*document.Heading); ok {
			title = h.Text
		}
		at := func(s string) int {
			i := strings.Index(text, s)
			if i < 0 {
				t.Errorf("%s: %s lacks %q", ev.Programme.ID, name, s)
			}
			return i
		}
		ti := at(title)
		order := []int{ti, ti + strings.Index(text[max(ti, 0):], "：")} // the 主送 follows the title
		switch doc.Letter.Kind {
		case "请示":
			order = append(order, at("妥否，请批示。"))
		case "报告":
			if strings.Contains(text, "请予审定") {
				t.Errorf("%s: %s is a 报告 but asks 请予审定", ev.Programme.ID, name)
			}
		case "":
			t.Errorf("%s: %s is a letter whose title %q is no 请示, 报告 or 函", ev.Programme.ID, name, title)
		}
		if doc.Letter.Signed && at("签发人：") > order[0] {
			t.Errorf("%s: %s: the 签发人 line is not above the title", ev.Programme.ID, name)
		}
		order = append(order, at("附件："))
		if d := letterDate.FindStringIndex(text); d == nil {
			t.Errorf("%s: %s: no 落款 date in 2019年5月20日 form", ev.Programme.ID, name)
		} else {
			order = append(order, d[0])
		}
		for i := 1; i < len(order); i++ {
			if order[i] < order[i-1] {
				t.Errorf("%s: %s: parts out of order (title, 主送, closing, 附件, date at %v)", ev.Programme.ID, name, order)
			}
		}
	}
}
