package ui

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/dossier"
	"dossier/dossier/records"
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

// Importing a data file of a stored enterprise whose profile differs lists the differences
// and asks: 保留已保存的 keeps the stored profile, 更新企业信息 replaces it; either way the
// dossier goes to that one enterprise.
func TestImportAsksBeforeUpdatingProfile(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "templates", "shanxi-techinnov-2019.demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := dossier.Decode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	newName := f.Enterprise["name"].(string)
	for _, c := range []struct {
		button, want string
	}{{"保留已保存的", "汾河（旧名）"}, {"更新企业信息", newName}} {
		h := newHarness(t, false)
		h.u.Start("")
		prof := map[string]any{}
		for k, v := range f.Enterprise {
			prof[k] = v
		}
		prof["name"] = "汾河（旧名）"
		b, _ := json.Marshal(prof)
		old := &records.Enterprise{Name: "汾河（旧名）", CreditCode: f.Enterprise["credit_code"].(string), Profile: b}
		if err := h.st.SaveEnterprise(h.u.ctx, old); err != nil {
			t.Fatal(err)
		}
		h.u.importData("汾河.json", bytes.NewReader(src))
		top := h.win.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(labelTexts(top), "· 企业名称：汾河（旧名） → "+newName) {
			t.Fatalf("no question before the profile is replaced: %v", top)
		}
		if list, _ := h.st.Dossiers(h.u.ctx, old.ID); len(list) != 0 {
			t.Fatal("the dossier was saved before the user decided")
		}
		test.Tap(findButton(t, top, c.button))
		h.editor() // it opened
		list, _ := h.st.Enterprises(h.u.ctx, "")
		if len(list) != 1 || list[0].ID != old.ID || list[0].Name != c.want {
			t.Fatalf("%s: enterprises %+v, want one named %s", c.button, list, c.want)
		}
		if ds, _ := h.st.Dossiers(h.u.ctx, old.ID); len(ds) != 1 {
			t.Errorf("%s: %d dossiers", c.button, len(ds))
		}
	}
}
