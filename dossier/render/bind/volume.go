package bind

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A bound volume: a report followed by its attachments (scanned PDFs merged as they are),
// and the overlay that numbers the attachment pages on from the report. Everything goes
// through files, so that what is held in memory is pdfcpu's parse of one volume and not
// every input twice over.

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

// Merge writes the PDF files inFiles, one after another, to the file out.
func Merge(out string, inFiles []string) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	conf := config()
	conf.CreateBookmarks = false // no outline entry and named destination per input file
	if err := api.Merge("", inFiles, f, conf, false); err != nil {
		return fmt.Errorf("bind: merge: %w", err)
	}
	return nil
}

// PageSizes returns the size of every page of the PDF file at path in millimetres, as it
// is shown (a rotated page's width and height swapped).
func PageSizes(path string) ([][2]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dims, err := api.PageDims(f, config())
	if err != nil {
		return nil, fmt.Errorf("bind: page sizes: %w", err)
	}
	out := make([][2]float64, len(dims))
	for i, d := range dims {
		out[i] = [2]float64{d.Width * 25.4 / 72, d.Height * 25.4 / 72}
	}
	return out, nil
}

// Stamp writes to the file out the PDF file in with the pages of overlay laid over its
// pages from page first on (overlay page 1 on page first, and so on), each at scale 1 from
// the lower left corner.
func Stamp(out, in string, overlay io.ReadSeeker, first, pages int) (err error) {
	wm, err := api.PDFMultiWatermarkForReadSeeker(overlay, 1, first, "scale:1 abs, pos:bl, rot:0, opacity:1", true, false, types.POINTS)
	if err != nil {
		return fmt.Errorf("bind: overlay: %w", err)
	}
	src, err := os.Open(in)
	if err != nil {
		return err
	}
	defer src.Close()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	sel := []string{fmt.Sprintf("%d-%d", first, first+pages-1)}
	if err := api.AddWatermarks(src, f, sel, wm, config()); err != nil {
		return fmt.Errorf("bind: stamp page numbers: %w", err)
	}
	return nil
}
