// Package xlsx renders summary tables (汇总表, document.Sheet) as an Excel workbook with
// excelize: a merged title, a grey bordered header repeated on every printed page, typed
// cells (numbers stay numbers, dates stay dates), column widths that fit Chinese text, and an
// A4 landscape page set-up that prints one page wide.
//
// Sheets with more than StreamThreshold rows go through excelize's StreamWriter: the normal
// writer keeps every cell as an XML struct and needs close to 1 GB for 100,000 rows.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
)

// StreamThreshold is the number of data rows above which a sheet is written with excelize's
// StreamWriter instead of the in-memory worksheet API.
const StreamThreshold = 5000

// DefaultFont is the workbook's default font face. The file stores only the name: Excel and
// WPS on a Chinese Windows have 宋体; LibreOffice substitutes a CJK serif face.
const DefaultFont = "宋体"

// TitleFont is the face of the title row (a Hei face, as the notices' own tables use).
const TitleFont = "黑体"

// Options controls what Render writes besides the sheets. The zero value is valid.
type Options struct {
	// Created is written into docProps/core.xml as both created and modified time. Zero leaves
	// excelize's fixed template date (2006-09-16T00:00:00Z): excelize never calls time.Now,
	// so output is byte-for-byte reproducible either way.
	Created time.Time
	// Creator is the document author (the applying unit); empty writes "Dossier".
	Creator string
	// Title is the document title property; empty uses the first sheet's Title.
	Title string
	// StreamThreshold overrides the package constant when > 0 (tests use it to force the
	// streaming path on small sheets).
	StreamThreshold int
}

// Render writes one workbook holding one worksheet per sheet, in order, to w. Nothing is
// written to w when an error is returned.
func Render(w io.Writer, sheets ...*document.Sheet) error {
	return RenderWith(w, Options{}, sheets...)
}

// RenderWith is Render with document properties and thresholds from opts.
func RenderWith(w io.Writer, opts Options, sheets ...*document.Sheet) (err error) {
	if w == nil {
		return errors.New("xlsx: nil writer")
	}
	if err := checkSheets(sheets); err != nil {
		return err
	}

	f := excelize.NewFile()
	f.SetZipWriter(fastZip)
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("xlsx: close workbook: %w", cerr)
		}
	}()
	// The default font must be set before any style is created: styles without an explicit
	// family copy the default face.
	if err := f.SetDefaultFont(DefaultFont); err != nil {
		return fmt.Errorf("xlsx: default font: %w", err)
	}
	if err := setProps(f, opts, sheets[0]); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	names := sheetNames(sheets)
	if err := addSheets(f, names); err != nil {
		return err
	}
	// Before any row is written: SetActiveSheet reads every worksheet, and reading back a
	// streamed one parses its whole XML into structs (seconds and hundreds of MB at 10,000 rows).
	f.SetActiveSheet(0)
	if err := writeSheets(f, st, names, sheets, opts.streamThreshold()); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write workbook: %w", err)
	}
	return nil
}

// writeSheets writes every sheet. What changes the workbook (styles, page set-up, worksheet
// cells, flushing) happens on this goroutine, sheet after sheet; converting and measuring the
// cells, and streaming the rows of the sheets that are streamed (each into its own
// StreamWriter), happen for all sheets at once: the bureau's 10,000-row summary and its
// 审核清单 take the time of the longer one, not of both.
func writeSheets(f *excelize.File, st *styles, names []string, sheets []*document.Sheet, threshold int) error {
	jobs := make([]*sheetJob, len(sheets))
	for i, s := range sheets {
		pl, err := startPlan(st, names[i], s)
		if err != nil {
			return err
		}
		jobs[i] = &sheetJob{pl: pl, stream: len(s.Rows) > threshold}
	}
	if err := each(jobs, func(j *sheetJob) error { return j.pl.fill() }); err != nil {
		return err
	}
	var streamed []*sheetJob
	for _, j := range jobs {
		if err := j.open(f); err != nil {
			return err
		}
		if j.stream {
			streamed = append(streamed, j)
		} else if err := j.write(st); err != nil {
			return err
		}
	}
	if err := each(streamed, func(j *sheetJob) error { return j.write(st) }); err != nil {
		return err
	}
	for _, j := range streamed {
		if err := j.flush(); err != nil {
			return err
		}
	}
	return nil
}

// each runs fn on every job at once and returns the first error in the jobs' order.
func each(jobs []*sheetJob, fn func(*sheetJob) error) error {
	if len(jobs) == 1 {
		return fn(jobs[0])
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn(j)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkSheets refuses what cannot become a workbook: no sheets, a nil sheet, a sheet
// without columns or with more than Excel holds.
func checkSheets(sheets []*document.Sheet) error {
	if len(sheets) == 0 {
		return errors.New("xlsx: no sheets")
	}
	for i, s := range sheets {
		if s == nil {
			return fmt.Errorf("xlsx: sheet %d is nil", i+1)
		}
		if len(s.Columns) == 0 {
			return fmt.Errorf("xlsx: sheet %q has no columns", s.Name)
		}
		if len(s.Columns) > excelize.MaxColumns {
			return fmt.Errorf("xlsx: sheet %q has %d columns, more than %d", s.Name, len(s.Columns), excelize.MaxColumns)
		}
	}
	return nil
}

// streamThreshold is the row count above which a sheet is streamed.
func (o Options) streamThreshold() int {
	if o.StreamThreshold > 0 {
		return o.StreamThreshold
	}
	return StreamThreshold
}

// addSheets gives the new workbook one worksheet per name, in order (the first is the
// workbook's own Sheet1, renamed).
func addSheets(f *excelize.File, names []string) error {
	for i, name := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("xlsx: sheet %q: rename: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: sheet %q: create: %w", name, err)
		}
	}
	return nil
}

func setProps(f *excelize.File, opts Options, first *document.Sheet) error {
	p := &excelize.DocProperties{
		Creator:        opts.Creator,
		LastModifiedBy: opts.Creator,
		Title:          opts.Title,
		Language:       "zh-CN",
	}
	if p.Creator == "" {
		p.Creator, p.LastModifiedBy = "Dossier", "Dossier"
	}
	if p.Title == "" {
		p.Title = first.Title
	}
	if !opts.Created.IsZero() {
		p.Created = opts.Created.UTC().Format(time.RFC3339)
		p.Modified = p.Created
	}
	if err := f.SetDocProps(p); err != nil {
		return fmt.Errorf("xlsx: document properties: %w", err)
	}
	return nil
}
