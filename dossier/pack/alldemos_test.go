package pack_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/templates"
)

// authorNotes are phrases that only a note to the template's author contains (the notice's
// original form was not found and was reconstructed). They belong in the template's
// `source` or an output's `remark`, which are never printed.
var authorNotes = []string{"重构", "原件未能取得", "原件未取得", "原文未能取得", "原表未能取得", "由本系统"}

// pendingAuthorNotes are programmes whose templates another change is rewriting: their notes
// are listed but do not fail the test until that lands. An entry that no longer finds anything
// fails, so that it is removed.
var pendingAuthorNotes = map[string]bool{}

// TestEveryDemoPackage builds every programme's demo and reads every delivered file back
// (PDF text, the workbook's XML, the print note): none carries a note meant for the template's
// author (the data file copy is the user's own and is not searched) and no assembly glitch
// (assembly_test.go); and every print copy has
// its page numbers and seal strip on the outer edge, odd numbers on right-hand pages, no text
// in the strip.
func TestEveryDemoPackage(t *testing.T) {
	set, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.All() {
		f, err := dossier.Decode(bytes.NewReader(p.Demo))
		if err != nil {
			t.Fatalf("%s demo: %v", p.ID, err)
		}
		out := filepath.Join(t.TempDir(), p.ID)
		ev := programme.Evaluate(p, f, when)
		if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"}); err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		for _, spec := range ev.Outputs() {
			if spec.Print != nil && spec.Kind == programme.KindReport {
				name := strings.TrimSuffix(ev.FileName(spec), ".pdf") + "（一式" // （一式十份）.pdf
				matches, _ := filepath.Glob(filepath.Join(out, pack.PrintDir, name+"*.pdf"))
				if len(matches) != 1 {
					t.Fatalf("%s: print copies of %s: %v", p.ID, name, matches)
				}
				probePrint(t, matches[0], !spec.Print.Simplex(), spec.Print.ShowSealMark(), 0)
				checkTOC(t, p.ID, filepath.Join(out, ev.FileName(spec)), matches[0], spec.Print.Copies)
			}
		}
		checkLetters(t, ev, out)
		found := 0
		err = filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == pack.DataFileName || d.Name() == pack.ManifestName {
				return err
			}
			text := deliveredText(t, path)
			for _, g := range assemblyGlitches(text) {
				t.Errorf("%s: %s: %s", p.ID, d.Name(), g)
			}
			checkNumbering(t, p.ID, d.Name(), text)
			checkCodes(t, p.ID, d.Name(), text)
			for _, note := range authorNotes {
				if strings.Contains(text, note) {
					found++
					rel, _ := filepath.Rel(out, path)
					msg := "%s: %s contains %q (a note for the template's author: move it to the output's remark)"
					if pendingAuthorNotes[p.ID] {
						t.Logf(msg+" [pending template edit]", p.ID, rel, note)
					} else {
						t.Errorf(msg, p.ID, rel, note)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pendingAuthorNotes[p.ID] && found == 0 {
			t.Errorf("%s delivers no author notes any more: remove it from pendingAuthorNotes", p.ID)
		}
	}
}

// deliveredText is what a reader of the file sees: a PDF's text, a workbook's cells (the raw
// XML of its parts: shared strings, inline strings, comments), a text file as it is.
func deliveredText(t *testing.T, path string) string {
	t.Helper()
	switch filepath.Ext(path) {
	case ".pdf":
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s (apt-get install poppler-utils): %v", path, err)
		}
		return string(out)
	case ".xlsx":
		z, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		var b strings.Builder
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(&b, r)
			r.Close()
		}
		return b.String()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
