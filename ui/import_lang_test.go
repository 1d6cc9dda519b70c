package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"dossier/assets"
)

// Where a dossier was imported from is stored as facts and written in the UI's language when
// shown: imported under Chinese, the home card speaks English once the language is English,
// and a dossier imported before (the old finished Chinese sentence) is shown in English too.
// Checked in a child process: the language is process-wide.
func TestImportedFromFollowsLanguage(t *testing.T) {
	if os.Getenv("DOSSIER_IMPORT_LANG_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportedFromFollowsLanguage$", "-test.v")
		cmd.Env = append(os.Environ(), "DOSSIER_IMPORT_LANG_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "PASS") {
			t.Errorf("%v\n%s", err, out)
		}
		return
	}
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
	id := h.editor().dossierID
	h.u.showHome()
	if texts := labelTexts(h.u.home.obj); !strings.Contains(texts, "导入自 "+path+"（2019-05-20 10:00）") {
		t.Fatalf("under Chinese the home card does not say where the dossier came from:\n%s", texts)
	}
	// A second dossier, imported before the facts were stored: the old sentence.
	h.u.importFile(path)
	old := h.editor().dossierID
	h.u.app.Preferences().SetString(prefImportedFrom(old), "导入自 旧文件.json（2019-05-01 09:30）")

	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
		t.Fatal(err)
	}
	h.u.showHome()
	texts := labelTexts(h.u.home.obj)
	for _, want := range []string{"Imported from " + path + " (2019-05-20 10:00)", "Imported from 旧文件.json (2019-05-01 09:30)"} {
		if !strings.Contains(texts, want) {
			t.Errorf("under English the home card does not say %q:\n%s", want, texts)
		}
	}
	if strings.Contains(texts, "导入自") {
		t.Errorf("under English the home card still says 导入自:\n%s", texts)
	}
	if v := h.u.app.Preferences().String(prefImportedFrom(id)); strings.Contains(v, "导入自") {
		t.Errorf("the preference holds a sentence, not the facts: %q", v)
	}
}
