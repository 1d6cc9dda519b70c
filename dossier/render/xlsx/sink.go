package xlsx

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// fileSink writes rows through the normal worksheet API.
type fileSink struct {
	f     *excelize.File
	sheet string
}

func (s *fileSink) row(r int, vals []any, styles []int, height float64) error {
	for j, v := range vals {
		ref, err := excelize.CoordinatesToCellName(j+1, r)
		if err != nil {
			return err
		}
		fm, isFormula := v.(formula)
		if isFormula {
			v = fm.value
		}
		switch x := v.(type) {
		case nil:
		case string:
			err = s.f.SetCellStr(s.sheet, ref, x)
		case float64:
			err = s.f.SetCellFloat(s.sheet, ref, x, -1, 64)
		case int64:
			err = s.f.SetCellInt(s.sheet, ref, x)
		case time.Time:
			err = s.f.SetCellValue(s.sheet, ref, x)
		default:
			err = fmt.Errorf("unexpected value %T", v)
		}
		if err == nil && isFormula {
			err = s.f.SetCellFormula(s.sheet, ref, fm.expr) // after the value, which stays cached
		}
		if err != nil {
			return fmt.Errorf("cell %s: %w", ref, err)
		}
		// The style is set after the value: SetCellValue gives a date cell a default date
		// style, which ours must replace.
		if err := s.f.SetCellStyle(s.sheet, ref, ref, styles[j]); err != nil {
			return fmt.Errorf("cell %s: %w", ref, err)
		}
	}
	if height > 0 {
		return s.f.SetRowHeight(s.sheet, r, height)
	}
	return nil
}

func (s *fileSink) merge(r, cols int) error {
	if cols < 2 {
		return nil
	}
	last, err := excelize.CoordinatesToCellName(cols, r)
	if err != nil {
		return err
	}
	return s.f.MergeCell(s.sheet, "A"+strconv.Itoa(r), last)
}

// streamSink writes rows through a StreamWriter; cells are buffered to a temp file, not
// kept as structs.
type streamSink struct {
	sw    *excelize.StreamWriter
	buf   []any
	cells []excelize.Cell // what buf points to: a row's cells, reused (a Cell in an any was an allocation per cell)
}

func (s *streamSink) row(r int, vals []any, styles []int, height float64) error {
	if cap(s.buf) < len(vals) {
		s.buf = make([]any, len(vals))
		s.cells = make([]excelize.Cell, len(vals))
	}
	s.buf = s.buf[:len(vals)]
	for j, v := range vals {
		// A blank cell is still written (with its style) so that its borders show.
		if fm, ok := v.(formula); ok {
			s.cells[j] = excelize.Cell{StyleID: styles[j], Value: fm.value, Formula: fm.expr}
		} else {
			s.cells[j] = excelize.Cell{StyleID: styles[j], Value: v}
		}
		s.buf[j] = &s.cells[j]
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	return s.sw.SetRow("A"+strconv.Itoa(r), s.buf, opts...)
}

func (s *streamSink) merge(r, cols int) error {
	if cols < 2 {
		return nil
	}
	last, err := excelize.CoordinatesToCellName(cols, r)
	if err != nil {
		return err
	}
	return s.sw.MergeCell("A"+strconv.Itoa(r), last)
}
