// Package bind makes print-ready copies of a finished PDF with pdfcpu: the whole document
// repeated N times in one file; for double-sided printing each copy is padded to an even page
// count with a blank page so that every copy starts on a right-hand (recto) page.
package bind

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// MaxCopies bounds the copies argument: a print shop order of more is a mistake, and the
// output is held in memory.
const MaxCopies = 200

var disableConfig sync.Once

// config returns a fresh pdfcpu configuration that never touches the disk.
//
// pdfcpu's model.NewDefaultConfiguration (and every api function given a nil configuration)
// creates ~/.config/pdfcpu with config.yml, fonts and certificates on first use. We call
// api.DisableConfigDir() once, so NewDefaultConfiguration builds its built-in defaults in
// memory instead. That switch is process-wide but harmless to other users of pdfcpu: a
// package that needs user fonts calls api.EnsureDefaultConfigAt(ourDir), and once a config
// has been loaded that way NewDefaultConfiguration returns it regardless of the switch.
// Bind needs no fonts, so the built-in defaults are enough. A fresh configuration per call
// matters because api functions overwrite conf.Cmd.
//
// pdfcpu is set to write a classic cross-reference table and no object streams, the layout
// canonical reads (canonical.go); pdfcpu v0.15 only ever turns these off by itself
// (write.go, handleEncryption), never on.
func config() *model.Configuration {
	disableConfig.Do(api.DisableConfigDir)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	return conf
}

// readPDF parses and validates a PDF held in memory.
func readPDF(b []byte) (*model.Context, error) {
	conf := config()
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		return nil, fmt.Errorf("bind: read input: %w", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, fmt.Errorf("bind: read input: %w", err)
	}
	return ctx, nil
}

// PageCount returns the number of pages of the PDF read from r.
func PageCount(r io.ReadSeeker) (int, error) {
	if r == nil {
		return 0, errors.New("bind: nil reader")
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("bind: page count: %w", err)
	}
	n, err := api.PageCount(r, config())
	if err != nil {
		return 0, fmt.Errorf("bind: page count: %w", err)
	}
	return n, nil
}

// Options say how copies are bound.
type Options struct {
	Copies int
	// Simplex: the copies are printed single-sided, so none needs a blank page to make the
	// next one start on a right-hand page.
	Simplex bool
}

// Copies writes to w one PDF holding copies copies of pdf for double-sided printing: see
// Bind.
func Copies(w io.Writer, pdf io.ReadSeeker, copies int) error {
	return Bind(w, pdf, Options{Copies: copies})
}

// Bind writes to w one PDF holding o.Copies copies of pdf, one after another. Double-sided,
// a copy with an odd number of pages gets a blank page of the last page's size at its end, so
// the output has exactly copies × (pages rounded up to even) pages and every copy starts on a
// right-hand page (the pdf renderer's print layout already ends on an even page, so nothing
// is added to it). Single-sided, the copies are concatenated as they are. Nothing is written
// to w on error.
func Bind(w io.Writer, pdf io.ReadSeeker, o Options) error {
	copies := o.Copies
	if w == nil || pdf == nil {
		return errors.New("bind: nil writer or reader")
	}
	if copies < 1 || copies > MaxCopies {
		return fmt.Errorf("bind: copies must be between 1 and %d, got %d", MaxCopies, copies)
	}
	src, ctx, dims, err := readInput(pdf)
	if err != nil {
		return err
	}
	one, ctx, err := oneCopy(src, ctx, dims, o)
	if err != nil {
		return err
	}
	if copies == 1 {
		// nothing to repeat: the (padded) document is the copy
		if _, err := w.Write(one); err != nil {
			return fmt.Errorf("bind: write output: %w", err)
		}
		return nil
	}
	var out bytes.Buffer // a failed write must not leave half a PDF in w
	if err := repeat(&out, ctx, one, copies); err != nil {
		return err
	}
	if _, err := w.Write(canonicalOr(out.Bytes(), infoOf(src))); err != nil {
		return fmt.Errorf("bind: write output: %w", err)
	}
	return nil
}

// oneCopy is what one copy of src (parsed as ctx, of page sizes dims) is: src, or for
// double-sided printing src padded to an even page count, canonical when it is the output
// (one copy), else with its parse.
func oneCopy(src []byte, ctx *model.Context, dims []types.Dim, o Options) ([]byte, *model.Context, error) {
	// Pad once, then repeat the padded document: the padding page then belongs to each copy.
	if len(dims)%2 == 0 || o.Simplex {
		return src, ctx, nil
	}
	one, err := padded(src, dims)
	if err != nil {
		return nil, nil, err
	}
	if o.Copies == 1 {
		return canonicalOr(one, infoOf(src)), nil, nil
	}
	if ctx, err = readPDF(one); err != nil {
		return nil, nil, err
	}
	return one, ctx, nil
}

// readInput reads the whole PDF, parses it and returns its page sizes (at least one page).
func readInput(pdf io.ReadSeeker) ([]byte, *model.Context, []types.Dim, error) {
	if _, err := pdf.Seek(0, io.SeekStart); err != nil {
		return nil, nil, nil, fmt.Errorf("bind: read input: %w", err)
	}
	src, err := io.ReadAll(pdf)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("bind: read input: %w", err)
	}
	ctx, err := readPDF(src)
	if err != nil {
		return nil, nil, nil, err
	}
	dims, err := ctx.PageDims()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("bind: page sizes: %w", err)
	}
	if len(dims) < 1 {
		return nil, nil, nil, errors.New("bind: input has no pages")
	}
	return src, ctx, dims, nil
}

// padded is the document src with a blank page after its last, of that page's size.
func padded(src []byte, dims []types.Dim) ([]byte, error) {
	// The size is passed explicitly: with a nil page configuration pdfcpu v0.15 takes the
	// media box inherited from the page tree root (A4 for fpdf output) even when the last
	// page has a MediaBox of its own. PageDims already swaps width and height for a rotated
	// page, so the blank page looks like the page before it.
	pages := len(dims)
	last := dims[pages-1]
	pageConf := &pdfcpu.PageConfiguration{PageDim: &last, InpUnit: types.POINTS}
	var out bytes.Buffer
	sel := []string{strconv.Itoa(pages)}
	if err := api.InsertPages(bytes.NewReader(src), &out, sel, false, pageConf, config()); err != nil {
		return nil, fmt.Errorf("bind: pad %d-page input: %w", pages, err)
	}
	return out.Bytes(), nil
}

// repeat writes copies copies of the document one (parsed as ctx) to out.
func repeat(out *bytes.Buffer, ctx *model.Context, one []byte, copies int) error {
	switch ok, err := repeatPages(ctx, copies); {
	case err != nil:
		return err
	case ok:
		if err := api.Write(ctx, out, ctx.Conf); err != nil {
			return fmt.Errorf("bind: write %d copies: %w", copies, err)
		}
	default: // a page tree repeatPages does not handle: merge copies of the file
		rs := make([]io.ReadSeeker, copies)
		for i := range rs {
			rs[i] = bytes.NewReader(one)
		}
		if err := api.MergeRaw(rs, out, false, config()); err != nil {
			return fmt.Errorf("bind: merge %d copies: %w", copies, err)
		}
	}
	return nil
}
