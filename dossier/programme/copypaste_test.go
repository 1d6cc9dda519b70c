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
// before extends, 139 were left after it. Columns and lines that show a field now say
// {field: x} (its label, unit and kind come from the field), the questions many notices ask
// alike are profile.yaml's shared fields ({use: x}), a child changes one key of its parent's
// rule or field with merge: true, and the 高企 and 两化融合 bases hold the 承诺书 texts and
// checks with the notices' wording as slots (computed values the children set). What remains:
// one-line references every form repeats ({field: enterprise.credit_code}, {use: …}, the ids a
// child names: about a third); the 高企 children's summary sheets and checklists, which list the
// same indicators in other orders and columns (sheet columns and keyvalues items do not merge
// by id); short sibling lines of unrelated programmes (序号 columns, 承诺书 headings, signature
// lines, 注册地 rules).
const maxCopied = 88

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
