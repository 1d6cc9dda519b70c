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
		path := filepath.Join(t.TempDir(), "汾河.json")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		h.u.importFile(path) // what 导入数据文件's dialog calls
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

// Importing a data file whose attachments name the user's files copies them into the store,
// as the 附件 section does: the dossier names the copies (relative paths taken from the data
// file's folder), deleting the original loses nothing, and a missing file is said in a message
// while the import stands.
func TestImportCopiesAttachments(t *testing.T) {
	h := newHarness(t, false)
	root := t.TempDir()
	h.u.deps.AttachmentsDir = root
	h.u.Start("")
	src, err := os.ReadFile(filepath.Join("..", "templates", "shanxi-hightech-2019.demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "附件"), 0o755)
	writeScanPDF(t, filepath.Join(dir, "附件", "营业执照.pdf"), 2)
	data := strings.Replace(string(src), "{", `{"attachments": {"business-licence": ["附件/营业执照.pdf", "丢失的.pdf"]},`, 1)
	path := filepath.Join(dir, "汾河_高企.json")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	h.u.importFile(path)
	ed := h.editor()
	os.Remove(filepath.Join(dir, "附件", "营业执照.pdf"))
	var files []string
	for _, s := range ed.sess.Attachments() {
		if s.ID == "business-licence" {
			for _, f := range s.Files {
				files = append(files, f.Path)
				if strings.HasPrefix(f.Path, root) && f.Err != "" {
					t.Errorf("the stored copy %s is unusable: %s", f.Path, f.Err)
				}
			}
		}
	}
	if len(files) != 2 || !strings.HasPrefix(files[0], root+string(filepath.Separator)) || files[1] != filepath.Join(dir, "丢失的.pdf") {
		t.Errorf("the imported dossier names %v; want the copy in %s, then the missing file where it was looked for", files, root)
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message for the missing file")
	}
	msg := strings.Join(texts(top), "")
	for _, want := range []string{"1个附件文件未能复制", "附件“营业执照等注册登记证件复印件”", "丢失的.pdf"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message does not say %q: %s", want, msg)
		}
	}
}
