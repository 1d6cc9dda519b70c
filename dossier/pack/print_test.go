package pack_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier/internal/pdfprobe"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/render/pdf"
)

// buildDemo builds the techinnov demo package with o (Out filled in), after change (may be
// nil) has adjusted the report's print settings.
func buildDemo(t *testing.T, o pack.Options, change func(ps *programme.Print)) string {
	t.Helper()
	ev := demoEval(t, nil)
	if change != nil {
		for _, spec := range ev.Outputs() {
			if spec.ID == "report" {
				change(spec.Print)
			}
		}
	}
	o.Out = filepath.Join(t.TempDir(), "pkg")
	o.Now, o.Generator = when, "dossier test"
	if _, err := pack.Build(ev, o); err != nil {
		t.Fatal(err)
	}
	return o.Out
}

// probePrint checks a print file's furniture and returns its pages.
func probePrint(t *testing.T, path string, duplex, seal bool, raster int) []pdfprobe.Page {
	t.Helper()
	x, _, w, _ := pdf.Options{Print: true}.SealZone(1)
	pages, problems, err := pdfprobe.Check(path, pdfprobe.Print{
		Duplex: duplex, Seal: seal, SealInset: 210 - x - w, SealW: w, FolioBelow: 297 - 25, Raster: raster,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	return pages
}

// partPages gives, for one copy (pages of the copy), the page within it where each part's
// heading is the top line.
func partPages(copy []pdfprobe.Page) map[string]int {
	at := map[string]int{}
	for i, p := range copy {
		top := p.TopLine()
		for _, part := range []string{"2019年山西省技术改造专项资金", "承诺书", "目录", "第一章"} {
			if _, seen := at[part]; !seen && strings.HasPrefix(top, part) {
				at[part] = i + 1
			}
		}
	}
	return at
}

// TestPrintCopiesDuplex: by default the ten copies of the report are laid out for double-sided
// printing: per copy the screen report's pages plus the blank backs that put the cover, the
// 承诺书, the 目录 and the body each on a right-hand page; every copy starts on one; page
// numbers and the seal strip are on the outer edge and no text is in the strip.
func TestPrintCopiesDuplex(t *testing.T) {
	out := buildDemo(t, pack.Options{}, nil)
	screen := pdfPages(t, filepath.Join(out, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf"))
	pages := probePrint(t, filepath.Join(out, "print", "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）（一式十份）.pdf"), true, true, 8)
	if len(pages)%10 != 0 {
		t.Fatalf("%d pages for ten copies", len(pages))
	}
	per := len(pages) / 10
	for k := 0; k < 10; k++ {
		copy := pages[k*per : (k+1)*per]
		blank := 0
		for _, p := range copy {
			if len(p.Words) == 0 {
				blank++
			}
		}
		if per%2 != 0 || screen+blank != per || blank < 3 {
			t.Errorf("copy %d: %d pages, %d blank; want the report's %d pages plus blank backs, an even count", k+1, per, blank, screen)
		}
		at := partPages(copy)
		for part, n := range at {
			if n%2 != 1 {
				t.Errorf("copy %d: %s starts on page %d of the copy (page %d of the file), not a right-hand page", k+1, part, n, k*per+n)
			}
		}
		if len(at) != 4 || at["2019年山西省技术改造专项资金"] != 1 || at["承诺书"] != 3 {
			t.Errorf("copy %d: parts start at %v, want the cover on page 1 and the 承诺书 on page 3", k+1, at)
		}
	}

	// The one-page letter: three copies, each with a blank back.
	letter := probePrint(t, filepath.Join(out, "print", "市工信局申请文件（代拟稿）（一式三份）.pdf"), false, false, 0)
	if len(letter) != 6 || len(letter[1].Words) != 0 || len(letter[2].Words) == 0 {
		t.Errorf("letter: %d pages, want 3 copies of one page and a blank back", len(letter))
	}
	note, _ := os.ReadFile(filepath.Join(out, "print", "打印说明.txt"))
	if !strings.Contains(string(note), "双面打印") || !strings.Contains(string(note), "虚线框") {
		t.Errorf("print note says nothing of double-sided printing or the seal box:\n%s", note)
	}
}

// TestPrintCopiesSimplex: build --simplex (or print: {sides: simplex}) lays the copies out
// single-sided: no blank page, the numbers and the strip on the right of every page.
func TestPrintCopiesSimplex(t *testing.T) {
	for name, build := range map[string]func() string{
		"--simplex": func() string { return buildDemo(t, pack.Options{Simplex: true}, nil) },
		"sides:simplex": func() string {
			return buildDemo(t, pack.Options{}, func(ps *programme.Print) { ps.Sides = "simplex" })
		},
	} {
		out := build()
		screen := pdfPages(t, filepath.Join(out, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf"))
		pages := probePrint(t, filepath.Join(out, "print", "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）（一式十份）.pdf"), false, true, 2)
		if len(pages) != 10*screen {
			t.Errorf("%s: %d pages, want 10 × %d", name, len(pages), screen)
		}
		for i, p := range pages {
			if len(p.Words) == 0 {
				t.Errorf("%s: page %d is blank", name, i+1)
			}
		}
		note, _ := os.ReadFile(filepath.Join(out, "print", "打印说明.txt"))
		if name == "--simplex" && (!strings.Contains(string(note), "单面打印") || strings.Contains(string(note), "双面打印")) {
			t.Errorf("%s: print note:\n%s", name, note)
		}
	}
}

// TestSealMarkOff: print: {seal_mark: false} keeps the seal but draws no box; the print note
// still says where the seal goes.
func TestSealMarkOff(t *testing.T) {
	out := buildDemo(t, pack.Options{}, func(ps *programme.Print) { off := false; ps.SealMark = &off })
	probePrint(t, filepath.Join(out, "print", "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）（一式十份）.pdf"), true, false, 4)
	note, _ := os.ReadFile(filepath.Join(out, "print", "打印说明.txt"))
	if !strings.Contains(string(note), "骑缝章盖在书口") || strings.Contains(string(note), "虚线框") {
		t.Errorf("print note:\n%s", note)
	}
}
