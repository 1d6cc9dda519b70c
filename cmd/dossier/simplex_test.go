package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier/render/bind"
)

// build --simplex makes single-sided print copies: no blank pages, so the ten copies of the
// report are ten times the screen report's pages (double-sided they are more).
func TestBuildSimplex(t *testing.T) {
	data := writeDemo(t, nil)
	dir := t.TempDir()
	pages := map[bool]int{}
	for _, simplex := range []bool{false, true} {
		pkg := filepath.Join(dir, map[bool]string{false: "duplex", true: "simplex"}[simplex])
		args := []string{"build", id, data, "--out", pkg}
		if simplex {
			args = append(args, "--simplex")
		}
		if code, out, errOut := dossierCmd(t, args...); code != 0 {
			t.Fatalf("build exit %d: %s%s", code, out, errOut)
		}
		pages[simplex] = pdfPageCount(t, filepath.Join(pkg, "print", "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）（一式十份）.pdf"))
		note, _ := os.ReadFile(filepath.Join(pkg, "print", "打印说明.txt"))
		if want := map[bool]string{false: "双面打印", true: "单面打印"}[simplex]; !strings.Contains(string(note), want) {
			t.Errorf("simplex %v: the print note does not say %s:\n%s", simplex, want, note)
		}
		if simplex {
			if screen := pdfPageCount(t, filepath.Join(pkg, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf")); pages[true] != 10*screen {
				t.Errorf("--simplex: %d pages, want 10 × %d", pages[true], screen)
			}
		}
	}
	if pages[false] <= pages[true] {
		t.Errorf("double-sided %d pages, single-sided %d: the blank backs are missing", pages[false], pages[true])
	}
}

func pdfPageCount(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := bind.PageCount(f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
