package xlsx

import (
	"archive/zip"
	"compress/flate"
	"io"

	"github.com/xuri/excelize/v2"
)

// fastZip is the workbook's zip writer: deflate at flate.BestSpeed instead of the default
// level. A workbook's XML is repetitive, so the file grows little (a tenth at 10,000 rows),
// while compressing took a sixth of writing a large summary table, all of it after the rows.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}
