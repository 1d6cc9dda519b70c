package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// master writes a workbook (refusing to replace one without --force); import writes one data
// file per good row, reports a bad row by row number and label, exit 2 when any row is bad.
func TestMasterAndImportCommands(t *testing.T) {
	dir := t.TempDir()
	demoPath := writeDemo(t, nil)
	book := filepath.Join(dir, "名单.xlsx")
	if code, _, errOut := dossierCmd(t, "master", id, "--out", book, demoPath); code != 0 {
		t.Fatalf("master exit %d: %s", code, errOut)
	}
	if code, _, errOut := dossierCmd(t, "master", id, "--out", book); code != 2 || !strings.Contains(errOut, "--force") {
		t.Errorf("master over an existing file: exit %d, %s", code, errOut)
	}
	out := filepath.Join(dir, "out")
	code, stdout, errOut := dossierCmd(t, "import", id, book, "--out", out)
	if code != 0 || !strings.Contains(stdout, "第2行\t已写入") {
		t.Fatalf("import exit %d: %s%s", code, stdout, errOut)
	}
	if code, _, errOut := dossierCmd(t, "check", id, filepath.Join(out, "山西汾河智能装备有限公司.json")); code != 0 {
		t.Errorf("the imported data file does not check as eligible: exit %d, %s", code, errOut)
	}

	// A bad second row: reported, not written; the good row is written under a numbered name.
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("企业名单")
	for i, h := range rows[0] {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		v := rows[1][i]
		switch h {
		case "企业名称":
			v = "山西坏数据有限公司"
		case "职工总数（人）":
			v = "三百"
		}
		_ = x.SetCellValue("企业名单", cell, v)
	}
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut = dossierCmd(t, "import", id, book, "--out", out)
	if code != 2 || !strings.Contains(errOut, "第3行“职工总数（人）”：") || !strings.Contains(stdout, "山西汾河智能装备有限公司（2）.json（同名文件已存在") {
		t.Errorf("bad row: exit %d\n%s\n%s", code, stdout, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "山西坏数据有限公司.json")); err == nil {
		t.Errorf("a bad row was written")
	}
	if code, _, errOut := dossierCmd(t, "import", id, demoPath, "--out", out); code != 2 || !strings.Contains(errOut, "Excel") {
		t.Errorf("not a workbook: exit %d, %s", code, errOut)
	}
}
