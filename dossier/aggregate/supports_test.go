package aggregate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier/aggregate"
	"dossier/dossier/fsafe"
)

// A folder chosen in the GUI gives its data files and subfolders (packages) by name, without
// hidden entries, Dossier's temporary files and other files; a package folder is itself the
// input; a folder with nothing to aggregate says so.
func TestFolderInputs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.json", "A.JSON", ".hidden.json", "汇总表.xlsx", fsafe.TempPrefix + "123-456-x.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"pkg", ".git"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	got, err := aggregate.FolderInputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if s := strings.Join(names, " "); s != "A.JSON b.json pkg" {
		t.Errorf("inputs %s", s)
	}
	pkg := filepath.Join(dir, "pkg")
	os.WriteFile(filepath.Join(pkg, "manifest.json"), []byte("{}"), 0o644)
	if got, err := aggregate.FolderInputs(pkg); err != nil || len(got) != 1 || got[0] != pkg {
		t.Errorf("a package: %v, %v", got, err)
	}
	if _, err := aggregate.FolderInputs(t.TempDir()); err != aggregate.ErrNoInputs {
		t.Errorf("an empty folder: %v", err)
	}
	if _, err := aggregate.FolderInputs(filepath.Join(dir, "nope")); err == nil || strings.ContainsAny(err.Error(), "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("a missing folder: %v", err)
	}
}

// The field that tells two projects of one enterprise apart in the summary is the one that
// names its dossiers (title_field): 项目名称, 创建对象名称, 平台名称; none for the programmes an
// enterprise applies to once.
func TestProjectFieldIsTitleField(t *testing.T) {
	for id, want := range map[string]string{
		techinnov: "project_name", "hebei-techreform-2019": "project_name",
		"shanxi-green-2019": "subject_name", "shanxi-smeplatform-2019": "platform_name",
		"shanxi-hightech-2019": "", "ningbo-hightech-2019": "", "beijing-lianghua-2019": "",
	} {
		p := load(t, id)
		if got := aggregate.ProjectField(p); got != want || got != p.TitleField() {
			t.Errorf("%s: ProjectField %q, TitleField %q, want %q", id, got, p.TitleField(), want)
		}
	}
}
