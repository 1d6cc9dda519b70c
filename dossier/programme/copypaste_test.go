package programme_test

import (
	"io/fs"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/templates"
)

// maxCopied ratchets the copy-paste between shipped templates down: issue 7 counted 605 lines
// before extends, 139 were left after it, 88 after {field: x} columns, profile.yaml's shared
// fields and merge: true. The 高企 summary sheets now take their indicator columns from the
// base's named columns ({use: rd_ratio}: header, kind and unit written once), 表2 and the
// 自查表 live in the base with the children's own items merged by id, and profile.yaml holds
// the columns (序号, 所在市, 填报日期, 备注) and signature lines (法定代表人（签字）…) that
// unrelated forms share. What remains (58): one-line references every form repeats
// ({field: enterprise.credit_code}, {use: …}, {field: …, width: …}, the ids a child names,
// extends:): 37; and 21 short texts of programmes without a common parent that are laid out
// alike (承诺书 headings, the four Shanxi programmes' 注册地 rules, 失信黑名单 checks, a
// letter's 发文字号 line, the 年度 column of a finance table), plus Liaoning's option list
// (enum options replace, they do not merge by value) and one 宁波 材料 line.
const maxCopied = 58

// TestTemplateCopyPaste counts the distinct lines of 25 characters or more (spaces trimmed)
// that stand in more than one shipped template file; -v lists them.
func TestTemplateCopyPaste(t *testing.T) {
	names, err := fs.Glob(templates.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]map[string]bool{}
	for _, name := range names {
		src, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			line = strings.TrimSpace(line)
			if utf8.RuneCountInString(line) < 25 {
				continue
			}
			if in[line] == nil {
				in[line] = map[string]bool{}
			}
			in[line][name] = true
		}
	}
	var copied []string
	for line, files := range in {
		if len(files) > 1 {
			copied = append(copied, line)
		}
	}
	sort.Strings(copied)
	if testing.Verbose() {
		for _, l := range copied {
			t.Log(l)
		}
	}
	t.Logf("%d distinct lines of 25+ characters stand in more than one template file", len(copied))
	if len(copied) > maxCopied {
		t.Errorf("%d lines copied between templates (at most %d): put what templates share in a parent (extends)", len(copied), maxCopied)
	}
}
