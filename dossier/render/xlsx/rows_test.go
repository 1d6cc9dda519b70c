package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
)

func TestCellValue(t *testing.T) {
	day := time.Date(2019, 5, 22, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		kind string
		cell document.Cell
		want any
		err  string
	}{
		{kindMoney, document.Cell{Number: " 1500.5 "}, 1500.5, ""},
		{kindMoney, document.Cell{}, nil, ""},
		{kindMoney, document.Cell{Text: "—"}, "—", ""},
		{kindMoney, document.Cell{Number: "1,500"}, nil, `bad number "1,500"`},
		{kindMoney, document.Cell{Number: "12345678901234.567"}, "12,345,678,901,234.567", ""},
		{kindPercent, document.Cell{Number: "0.25"}, 0.25, ""},
		{kindPercent, document.Cell{Number: "0.1234567890123456"}, "12.34567890123456%", ""},
		{kindInt, document.Cell{Number: "12.00"}, int64(12), ""},
		{kindInt, document.Cell{Number: "3.5"}, nil, "bad integer"},
		{kindInt, document.Cell{Number: "-9223372036854775809"}, "-9223372036854775809", ""},
		{kindDate, document.Cell{Text: " 2019-05-22 "}, day, ""},
		{kindDate, document.Cell{Number: "2019-05-22"}, day, ""},
		{kindDate, document.Cell{}, nil, ""},
		{kindDate, document.Cell{Text: "2019年5月22日"}, nil, "want YYYY-MM-DD"},
		{kindDate, document.Cell{Text: "1899-12-31"}, nil, "before 1900"},
		{kindText, document.Cell{Text: "甲", Number: "1"}, "甲", ""},
		{kindText, document.Cell{Number: "1"}, "1", ""},
		{kindText, document.Cell{}, nil, ""},
	} {
		got, err := cellValue(c.kind, c.cell)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("cellValue(%s, %+v): error %v, want %q", c.kind, c.cell, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("cellValue(%s, %+v): %v", c.kind, c.cell, err)
		case c.err == "" && fmt.Sprintf("%T %v", got, got) != fmt.Sprintf("%T %v", c.want, c.want):
			t.Errorf("cellValue(%s, %+v) = %T %v, want %T %v", c.kind, c.cell, got, got, c.want, c.want)
		}
	}
}

// recordSink notes every row and merge it is given and fails the call numbered failAt.
type recordSink struct {
	calls  []string
	failAt int
}

func (s *recordSink) call(c string) error {
	s.calls = append(s.calls, c)
	if len(s.calls) == s.failAt {
		return errors.New("sink full")
	}
	return nil
}

func (s *recordSink) row(r int, vals []any, styles []int, height float64) error {
	return s.call(fmt.Sprintf("row %d %v h%.0f", r, vals[0], height))
}

func (s *recordSink) merge(r, cols int) error { return s.call(fmt.Sprintf("merge %d %d", r, cols)) }

// TestWriteRowsOrder pins what writeRows hands its sink, in order (title, subtitle, header,
// rows, total, note, the banners merged across the sheet), and that a sink's error is
// returned naming the part being written.
func TestWriteRowsOrder(t *testing.T) {
	s := sampleSheet(2)
	st, err := newStyles(excelize.NewFile())
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(st, s.Name, s)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordSink{}
	if err := writeRows(rec, st, p, s); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rec.calls {
		got = append(got, strings.Fields(c)[0]+" "+strings.Fields(c)[1])
	}
	want := "row 1,merge 1,row 2,merge 2,row 3,row 4,row 5,row 6,row 7,merge 7"
	if strings.Join(got, ",") != want {
		t.Fatalf("calls %q, want %s", rec.calls, want)
	}
	if !strings.HasPrefix(rec.calls[0], "row 1 "+s.Title) || !strings.HasPrefix(rec.calls[8], "row 7 "+s.Note) {
		t.Errorf("banners %q", rec.calls)
	}
	parts := []string{"title", "title", "subtitle", "subtitle", "header", "row 1", "row 2", "total row", "note", "note"}
	for i, part := range parts {
		err := writeRows(&recordSink{failAt: i + 1}, st, p, s)
		if err == nil || err.Error() != part+": sink full" {
			t.Errorf("failing call %d: error %v, want %q", i+1, err, part+": sink full")
		}
	}
	// Without subtitle and note, the header is row 2 and nothing follows the total.
	s.Subtitle, s.Note = "", ""
	if p, err = newPlan(st, s.Name, s); err != nil {
		t.Fatal(err)
	}
	rec = &recordSink{}
	if err := writeRows(rec, st, p, s); err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 6 || !strings.HasPrefix(rec.calls[2], "row 2 ") || !strings.HasPrefix(rec.calls[5], "row 5 ") {
		t.Errorf("no subtitle or note: calls %q", rec.calls)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderWithRefuses(t *testing.T) {
	wide := sampleSheet(1)
	wide.Columns = make([]document.Column, excelize.MaxColumns+1)
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"nil writer", RenderWith(nil, Options{}, sampleSheet(1)), "nil writer"},
		{"nil sheet", RenderWith(&bytes.Buffer{}, Options{}, sampleSheet(1), nil), "sheet 2 is nil"},
		{"too wide", RenderWith(&bytes.Buffer{}, Options{}, wide), "more than 16384"},
		{"write", RenderWith(failWriter{}, Options{}, sampleSheet(1)), "write workbook: disk full"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, c.err, c.want)
		}
	}
}

// newPlan is a sheet planned whole, as RenderWith plans it.
func newPlan(st *styles, name string, s *document.Sheet) (*plan, error) {
	pl, err := startPlan(st, name, s)
	if err != nil {
		return nil, err
	}
	return pl.p, pl.fill()
}
