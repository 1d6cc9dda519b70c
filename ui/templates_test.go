package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/dossier"
	"dossier/dossier/records/recordstest"
	uitheme "dossier/ui/theme"
)

// templateUI is a UI that loads its programmes itself, from the shipped templates and the
// template folder remembered in the preferences (dir).
func templateUI(t *testing.T, dir string) *UI {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(uitheme.New())
	a.Preferences().SetBool(prefDemoCreated, true)
	a.Preferences().SetString(prefTemplateDir, dir)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 820))
	return New(a, w, Deps{Store: recordstest.NewMemStoreAt(testToday), Now: func() time.Time { return testToday }, Generator: "dossier test"})
}

const goodChild = "../dossier/programme/testdata/y2020/shanxi-hightech-2020.yaml"

// brokenChild has two unknown keys, on lines 6 and 7.
const brokenChild = "format: 1\nid: broken-2020\nextends: shanxi-hightech-2019\nversion: 1\ntitle: 坏模板\nalign: centre\nbinding: lft\n"

func writeTemplates(t *testing.T) string {
	dir := t.TempDir()
	good, err := os.ReadFile(goodChild)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shanxi-hightech-2020.yaml"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken-2020.yaml"), []byte(brokenChild), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The 模板 page shows the remembered folder's programme and each problem of the broken
// template with its line; 重新加载 picks up the fixed file; a dossier whose template is gone
// opens with a message, not a crash.
func TestTemplatesPageShowsProblemsAndReloads(t *testing.T) {
	dir := writeTemplates(t)
	u := templateUI(t, dir)
	u.Start("")
	if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "2处问题") {
		t.Errorf("no notice of the template problems at start")
	}
	u.showTemplates()
	page := labelTexts(u.templates.obj)
	for _, want := range []string{dir, "2020年山西省高新技术企业认定（shanxi-hightech-2020）", "文件 shanxi-hightech-2020.yaml，版本1", "新增项目",
		"继承自 shanxi-hightech-2019.yaml", "问题（2处", "broken-2020.yaml 第6行第1列", "未知的键 “align”", "broken-2020.yaml 第7行第1列"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if u.deps.Programmes.Get("shanxi-hightech-2020") == nil || u.deps.Programmes.Get("broken-2020") != nil {
		t.Fatal("programme set")
	}

	// Fix the broken file: it becomes a (second) good child, overriding nothing.
	fixed := strings.Replace(brokenChild, "align: centre\nbinding: lft\n", "", 1)
	if err := os.WriteFile(filepath.Join(dir, "broken-2020.yaml"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	test.Tap(findButton(t, u.templates.obj, "重新加载"))
	page = labelTexts(u.templates.obj)
	if !strings.Contains(page, "坏模板（broken-2020）") || !strings.Contains(page, "没有问题") || strings.Contains(page, "第6行") {
		t.Errorf("after reload:\n%s", page)
	}

	// A dossier of that programme, then its template is removed.
	id, err := u.addDossier("broken-2020", &dossier.File{Format: dossier.FormatVersion, Programme: "broken-2020", Enterprise: map[string]any{}, Answers: map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	u.openDossier(id)
	if _, ok := u.current.(*editor); !ok {
		t.Fatal("dossier did not open")
	}
	os.Remove(filepath.Join(dir, "broken-2020.yaml"))
	u.showTemplates()
	test.Tap(findButton(t, u.templates.obj, "重新加载"))
	u.showHome()
	if !strings.Contains(labelTexts(u.home.obj), "broken-2020") {
		t.Errorf("home does not list the dossier of the vanished programme")
	}
	u.openDossier(id)
	if _, ok := u.current.(*editor); ok {
		t.Error("opened a dossier without its template")
	}
	if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "没有项目“broken-2020”的模板") {
		t.Error("no message for the vanished programme")
	}
}

// An override is announced with the file that wins and the version it replaces.
func TestTemplatesPageShowsOverride(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../templates/shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.Replace(string(src), "\nversion: ", "\nversion: 9\n# was: ", 1))
	if err := os.WriteFile(filepath.Join(dir, "shanxi-techinnov-2019.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	u := templateUI(t, dir)
	u.showTemplates()
	page := labelTexts(u.templates.obj)
	if !strings.Contains(page, "文件 shanxi-techinnov-2019.yaml，版本9") || !strings.Contains(page, "覆盖内置模板 shanxi-techinnov-2019.yaml（版本") {
		t.Errorf("override not shown:\n%s", page)
	}
}

// --templates wins over the remembered folder, and the page says so.
func TestTemplatesFlagWinsOverRemembered(t *testing.T) {
	flagDir := writeTemplates(t)
	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefDemoCreated, true)
	a.Preferences().SetString(prefTemplateDir, t.TempDir())
	w := test.NewTempWindow(t, nil)
	u := New(a, w, Deps{Store: recordstest.NewMemStoreAt(testToday), TemplatesDir: flagDir, Now: func() time.Time { return testToday }})
	if u.deps.Programmes.Get("shanxi-hightech-2020") == nil {
		t.Fatal("the --templates folder was not loaded")
	}
	u.showTemplates()
	if u.templates.flag.Hidden || u.templates.folder.Text != flagDir {
		t.Errorf("folder %q, flag note hidden %v", u.templates.folder.Text, u.templates.flag.Hidden)
	}
}

// A restart on a dossier whose template has gone shows the message over the home screen,
// not an empty window.
func TestStartOnDossierOfVanishedProgramme(t *testing.T) {
	dir := writeTemplates(t)
	u := templateUI(t, dir)
	id, err := u.addDossier("shanxi-hightech-2020", &dossier.File{Format: dossier.FormatVersion, Programme: "shanxi-hightech-2020", Enterprise: map[string]any{}, Answers: map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "shanxi-hightech-2020.yaml"))
	u.loadProgrammes()
	u.app.Preferences().SetInt(prefLastDossier, int(id))
	u.Start("")
	if u.current != u.home || u.home == nil {
		t.Fatalf("current screen %T", u.current)
	}
	found := false
	for _, o := range u.win.Canvas().Overlays().List() {
		found = found || strings.Contains(labelTexts(o), "没有项目“shanxi-hightech-2020”的模板")
	}
	if !found {
		t.Error("no message")
	}
}
