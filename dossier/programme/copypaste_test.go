package programme_test

import (
	"io/fs"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/templates"
)

// maxCopied ratchets the copy-paste between shipped templates down (issue 7 counted 605 lines
// before extends). What remains is mostly one-line references every programme's forms repeat
// ({field: enterprise.credit_code}), which no parent can share between unrelated programmes.
const maxCopied = 139

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
