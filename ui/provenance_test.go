package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dossier/dossier/pack"
)

// The dossier header names the template in use (version, shipped); 关于此项目 gives its id and,
// after an export, the template the package's manifest records; so does the export dialog.
func TestDossierShowsTemplateProvenance(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	p := ed.sess.Programme()
	v := fmt.Sprint(p.Provenance().Version)
	btn := findButton(t, ed.obj, "模板 v"+v+"（内置）")
	test.Tap(btn)
	about := labelTexts(h.win.Canvas().Overlays().Top())
	if !strings.Contains(about, "模板："+p.ID+"，版本"+v+"，内置模板") || !strings.Contains(about, "SHA-256 "+p.Provenance().SHA256[:12]) {
		t.Errorf("关于此项目:\n%s", about)
	}
	if strings.Contains(about, "最近导出的申报包") {
		t.Error("an export shown before any")
	}
	h.win.Canvas().Overlays().Top().Hide()

	dir := t.TempDir()
	ed.pickFolder = func(then func(string)) { then(dir) }
	ed.onExport()
	out := filepath.Join(dir, ed.packageName())
	want := "申报包所用模板（manifest.json）：" + p.ID + "，版本" + v + "，内置模板，SHA-256 " + p.Provenance().SHA256[:12]
	waitFor(t, 60*time.Second, func() bool {
		top := h.win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(labelTexts(top), want)
	})
	m, err := pack.ReadManifest(out)
	if err != nil || m.Template == nil || m.Template.SHA256 != p.Provenance().SHA256 {
		t.Fatalf("manifest %+v %v", m, err)
	}
	h.win.Canvas().Overlays().Top().Hide()
	ed.onAbout()
	about = labelTexts(h.win.Canvas().Overlays().Top())
	if !strings.Contains(about, "最近导出的申报包："+out) || !strings.Contains(about, want) {
		t.Errorf("关于此项目 after export:\n%s", about)
	}
}

// A user's template is named as such, with its file.
func TestUserTemplateProvenance(t *testing.T) {
	dir := writeTemplates(t)
	u := templateUI(t, dir)
	p := u.deps.Programmes.Get("shanxi-hightech-2020")
	got := u.templateText(p)
	for _, want := range []string{"模板：shanxi-hightech-2020，版本1，用户模板", "文件：" + filepath.Join(dir, "shanxi-hightech-2020.yaml"), "继承自 shanxi-hightech-2019.yaml → cn-hightech-base.yaml"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := manifestTemplateText(&pack.Manifest{}); !strings.Contains(got, "未记录") {
		t.Errorf("old manifest: %q", got)
	}
}
