package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An imported dossier says on its home card which file it was imported from, and when.
func TestImportedDossierSaysWhereFrom(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	src, err := os.ReadFile(filepath.Join("..", "templates", "shanxi-hightech-2019.demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "汾河_高企.json")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	h.u.importFile(path)
	h.editor() // it opened
	h.u.showHome()
	texts := labelTexts(h.u.home.obj)
	if !strings.Contains(texts, "导入自 "+path) || !strings.Contains(texts, "2019-05-20 10:00") {
		t.Errorf("the home card does not say where the dossier came from:\n%s", texts)
	}
}
