package pack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"dossier/dossier/document"
	"dossier/dossier/programme"
	"dossier/dossier/render/bind"
	"dossier/dossier/render/pdf"
	"dossier/dossier/render/xlsx"
)

// Build errors.
var (
	// ErrExists: the target folder exists and is not empty, and Force was not given.
	ErrExists = errors.New("pack: package exists")
	// ErrInvalid: the data has problems (and Draft was not given).
	ErrInvalid = errors.New("pack: invalid data")
	// ErrNotEligible: the enterprise does not meet the rules (and Draft was not given).
	ErrNotEligible = errors.New("pack: not eligible")
)

// DataFileName is the copy of the data file a package carries, so that a bureau can aggregate
// packages and anyone can rebuild one.
const DataFileName = "申报数据.json"

// PrintDir holds the print-ready PDFs.
const PrintDir = "print"

// Options controls Build.
type Options struct {
	Out       string    // the package folder itself (created)
	Force     bool      // replace an existing package
	Draft     bool      // build even if invalid or ineligible, with a 草稿 watermark
	Now       time.Time // creation time written into files and the manifest
	Generator string    // "dossier VERSION"
}

// Build writes the package for one evaluated dossier. Nothing is left at Out unless the whole
// package was written.
func Build(ev *programme.Evaluation, o Options) (*Manifest, error) {
	if !o.Draft {
		if ev.Invalid() {
			return nil, ErrInvalid
		}
		if !ev.Eligible() {
			return nil, ErrNotEligible
		}
	}
	out := filepath.Clean(o.Out)
	if err := checkTarget(out, o.Force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出文件夹 %s：%w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, ".dossier-build-*")
	if err != nil {
		return nil, fmt.Errorf("无法在 %s 中写入（请检查该文件夹是否存在且可写）：%w", parent, err)
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := writeContents(tmp, ev, o); err != nil {
		return nil, err
	}
	m, err := writeManifest(tmp, ev.Programme.ID.S, o)
	if err != nil {
		return nil, err
	}
	if err := replace(tmp, out, o.Force); err != nil {
		return nil, err
	}
	committed = true
	return m, nil
}

func checkTarget(out string, force bool) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		if fi, statErr := os.Stat(out); statErr == nil && !fi.IsDir() {
			return fmt.Errorf("%w：%s 是一个文件，不是文件夹", ErrExists, out)
		}
		return fmt.Errorf("无法使用输出文件夹 %s（请检查路径中的每一级是否都是可写的文件夹）：%w", out, err)
	case len(entries) > 0 && !force:
		return fmt.Errorf("%w：%s 已存在且不为空（如要覆盖，请加 --force）", ErrExists, out)
	}
	return nil
}

// replace moves the finished package into place; an old one is moved aside first and removed
// only after the new one is in place.
func replace(tmp, out string, force bool) error {
	var aside string
	if _, err := os.Stat(out); err == nil {
		aside = out + fmt.Sprintf(".old-%d", time.Now().UnixNano())
		if err := os.Rename(out, aside); err != nil {
			return fmt.Errorf("无法替换已有的 %s：%w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if aside != "" {
			os.Rename(aside, out)
		}
		return fmt.Errorf("无法写入 %s：%w", out, err)
	}
	if aside != "" {
		os.RemoveAll(aside)
	}
	return nil
}

// writeContents writes every document. The documents are independent, so they are rendered
// in parallel (a package is mostly PDF layout and compression, and there are two cores).
func writeContents(dir string, ev *programme.Evaluation, o Options) error {
	var jobs []func() error
	var reports []*document.Report
	var sheets []*document.Sheet
	specs := ev.Outputs()
	printLines := make([]string, len(specs))
	for i, spec := range specs {
		name := ev.FileName(spec)
		switch spec.Kind.S {
		case programme.KindReport:
			rep := ev.Report(spec, o.Now)
			reports = append(reports, rep)
			screen := pdf.Options{Draft: o.Draft}
			if spec.Print != nil {
				if err := os.MkdirAll(filepath.Join(dir, PrintDir), 0o755); err != nil {
					return err
				}
			}
			// The screen and print layouts differ only when the print has a binding margin or
			// a seal strip; otherwise one render serves both (the cover letter).
			if spec.Print == nil || printOptions(spec.Print, o.Draft) != screen {
				jobs = append(jobs, func() error {
					_, err := writeReport(dir, rep, name, screen)
					return err
				})
			}
			if spec.Print != nil {
				jobs = append(jobs, func() (err error) {
					printLines[i], err = writePrint(dir, rep, name, spec.Print, o.Draft, screen)
					return err
				})
			}
		case programme.KindSheet:
			sh, err := programme.Sheet(spec, []*programme.Evaluation{ev})
			if err != nil {
				return err
			}
			jobs = append(jobs, func() error { return writeSheets(filepath.Join(dir, name), o, sh) })
			// The printable version of each sheet (text ≥ 8 pt, seal places) goes to print/.
			if err := os.MkdirAll(filepath.Join(dir, PrintDir), 0o755); err != nil {
				return err
			}
			sheets = append(sheets, sh)
			printLines[i] = "- " + strings.TrimSuffix(name, filepath.Ext(name)) + ".pdf：汇总表的打印版，按表下的位置签章"
			jobs = append(jobs, func() error { return writeSheetPrint(dir, name, o, sh) })
		}
	}
	// One cut of the fonts for every report of the package, before the parallel renders.
	if err := pdf.PrepareSheets(reports, sheets); err != nil {
		return err
	}
	if err := parallel(jobs); err != nil {
		return err
	}
	var lines []string
	for _, l := range printLines {
		if l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		note := "打印说明\n\n" + strings.Join(lines, "\n") +
			"\n\n双面打印时每份均从右页（奇数页）开始；左侧为装订边。\n"
		if disc := ev.Programme.Disc; disc != "" {
			note += "电子版：本文件夹外层的文件。" + disc + "\n"
		}
		if err := os.WriteFile(filepath.Join(dir, PrintDir, "打印说明.txt"), []byte(note), 0o644); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(ev.File, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, DataFileName), append(data, '\n'), 0o644)
}

// parallel runs jobs on as many goroutines as there are CPUs and returns the first error.
func parallel(jobs []func() error) error {
	sem := make(chan struct{}, runtime.NumCPU())
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = job()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// printOptions is the layout of a report's print copies.
func printOptions(ps *programme.PrintSpec, draft bool) pdf.Options {
	return pdf.Options{Draft: draft, Print: ps.Binding != "none", Seal: ps.Seal}
}

// writeReport renders a report with opts into the package's top level.
func writeReport(dir string, rep *document.Report, name string, opts pdf.Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := pdf.Render(&buf, rep, opts); err != nil {
		return nil, fmt.Errorf("生成《%s》失败：%w", name, err)
	}
	return buf.Bytes(), os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// writePrint renders the print layout (binding margin, seal strip) and repeats it for the
// copies the notice asks for. When the print layout is the screen layout, the one render also
// writes the screen copy.
func writePrint(dir string, rep *document.Report, name string, ps *programme.PrintSpec, draft bool, screen pdf.Options) (string, error) {
	opts := printOptions(ps, draft)
	var one []byte
	if opts == screen {
		b, err := writeReport(dir, rep, name, opts)
		if err != nil {
			return "", err
		}
		one = b
	} else {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, rep, opts); err != nil {
			return "", fmt.Errorf("生成《%s》打印版失败：%w", name, err)
		}
		one = buf.Bytes()
	}
	printName := fmt.Sprintf("%s（一式%s份）.pdf", strings.TrimSuffix(name, ".pdf"), chineseCount(ps.Copies))
	f, err := os.Create(filepath.Join(dir, PrintDir, printName))
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := bind.Copies(f, bytes.NewReader(one), ps.Copies); err != nil {
		return "", fmt.Errorf("生成《%s》%d 份打印稿失败：%w", name, ps.Copies, err)
	}
	line := fmt.Sprintf("- %s：%d 份", printName, ps.Copies)
	if ps.Seal {
		line += "，右侧留有骑缝章位置"
	}
	if ps.Note != "" {
		line += "。" + ps.Note
	}
	return line, f.Close()
}

func writeSheets(path string, o Options, sheets ...*document.Sheet) error {
	var buf bytes.Buffer
	if err := xlsx.RenderWith(&buf, xlsx.Options{Created: o.Now, Creator: o.Generator}, sheets...); err != nil {
		return fmt.Errorf("生成 %s 失败：%w", filepath.Base(path), err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeSheetPrint writes print/<name>.pdf, the summary table laid out for printing.
func writeSheetPrint(dir, name string, o Options, sh *document.Sheet) error {
	var buf bytes.Buffer
	if err := pdf.RenderSheet(&buf, sh, pdf.SheetOptions{Draft: o.Draft, Created: o.Now}); err != nil {
		return fmt.Errorf("生成 %s 的打印版失败：%w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, PrintDir, strings.TrimSuffix(name, filepath.Ext(name))+".pdf"), buf.Bytes(), 0o644)
}

func writeManifest(dir, programmeID string, o Options) (*Manifest, error) {
	items, err := scan(dir)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Format: 1, Programme: programmeID, Generator: o.Generator, Created: o.Now.Format(time.RFC3339), Files: items}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(dir, ManifestName), append(b, '\n'), 0o644)
}

// chineseCount writes 1–99 as the notices do: 十, 两 for 2 (一式两份).
func chineseCount(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n == 2:
		return "两"
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n < 100 && n%10 == 0:
		return digits[n/10] + "十"
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return fmt.Sprint(n)
}
