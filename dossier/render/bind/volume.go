package bind

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A bound volume: a report followed by its attachments (scanned PDFs merged as they are),
// and the overlay that numbers the attachment pages on from the report. The inputs go
// through files, so that what is held in memory is pdfcpu's parse of one volume and not
// every input twice over; the volume pdfcpu writes is held once more, to be made canonical
// (canonical.go) before it is written.

// CountPages returns the page count of the PDF file at path (an attachment), read with the
// relaxed validation that scans from many producers need.
func CountPages(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	ctx, err := api.ReadAndValidate(f, config())
	if err != nil {
		return 0, err
	}
	return ctx.PageCount, nil
}

// Merge writes the PDF files inFiles, one after another, to the file out, with the Info
// dates of the first.
func Merge(out string, inFiles []string) error {
	if len(inFiles) == 0 {
		return errors.New("bind: merge: no files")
	}
	first, err := os.ReadFile(inFiles[0])
	if err != nil {
		return err
	}
	conf := config()
	conf.CreateBookmarks = false // no outline entry and named destination per input file
	var buf bytes.Buffer
	if err := api.Merge("", inFiles, &buf, conf, false); err != nil {
		return fmt.Errorf("bind: merge: %w", err)
	}
	return writeFile(out, canonicalOr(buf.Bytes(), infoOf(first)))
}

// writeFile writes b to the file path.
func writeFile(path string, b []byte) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	_, err = f.Write(b)
	return err
}

// Stamp writes to the file out the PDF file in with an overlay laid over its pages from
// page first on: overlay is given the size of every page of in (millimetres, as shown) and
// returns a PDF whose page k goes on page first+k-1, at scale 1 from the lower left corner.
// in is parsed once. The result has in's Info dates.
func Stamp(out, in string, first int, overlay func(sizes [][2]float64) ([]byte, error)) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	d := infoOf(src)
	conf := config()
	conf.Cmd = model.ADDWATERMARKS
	conf.OptimizeDuplicateContentStreams = false
	ctx, err := api.ReadAndValidate(bytes.NewReader(src), conf)
	if err != nil {
		return fmt.Errorf("bind: read volume: %w", err)
	}
	dims, err := ctx.PageDims()
	if err != nil {
		return fmt.Errorf("bind: page sizes: %w", err)
	}
	sizes := make([][2]float64, len(dims))
	for i, d := range dims {
		sizes[i] = [2]float64{d.Width * 25.4 / 72, d.Height * 25.4 / 72}
	}
	ov, err := overlay(sizes)
	if err != nil {
		return err
	}
	wm, err := api.PDFMultiWatermarkForReadSeeker(bytes.NewReader(ov), 1, first, "scale:1 abs, pos:bl, rot:0, opacity:1", true, false, types.POINTS)
	if err != nil {
		return fmt.Errorf("bind: overlay: %w", err)
	}
	pages := types.IntSet{}
	for n := first; n <= len(dims); n++ {
		pages[n] = true
	}
	if err := api.WatermarkContext(ctx, pages, wm); err != nil {
		return fmt.Errorf("bind: stamp page numbers: %w", err)
	}
	var buf bytes.Buffer
	if err := api.Write(ctx, &buf, conf); err != nil {
		return fmt.Errorf("bind: write volume: %w", err)
	}
	return writeFile(out, canonicalOr(buf.Bytes(), d))
}
