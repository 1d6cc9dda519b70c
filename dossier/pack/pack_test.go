package pack_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/templates"
)

var when = time.Date(2019, 5, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func demoEval(t testing.TB, mutate func(f *dossier.File)) *programme.Evaluation {
	t.Helper()
	set, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-techinnov-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(f)
	}
	return programme.Evaluate(p, f, when)
}

func BenchmarkBuild(b *testing.B) {
	ev := demoEval(b, nil)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, "pkg", time.Now().Format("150405.000000000"))
		if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
}

// pdfText reads a PDF's text back with poppler's pdftotext (pages first..last, 0 = all).
func pdfText(t *testing.T, path string, first, last int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: apt-get install poppler-utils")
	}
	args := []string{"-layout"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command(bin, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo (apt-get install poppler-utils): %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("pdfinfo printed no page count")
	return 0
}

func TestBuildDemoPackage(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "山西汾河智能装备有限公司_技术创新提升专项_20190520")
	m, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"print/市工信局申请文件（代拟稿）（一式三份）.pdf",
		"print/打印说明.txt",
		"print/项目申报汇总表.pdf",
		"print/项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）（一式十份）.pdf",
		"不刻录/申报数据.json",
		"市工信局申请文件（代拟稿）.pdf",
		"文件清单.txt",
		"项目申报汇总表.xlsx",
		"项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf",
	}
	var got []string
	for _, f := range m.Files {
		got = append(got, f.Path)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("package files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m.Programme != "shanxi-techinnov-2019" || m.Created != "2019-05-20T09:30:00+08:00" {
		t.Errorf("manifest header: %+v", m)
	}

	report := filepath.Join(out, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf")
	text := pdfText(t, report, 0, 0)
	for _, s := range []string{"项目资金申请报告", "山西汾河智能装备有限公司", "承诺书", "本单位郑重承诺", "法定代表人（签字）",
		"第一章 企业基本情况", "91140105MA0K7D3Q0A", "18,650.00", "研发费用加计扣除奖励", "777.69"} {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q", s)
		}
	}
	if !regexp.MustCompile(`— ?3 ?—`).MatchString(text) { // -layout drops a proportional face's narrow spaces
		t.Error("report has no page number — 3 —")
	}
	if !regexp.MustCompile(`目\s+录`).MatchString(text) {
		t.Error("report has no 目录")
	}
	if strings.Contains(text, "草稿") {
		t.Error("a final report carries the 草稿 watermark")
	}
	pages := pdfPages(t, report)
	if pages < 8 || pages > 14 {
		t.Errorf("report has %d pages", pages)
	}
	// The ten print copies are checked in print_test.go.
	note, _ := os.ReadFile(filepath.Join(out, "print", "打印说明.txt"))
	if !strings.Contains(string(note), "10 份") || !strings.Contains(string(note), "骑缝章") {
		t.Errorf("print note: %s", note)
	}

	// The summary table, read back cell by cell.
	x, err := excelize.OpenFile(filepath.Join(out, "项目申报汇总表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetName(0)
	cell := func(ref string) string {
		v, err := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := cell("A1"); v != "2019年山西省技术改造专项资金技术创新提升专项项目申报汇总表" {
		t.Errorf("A1 = %q", v)
	}
	rows, _ := x.GetRows(sheet)
	header := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "序号" {
			header = i
		}
	}
	if header < 0 {
		t.Fatalf("no header row in %v", rows)
	}
	h := rows[header]
	data := header + 2 // 1-based row of the first data row
	checks := map[string]string{"企业名称": "山西汾河智能装备有限公司", "统一社会信用代码": "91140105MA0K7D3Q0A",
		"申报类别": "研发费用加计扣除奖励", "市": "太原市", "序号": "1"}
	numbers := map[string]string{"申请专项资金\n（万元）": "300", "2018年主营业务收入\n（万元）": "18650"}
	for col, name := range h {
		ref, _ := excelize.CoordinatesToCellName(col+1, data)
		if want, ok := checks[name]; ok && cell(ref) != want {
			t.Errorf("%s (%s) = %q, want %q", name, ref, cell(ref), want)
		}
		if want, ok := numbers[name]; ok {
			if cell(ref) != want {
				t.Errorf("%s (%s) = %q, want %q", name, ref, cell(ref), want)
			}
			if typ, _ := x.GetCellType(sheet, ref); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%s is stored as text, want a number", name)
			}
		}
	}

	// The manifest matches the files, and verify says so.
	r, err := pack.Verify(out)
	if err != nil || !r.Intact() {
		t.Fatalf("verify of a fresh package: %v %v", err, r)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "项目申报汇总表.xlsx"), []byte("changed"), 0o644)
	os.Remove(filepath.Join(out, "print", "打印说明.txt"))
	os.WriteFile(filepath.Join(out, "extra.txt"), []byte("x"), 0o644)
	r, err := pack.Verify(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.Intact() || len(r.Changed) != 1 || len(r.Missing) != 1 || len(r.Extra) != 1 {
		t.Fatalf("verify: %+v", r)
	}
	for _, s := range []string{"文件已被修改：项目申报汇总表.xlsx", "缺少文件：print/打印说明.txt", "多出文件（清单中没有）：extra.txt"} {
		if !strings.Contains(r.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
	if _, err := pack.Verify(t.TempDir()); !errors.Is(err, pack.ErrNotPackage) {
		t.Errorf("empty folder: %v", err)
	}
}

// Invalid or ineligible data writes nothing (not even a temporary folder), unless --draft.
func TestNothingWrittenForBadData(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "pkg")
	invalid := demoEval(t, func(f *dossier.File) { f.Enterprise["credit_code"] = "91140105MA0K7D3Q2H" })
	if _, err := pack.Build(invalid, pack.Options{Out: out, Now: when}); !errors.Is(err, pack.ErrInvalid) {
		t.Fatalf("invalid data: %v", err)
	}
	ineligible := demoEval(t, func(f *dossier.File) { f.Enterprise["credit_blacklisted"] = true })
	if _, err := pack.Build(ineligible, pack.Options{Out: out, Now: when}); !errors.Is(err, pack.ErrNotEligible) {
		t.Fatalf("ineligible data: %v", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Fatalf("something was written: %v", entries)
	}
	// A draft of the ineligible dossier carries 草稿 on every page.
	if _, err := pack.Build(ineligible, pack.Options{Out: out, Now: when, Draft: true}); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(out, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf")
	for page := 1; page <= pdfPages(t, report); page++ {
		if !strings.Contains(pdfText(t, report, page, page), "草") {
			t.Errorf("draft page %d has no watermark", page)
		}
	}
}

// An existing package is never overwritten silently; --force replaces it whole.
func TestExistingPackage(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); !errors.Is(err, pack.ErrExists) {
		t.Fatalf("second build without force: %v", err)
	}
	later := when.Add(time.Hour)
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: later, Force: true}); err != nil {
		t.Fatal(err)
	}
	r, _ := pack.Verify(out)
	if r == nil || !r.Intact() || r.Manifest.Created != later.Format(time.RFC3339) {
		t.Errorf("forced package not intact or not the new one: %+v", r)
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("leftovers beside the package: %v", siblings)
	}
}

// An output folder that cannot be made is a clear error, never a panic or a partial package.
func TestUnwritableOutput(t *testing.T) {
	ev := demoEval(t, nil)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err := pack.Build(ev, pack.Options{Out: filepath.Join(file, "pkg"), Now: when})
	if err == nil || !strings.Contains(err.Error(), "输出文件夹") {
		t.Fatalf("err = %v", err)
	}
}
