package xlsx

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf16"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"

	"golang.org/x/text/width"
)

// Width limits in Excel's unit (the width of one "0" in the default font; a Chinese character
// in 宋体 is two). Text columns wider than maxWidth wrap instead.
const (
	minWidth    = 6
	maxWidth    = 40
	widthPad    = 2  // room for the cell's inner margins and borders
	lineHeight  = 15 // points per line of 11 pt 宋体 (Excel's own 宋体 row is 14.25), with leading
	rowPad      = 4  // points above and below the text of a row
	titleHeight = 32 // points: one line of the 16 pt title plus air
	titleScale  = 16.0 / 11.0
)

// textWidth is the display width of one line in widths of "0": CJK and full-width characters
// count 2, others 1. East-Asian "ambiguous" characters (“ ” — … ·) are full-width in Chinese
// fonts, so they count 2 as well. Capital letters count 1.2: in proportional Latin faces (what
// LibreOffice substitutes for 宋体's Latin part) M, W and G are wider than a digit, and an
// 18-character 统一社会信用代码 must not be cut off.
func textWidth(s string) float64 {
	n := 0.0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			n += 1.2
		case r < 0x80:
			n++
		case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, all wide: the commonest case
			n += 2
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

// maxLineWidth is the width of the longest line of s.
func maxLineWidth(s string) float64 {
	w := 0.0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, textWidth(line))
	}
	return w
}

// wrappedLines estimates how many lines s takes in a column of the given width.
func wrappedLines(s string, colWidth float64) int {
	avail := max(colWidth-widthPad, 1)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		lines := int(math.Ceil(textWidth(line) / avail))
		n += max(lines, 1)
	}
	return n
}

// headerText is a column's header cell: the header, then the unit in full-width brackets on a
// line of its own so that "（万元）" is never split.
func headerText(c document.Column) string {
	if c.Unit == "" {
		return c.Header
	}
	return c.Header + "\n（" + c.Unit + "）"
}

// widthFor turns the widest content of a column into an Excel width. Numbers are never capped
// (a number cut short shows as #####) and get one more unit, for the bold total row.
func widthFor(kind string, widest float64) float64 {
	w := math.Ceil(widest) + widthPad
	switch {
	case kind == kindText && w > maxWidth:
		w = maxWidth
	case kind != kindText:
		w++
	}
	return max(w, minWidth)
}

// maxRowHeight is Excel's limit for a row's height in points. A taller cell (a 600-character
// answer in a narrow column) gets this height and wraps; Excel shows the rest when the cell
// is selected, and the printable PDF version of the sheet carries the whole text.
const maxRowHeight = excelize.MaxRowHeight

// rowHeight is the height in points of a row whose tallest cell has the given line count,
// at most maxRowHeight.
func rowHeight(lines int) float64 {
	return min(float64(max(lines, 1))*lineHeight+rowPad, maxRowHeight)
}

// sheetNames makes worksheet names Excel accepts: no []:*?/\, no leading or trailing
// apostrophe, at most 31 UTF-16 units, not empty, unique regardless of case.
func sheetNames(sheets []*document.Sheet) []string {
	names := make([]string, len(sheets))
	seen := map[string]bool{}
	for i, s := range sheets {
		base := cleanSheetName(s.Name)
		if base == "" {
			base = fmt.Sprintf("Sheet%d", i+1)
		}
		name := base
		for n := 2; seen[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			name = truncUTF16(base, 31-len(suffix)) + suffix
		}
		seen[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '_'
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), "'")
	s = truncUTF16(s, 31)
	s = strings.Trim(strings.TrimSpace(s), "'")
	if strings.EqualFold(s, "History") {
		s += "_" // reserved by Excel
	}
	return s
}

// truncUTF16 cuts s to at most n UTF-16 code units (Excel's measure) on a rune boundary.
func truncUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return s[:i]
		}
	}
	return s
}

// quoteSheet quotes a sheet name for a formula or defined name: 'name' with ' doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
