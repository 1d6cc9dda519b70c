package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Number formats. Money and dates use custom codes: built-in format 14 displays as 01-02-24
// in many locales, and the notices want 2024-01-02.
const (
	fmtMoney   = "#,##0.00"
	fmtDate    = "yyyy-mm-dd"
	numFmtInt  = 1  // built-in "0"
	numFmtPct  = 10 // built-in "0.00%"
	headerFill = "D9D9D9"
)

// Column kinds, as document.Column.Kind spells them.
const (
	kindText    = "text"
	kindMoney   = "money"
	kindInt     = "int"
	kindPercent = "percent"
	kindDate    = "date"
)

// styleKey identifies a body cell style: the same kind and alignment share one style ID.
type styleKey struct {
	kind  string
	align string
	bold  bool
}

// styles creates workbook styles once and hands out their IDs.
type styles struct {
	f                             *excelize.File
	title, subtitle, header, note int
	body                          map[styleKey]int
}

var thinBorder = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, body: map[styleKey]int{}}
	var err error
	if s.title, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 16, Family: TitleFont},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("xlsx: title style: %w", err)
	}
	if s.subtitle, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("xlsx: subtitle style: %w", err)
	}
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      boldFont(),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    thinBorder,
	}); err != nil {
		return nil, fmt.Errorf("xlsx: header style: %w", err)
	}
	if s.note, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("xlsx: note style: %w", err)
	}
	return s, nil
}

// defaultAlign is the alignment of a kind when the column does not choose one: text reads
// from the left, numbers line up on the right, dates sit in the middle.
func defaultAlign(kind string) string {
	switch kind {
	case kindMoney, kindInt, kindPercent:
		return "right"
	case kindDate:
		return "center"
	}
	return "left"
}

// cellStyle returns the style of a body (or, with bold, total) cell of the given kind.
func (s *styles) cellStyle(kind, align string, bold bool) (int, error) {
	if align == "" {
		align = defaultAlign(kind)
	}
	k := styleKey{kind, align, bold}
	if id, ok := s.body[k]; ok {
		return id, nil
	}
	st := &excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: align, Vertical: "center"},
		Border:    thinBorder,
	}
	if bold {
		st.Font = boldFont()
	}
	switch kind {
	case kindMoney:
		st.CustomNumFmt = ptr(fmtMoney)
	case kindInt:
		st.NumFmt = numFmtInt
	case kindPercent:
		st.NumFmt = numFmtPct
	case kindDate:
		st.CustomNumFmt = ptr(fmtDate)
	default:
		// Only text wraps: a wrapped number that does not fit shows ##### anyway, and the
		// widths are computed so that numbers fit on one line.
		st.Alignment.WrapText = true
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("xlsx: %s cell style: %w", kind, err)
	}
	s.body[k] = id
	return id, nil
}

// boldFont names face and size explicitly: excelize writes a bold font without them as a
// <font> with no name, which spreadsheet programs resolve differently.
func boldFont() *excelize.Font {
	return &excelize.Font{Bold: true, Family: DefaultFont, Size: 11}
}

func ptr[T any](v T) *T { return &v }
