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
	"syscall"
	"time"

	"dossier/dossier/document"
	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
	"dossier/dossier/render/bind"
	"dossier/dossier/render/pdf"
	"dossier/dossier/render/xlsx"
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
	Generator string    // "dossier VERSION"; empty: "dossier"
	Simplex   bool      // print copies for single-sided printing (build --simplex)
	DiscData  bool      // put 申报数据.json on the disc (top level) instead of 不刻录/ (disc.go)
	// Warn, when set, receives warnings (Chinese) about a package that was built: an earlier
	// package that could not be removed after the new one replaced it.
	Warn func(msg string)
}

// Build writes the package for one evaluated dossier. Nothing is left at Out unless the whole
// package was written; an existing folder is replaced only with Force and only when it is an
// earlier package of ours (ErrTarget otherwise, nothing touched). Errors are *Error (ErrTarget,
// ErrExists, ErrIO) or a rendering failure; all read in Chinese.
func Build(ev *programme.Evaluation, o Options) (*Manifest, error) {
	if !o.Draft {
		if ev.Invalid() {
			return nil, ErrInvalid
		}
		if !ev.Eligible() {
			return nil, ErrNotEligible
		}
	}
	if o.Generator == "" {
		o.Generator = "dossier"
	}
	out := filepath.Clean(o.Out)
	parent := filepath.Dir(out)
	fsafe.SweepStale(parent)
	if _, err := checkTarget(out, o.Force); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return nil, newError(ErrTarget, err, "无法创建输出文件夹 %s：路径中有一级是文件，不是文件夹", parent)
		}
		return nil, ioError("创建输出文件夹", parent, err)
	}
	tmp, remove, err := fsafe.TempDir(parent, "build")
	if err != nil {
		return nil, newError(ErrIO, err, "无法在 %s 中写入：%s", parent, fsafe.Describe(err))
	}
	committed := false
	defer func() {
		if !committed {
			remove()
		}
	}()
	m, err := writePackage(tmp, ev, o)
	if err != nil {
		return nil, err
	}
	// Checked again: the folder may have changed while the package was being written.
	existing, err := checkTarget(out, o.Force)
	if err != nil {
		return nil, err
	}
	committed, left, err := commit(tmp, out, existing)
	if left != nil && o.Warn != nil {
		o.Warn(fmt.Sprintf("新的申报包已生成，但原有的申报包未能删除（%s），留在 %s。"+
			"下次在同一位置生成时会自动清除，也可以手动删除该文件夹。", fsafe.Describe(left.err), left.path))
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// writePackage writes every file of the package into tmp, the manifest last, and flushes the
// folders to disk.
func writePackage(tmp string, ev *programme.Evaluation, o Options) (*Manifest, error) {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, ioError("写入", tmp, err)
	}
	docs, err := writeContents(tmp, ev, o)
	if err != nil {
		return nil, err
	}
	m, err := writeManifest(tmp, ev.Programme.ID, ev.Programme.Provenance(), docs, o, ev.MissingAttachments())
	if err != nil {
		return nil, err
	}
	if err := syncTree(tmp); err != nil {
		return nil, err
	}
	if beforeCommit != nil {
		if err := beforeCommit(tmp); err != nil {
			return nil, ioError("写入", tmp, err)
		}
	}
	return m, nil
}

// writeContents writes every document. The documents are independent, so they are rendered
// in parallel (a package is mostly PDF layout and compression, and there are two cores).
func writeContents(dir string, ev *programme.Evaluation, o Options) ([]PrintDoc, error) {
	specs := ev.Outputs()
	c := &contents{dir: dir, ev: ev, o: o, printLines: make([]string, len(specs)), printDocs: make([]PrintDoc, len(specs))}
	vol, cleanup, err := attachmentsFor(ev, dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	c.vol = vol
	for i, spec := range specs {
		switch spec.Kind {
		case programme.KindReport:
			err = c.addReport(i, spec)
		case programme.KindSheet:
			err = c.addSheet(i, spec)
		}
		if err != nil {
			return nil, err
		}
	}
	// One cut of the fonts for every report of the package, before the parallel renders.
	if err := pdf.PrepareSheets(c.reports, c.sheets); err != nil {
		return nil, err
	}
	if err := parallel(c.jobs); err != nil {
		return nil, err
	}
	if err := c.writePrintNote(specs); err != nil {
		return nil, err
	}
	if err := c.writeDataCopy(); err != nil {
		return nil, err
	}
	var docs []PrintDoc
	for _, d := range c.printDocs {
		if d.Path != "" {
			docs = append(docs, d)
		}
	}
	return docs, writeFileList(dir, ev, specs, o)
}

// contents collects the render jobs of a package's documents and what they tell the print
// note, output by output (index i of the outputs).
type contents struct {
	dir        string
	ev         *programme.Evaluation
	o          Options
	vol        *volume // the attachments, bound after the report ev.AttachmentsOutput names
	jobs       []func() error
	reports    []*document.Report
	sheets     []*document.Sheet
	printLines []string
	printDocs  []PrintDoc
}

// addReport plans a report: the screen PDF, and the print copies when the notice asks for
// paper.
func (c *contents) addReport(i int, spec *programme.Output) error {
	name := c.ev.FileName(spec)
	rep := c.ev.Report(spec, c.o.Now)
	render := renderPlain
	if c.vol != nil && spec == c.ev.AttachmentsOutput() {
		render = c.vol.render
		rep.Appendix = c.vol.entries // for the font cut
		rep.AppendixIndex = spec.AttachmentIndex
	}
	c.reports = append(c.reports, rep)
	screen := pdf.Options{Draft: c.o.Draft}
	// When the print layout is the screen layout one render serves both (today every print
	// copy has its page numbers on the outer edge, so the two always differ).
	if spec.Print == nil || printOptions(spec.Print, c.o) != screen {
		c.jobs = append(c.jobs, func() error {
			_, err := writeReport(c.dir, rep, name, screen, render)
			return err
		})
	}
	if spec.Print == nil {
		return nil
	}
	if err := mkdir(filepath.Join(c.dir, PrintDir)); err != nil {
		return err
	}
	c.jobs = append(c.jobs, func() (err error) {
		c.printLines[i], c.printDocs[i], err = writePrint(c.dir, rep, name, spec.Print, c.o, screen, render)
		return err
	})
	return nil
}

// addSheet plans a summary table: the workbook, and its printable version in print/ (text
// ≥ 8 pt, seal places).
func (c *contents) addSheet(i int, spec *programme.Output) error {
	name := c.ev.FileName(spec)
	sh, err := programme.BuildSheet(spec, []*programme.Evaluation{c.ev})
	if err != nil {
		return err
	}
	if c.o.Draft {
		sh = draftSheet(sh)
	}
	c.jobs = append(c.jobs, func() error { return writeSheets(filepath.Join(c.dir, name), c.o, sh) })
	if err := os.MkdirAll(filepath.Join(c.dir, PrintDir), 0o755); err != nil {
		return err
	}
	c.sheets = append(c.sheets, sh)
	c.printLines[i] = "- " + strings.TrimSuffix(name, filepath.Ext(name)) + ".pdf：汇总表的打印版，按表下的位置签章"
	c.jobs = append(c.jobs, func() (err error) {
		c.printDocs[i], err = writeSheetPrint(c.dir, name, c.o, sh)
		return err
	})
	return nil
}

// writePrintNote writes print/打印说明.txt when anything is printed.
func (c *contents) writePrintNote(specs []*programme.Output) error {
	var lines []string
	for _, l := range c.printLines {
		if l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	note := "打印说明\n\n" + strings.Join(lines, "\n") + "\n\n" + sidesNote(specs, c.o) + "\n"
	if disc := c.ev.Programme.Disc; disc != "" {
		note += "电子版：本文件夹外层的文件。" + disc + "\n"
	}
	note += privateNote(c.o)
	return writeFile(filepath.Join(c.dir, PrintDir, PrintNoteName), []byte(note))
}

// writeDataCopy writes the package's copy of the data file (in 不刻录/ unless DiscData).
func (c *contents) writeDataCopy() error {
	data, err := json.MarshalIndent(dataCopy(c.ev), "", "  ")
	if err != nil {
		return err
	}
	if !c.o.DiscData {
		if err := mkdir(filepath.Join(c.dir, PrivateDir)); err != nil {
			return err
		}
	}
	return writeFile(filepath.Join(c.dir, filepath.FromSlash(DataPath(c.o.DiscData))), append(data, '\n'))
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

// writeReport renders a report with opts into the package's top level.
func writeReport(dir string, rep *document.Report, name string, opts pdf.Options, render renderFunc) ([]byte, error) {
	b, err := render(rep, opts)
	if err != nil {
		return nil, fmt.Errorf("生成《%s》失败：%w", name, err)
	}
	return b, writeFile(filepath.Join(dir, name), b)
}

// writePrint renders the print layout (binding margin, seal strip) and repeats it for the
// copies the notice asks for. When the print layout is the screen layout, the one render also
// writes the screen copy.
func writePrint(dir string, rep *document.Report, name string, ps *programme.Print, o Options, screen pdf.Options, render renderFunc) (string, PrintDoc, error) {
	opts := printOptions(ps, o)
	var one []byte
	if opts == screen {
		b, err := writeReport(dir, rep, name, opts, render)
		if err != nil {
			return "", PrintDoc{}, err
		}
		one = b
	} else {
		b, err := render(rep, opts)
		if err != nil {
			return "", PrintDoc{}, fmt.Errorf("生成《%s》打印版失败：%w", name, err)
		}
		one = b
	}
	printName := printCopyName(name, ps.Copies)
	var copies bytes.Buffer
	if err := bind.Bind(&copies, bytes.NewReader(one), bindOptions(ps, o)); err != nil {
		return "", PrintDoc{}, fmt.Errorf("生成《%s》%d 份打印稿失败：%w", name, ps.Copies, err)
	}
	line := fmt.Sprintf("- %s：%d 份", printName, ps.Copies)
	line += sealNote(ps)
	if ps.Note != "" {
		line += "。" + ps.Note
	}
	doc := PrintDoc{Path: PrintDir + "/" + printName, Paper: PaperA4Portrait, Duplex: !simplex(ps, o), Copies: ps.Copies,
		Bound: true, Seal: strings.TrimPrefix(sealNote(ps), "，"), Note: ps.Note}
	return line, doc, writeFile(filepath.Join(dir, PrintDir, printName), copies.Bytes())
}

func writeSheets(path string, o Options, sheets ...*document.Sheet) error {
	var buf bytes.Buffer
	if err := xlsx.RenderWith(&buf, xlsx.Options{Created: o.Now, Creator: o.Generator}, sheets...); err != nil {
		return fmt.Errorf("生成 %s 失败：%w", filepath.Base(path), err)
	}
	return writeFile(path, buf.Bytes())
}

// writeSheetPrint writes print/<name>.pdf, the summary table laid out for printing.
func writeSheetPrint(dir, name string, o Options, sh *document.Sheet) (PrintDoc, error) {
	var buf bytes.Buffer
	if err := pdf.RenderSheet(&buf, sh, pdf.SheetOptions{Draft: o.Draft, Created: o.Now}); err != nil {
		return PrintDoc{}, fmt.Errorf("生成 %s 的打印版失败：%w", name, err)
	}
	file := strings.TrimSuffix(name, filepath.Ext(name)) + ".pdf"
	doc := PrintDoc{Path: PrintDir + "/" + file, Paper: paperOf(buf.Bytes()), Copies: 1, Seal: "按表下的位置签章"}
	return doc, writeFile(filepath.Join(dir, PrintDir, file), buf.Bytes())
}

func writeManifest(dir, programmeID string, tpl programme.Provenance, docs []PrintDoc, o Options, missing []string) (*Manifest, error) {
	items, err := scan(dir)
	if err != nil {
		return nil, ioError("读取", dir, err)
	}
	m := &Manifest{Format: 1, Programme: programmeID, Generator: o.Generator, Created: o.Now.Format(time.RFC3339), Draft: o.Draft, Files: items, Template: &tpl, MissingAttachments: missing, Print: docs}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, writeFile(filepath.Join(dir, ManifestName), append(b, '\n'))
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
