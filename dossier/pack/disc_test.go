package pack_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dossier/dossier/pack"
)

// topLevel lists the files of a package's top level (what is burned on the disc).
func topLevel(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestDiscContents: the data file (ID numbers) is kept in 不刻录/, not at the top level that is
// burned, unless asked for; aggregate finds it either way; 文件清单.txt lists every file of
// the manifest with its size and SHA-256, grouped by what is burned.
func TestDiscContents(t *testing.T) {
	out := buildDemo(t, pack.Options{}, nil)
	for _, name := range topLevel(t, out) {
		if name == pack.DataFileName {
			t.Errorf("the data file is at the top level (burned on the disc)")
		}
	}
	if got := pack.FindDataFile(out); got != filepath.Join(out, pack.PrivateDir, pack.DataFileName) {
		t.Errorf("FindDataFile = %s", got)
	}
	m, err := pack.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Draft {
		t.Errorf("a package that is no draft says draft in its manifest")
	}
	list, err := os.ReadFile(filepath.Join(out, pack.FileListName))
	if err != nil {
		t.Fatal(err)
	}
	text := string(list)
	for _, f := range m.Files {
		if f.Path == pack.FileListName {
			continue
		}
		at := strings.Index(text, ". "+f.Path+"\n")
		if at < 0 {
			t.Errorf("文件清单 lacks %s", f.Path)
			continue
		}
		lines := strings.Split(text[at:], "\n")
		entry := lines[0]
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "   ") {
				break
			}
			entry += "\n" + l
		}
		if !strings.Contains(entry, "SHA-256："+f.SHA256) || !strings.Contains(entry, "内容：") || !strings.Contains(entry, "字节") {
			t.Errorf("文件清单 entry of %s lacks its content, size or digest:\n%s", f.Path, entry)
		}
	}
	burned, private := strings.Index(text, "一、电子版"), strings.Index(text, "三、不刻录")
	data := strings.Index(text, pack.PrivateDir+"/"+pack.DataFileName)
	if burned < 0 || private < burned || data < private || !strings.Contains(text, "身份证号码") {
		t.Errorf("文件清单 does not list the data file as not burned:\n%s", text)
	}
	note, _ := os.ReadFile(filepath.Join(out, pack.PrintDir, "打印说明.txt"))
	if !strings.Contains(string(note), "不刻录、不报送") {
		t.Errorf("打印说明 does not say what is not burned:\n%s", note)
	}

	asked := buildDemo(t, pack.Options{DiscData: true}, nil)
	if _, err := os.Stat(filepath.Join(asked, pack.DataFileName)); err != nil {
		t.Errorf("--disc-data: %v", err)
	}
	if got := pack.FindDataFile(asked); got != filepath.Join(asked, pack.DataFileName) {
		t.Errorf("FindDataFile = %s", got)
	}
}

// TestDraftMarked: a draft's manifest says "draft": true, verify says it is a draft, the xlsx
// title and worksheet name say 草稿, and so does 文件清单.
func TestDraftMarked(t *testing.T) {
	out := buildDemo(t, pack.Options{Draft: true}, nil)
	raw, _ := os.ReadFile(filepath.Join(out, pack.ManifestName))
	if !strings.Contains(string(raw), `"draft": true`) {
		t.Errorf("manifest of a draft:\n%s", raw)
	}
	r, err := pack.Verify(out)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Intact() || !strings.Contains(r.String(), "草稿") {
		t.Errorf("verify of a draft: %s", r)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "项目申报汇总表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetName(0)
	title, _ := x.GetCellValue(sheet, "A1")
	if !strings.HasPrefix(sheet, "草稿") || !strings.Contains(title, "草稿") {
		t.Errorf("draft workbook: sheet %q, title %q", sheet, title)
	}
	list, _ := os.ReadFile(filepath.Join(out, pack.FileListName))
	if !strings.Contains(string(list), "草稿") {
		t.Errorf("文件清单 of a draft does not say so")
	}
	clean := buildDemo(t, pack.Options{}, nil)
	if r, _ := pack.Verify(clean); strings.Contains(r.String(), "草稿") {
		t.Errorf("verify calls a package that is no draft a draft: %s", r)
	}
}

// TestVerifyDisc: the top level alone (what is burned) verifies as a complete disc.
func TestVerifyDisc(t *testing.T) {
	out := buildDemo(t, pack.Options{}, nil)
	disc := filepath.Join(t.TempDir(), "disc")
	if err := os.Mkdir(disc, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range topLevel(t, out) {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(disc, name), b, 0o644)
	}
	r, err := pack.Verify(disc)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Intact() || len(r.NotBurned) == 0 || !strings.Contains(r.String(), "电子版（光盘）完整") {
		t.Errorf("disc: %s", r)
	}
	os.Remove(filepath.Join(disc, pack.FileListName))
	if r, _ := pack.Verify(disc); r.Intact() {
		t.Errorf("a disc without 文件清单.txt verifies")
	}
	// A package whose print/ is there but lacks a file is not a disc.
	os.Remove(filepath.Join(out, pack.PrivateDir, pack.DataFileName))
	if r, _ := pack.Verify(out); r.Intact() || len(r.Missing) != 1 {
		t.Errorf("package without its data file: %s", r)
	}
}
