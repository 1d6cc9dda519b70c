package pdf

import (
	"bytes"
	"testing"

	"dossier/dossier/document"
)

// lastCut is the most recent entry of the cut cache.
func lastCut() *cutFonts {
	cutCache.Lock()
	defer cutCache.Unlock()
	if len(cutCache.entries) == 0 {
		return nil
	}
	return cutCache.entries[len(cutCache.entries)-1]
}

// TestPrepareCutsFangForLetters: a package's reports prepared together (a letter among them)
// are cut once, Fang included, so that rendering the letter cuts nothing again (it used to
// cut all three faces a second time: a tenth of a cold build).
func TestPrepareCutsFangForLetters(t *testing.T) {
	letter := letterReport()
	letter.Blocks = append(letter.Blocks, &document.Paragraph{Text: "本测试独有的字：鑫淼焱垚"})
	report := &document.Report{Title: "项目资金申请报告", Blocks: []document.Block{&document.Paragraph{Text: "本测试独有的字：犇骉"}}}
	if err := PrepareSheets([]*document.Report{report, letter}, nil); err != nil {
		t.Fatal(err)
	}
	prepared := lastCut()
	if prepared == nil {
		t.Fatalf("nothing was cut")
	}
	if fang, err := prepared.fang(); err != nil || fang == nil {
		t.Fatalf("the prepared cut has no Fang face")
	}
	for _, r := range []*document.Report{letter, report} {
		var buf bytes.Buffer
		if err := Render(&buf, r, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if lastCut() != prepared {
		t.Errorf("rendering the prepared reports cut the fonts again")
	}
}
