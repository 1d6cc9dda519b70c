package master

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

// SheetName is the master's worksheet.
const SheetName = "企业名单"

// Write writes the master of programme p to w: the header row, then one row per data file
// (none: an empty master to fill in). A file of another programme contributes its enterprise
// and application date only. created is the workbook's creation time (its properties).
func Write(w io.Writer, p *programme.Programme, files []*dossier.File, created time.Time) error {
	cols := Columns(p, Years(p, files))
	if len(cols) > excelize.MaxColumns {
		return fmt.Errorf("master: %d columns, more than %d", len(cols), excelize.MaxColumns)
	}
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	if err := x.SetDocProps(&excelize.DocProperties{Created: created.UTC().Format(time.RFC3339), Creator: "Dossier",
		Title: p.Title + " 企业名单"}); err != nil {
		return err
	}
	st, err := newStyles(x)
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(SheetName)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, width(c)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Label}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r, f := range files {
		row := make([]any, len(cols))
		for i, c := range cols {
			row[i] = st.cell(c, valueOf(c, f, p.ID))
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

func width(c Column) float64 {
	n := len([]rune(c.Label))*2 + 2
	switch {
	case n < 12:
		return 12
	case n > 40:
		return 40
	}
	return float64(n)
}

type styles struct{ header, money, percent, date, text int }

func newStyles(x *excelize.File) (styles, error) {
	var s styles
	var err error
	fmtOf := func(code string) *string { return &code }
	list := []struct {
		id    *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}},
		{&s.money, &excelize.Style{NumFmt: 4}},    // #,##0.00
		{&s.percent, &excelize.Style{NumFmt: 10}}, // 0.00%
		{&s.date, &excelize.Style{CustomNumFmt: fmtOf("yyyy-mm-dd")}},
		{&s.text, &excelize.Style{NumFmt: 49}}, // @: a credit code or phone stays text
	}
	for _, l := range list {
		if *l.id, err = x.NewStyle(l.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

// cell is a typed value as a worksheet cell: amounts as numbers, dates as Excel dates.
func (st styles) cell(c Column, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case decimal.D:
		if c.Field.Type == programme.TypePercent {
			return excelize.Cell{StyleID: st.percent, Value: x.Float64()}
		}
		if c.Field.Type == programme.TypeMoney {
			return excelize.Cell{StyleID: st.money, Value: x.Float64()}
		}
		return x.Float64()
	case int:
		return x
	case time.Time:
		return excelize.Cell{StyleID: st.date, Value: x}
	case string:
		if c.Field.Type == programme.TypeEnum {
			return optionLabel(c.Field, x)
		}
		return excelize.Cell{StyleID: st.text, Value: x}
	}
	return programme.InputText(v) // bools as 是/否, lists joined with 、
}

func optionLabel(f *programme.Field, v string) string {
	for _, o := range f.Options {
		if o.Value == v && o.Label != "" {
			return o.Label
		}
	}
	return v
}

// valueOf is a column's value in a data file, typed by its field (the text as it is when it
// does not parse: the master shows what the file holds).
func valueOf(c Column, f *dossier.File, id string) any {
	var raw any
	switch c.In {
	case InAppliedOn:
		if f.AppliedOn != "" {
			raw = f.AppliedOn
		}
	case InEnterprise:
		raw = f.Enterprise[c.ID]
	case InFinance:
		for _, row := range financeRows(f) {
			if y, ok := yearOf(row); ok && y == c.Year {
				raw = row[c.ID]
			}
		}
	case InAnswers:
		if f.Programme != id {
			return nil
		}
		raw = f.Answers[c.ID]
		if c.Sub != "" {
			obj, _ := raw.(map[string]any)
			raw = obj[c.Sub]
		}
	}
	if raw == nil {
		return nil
	}
	text := rawText(raw)
	v, msg := c.Field.Parse(text)
	if msg != "" {
		return text
	}
	return v
}

// rawText is a decoded JSON value as the text a user would type: a string, a bool (是/否) or
// null as programme.InputText writes a typed value, numbers exactly, a list joined with 、,
// anything else as its JSON.
func rawText(v any) string {
	switch x := v.(type) {
	case nil, string, bool:
		return programme.InputText(x)
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, 0, len(x))
		for _, it := range x {
			parts = append(parts, rawText(it))
		}
		return strings.Join(parts, "、")
	}
	b, _ := json.Marshal(v)
	return string(b)
}
