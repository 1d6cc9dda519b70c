package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// maxColumnWidth caps a fitted column (a long 原因 is shown in full when its cell is selected).
const maxColumnWidth = 300

// fitSample is how many rows are measured to fit the columns.
const fitSample = 300

// sheetTable shows a summary sheet (document.Sheet, as the xlsx holds it) in a Fyne table:
// its header sticky, its 合计 row last in bold, each column fitted to its widest text (up to
// maxColumnWidth). onSelect is told the full text of a cell tapped; colour, when not nil,
// colours a cell.
type sheetTable struct {
	sheet  *document.Sheet
	table  *widget.Table
	colour func(row, col int, text string) widget.Importance
}

func newSheetTable(sh *document.Sheet, onSelect func(text string), colour func(row, col int, text string) widget.Importance) *sheetTable {
	st := &sheetTable{sheet: sh, colour: colour}
	t := &widget.Table{
		Length: func() (int, int) { return st.rows(), len(sh.Columns) },
		CreateCell: func() fyne.CanvasObject {
			return &widget.Label{Truncation: fyne.TextTruncateEllipsis}
		},
		UpdateCell: func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Text = st.text(id.Row, id.Col)
			l.TextStyle.Bold = id.Row == len(sh.Rows)
			l.Alignment = alignOf(sh.Columns[id.Col].Align)
			l.Importance = widget.MediumImportance
			if st.colour != nil && id.Row < len(sh.Rows) {
				l.Importance = st.colour(id.Row, id.Col, l.Text)
			}
			l.Refresh()
		},
		ShowHeaderRow: true,
		CreateHeader: func() fyne.CanvasObject {
			return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter, Truncation: fyne.TextTruncateEllipsis}
		},
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(sh.Columns) {
				o.(*widget.Label).SetText(st.header(id.Col))
			}
		},
	}
	t.OnSelected = func(id widget.TableCellID) {
		if onSelect != nil && id.Row >= 0 && id.Row < st.rows() && id.Col >= 0 {
			onSelect(sh.Columns[id.Col].Header + "：" + st.text(id.Row, id.Col))
		}
	}
	t.ExtendBaseWidget(t)
	st.table = t
	st.fit()
	return st
}

// rows counts the data rows and the 合计 row.
func (st *sheetTable) rows() int {
	if len(st.sheet.Total) > 0 {
		return len(st.sheet.Rows) + 1
	}
	return len(st.sheet.Rows)
}

func (st *sheetTable) header(col int) string {
	c := st.sheet.Columns[col]
	if c.Unit != "" {
		return c.Header + "（" + c.Unit + "）"
	}
	return c.Header
}

// text is a cell as the spreadsheet shows it: money with two decimals and thousands
// separators, a percent as 5.23%.
func (st *sheetTable) text(row, col int) string {
	var cells []document.Cell
	if row < len(st.sheet.Rows) {
		cells = st.sheet.Rows[row]
	} else {
		cells = st.sheet.Total
	}
	if col >= len(cells) {
		return ""
	}
	return cellText(st.sheet.Columns[col], cells[col])
}

func cellText(c document.Column, cell document.Cell) string {
	if cell.Number == "" {
		return cell.Text
	}
	d, err := decimal.Parse(cell.Number)
	if err != nil {
		return cell.Number
	}
	switch c.Kind {
	case "money":
		return d.Grouped(2)
	case "percent":
		return d.Percent(2)
	}
	return cell.Number
}

// fit sets each column's width to its widest header or cell among the first rows.
func (st *sheetTable) fit() {
	pad := theme.Padding()*4 + 4
	size := theme.TextSize()
	bold := fyne.TextStyle{Bold: true}
	n := min(st.rows(), fitSample)
	for col := range st.sheet.Columns {
		w := fyne.MeasureText(st.header(col), size, bold).Width
		for row := 0; row < n; row++ {
			w = max(w, fyne.MeasureText(st.text(row, col), size, bold).Width)
		}
		if st.rows() > n && len(st.sheet.Total) > 0 {
			w = max(w, fyne.MeasureText(st.text(len(st.sheet.Rows), col), size, bold).Width)
		}
		st.table.SetColumnWidth(col, min(w+pad, maxColumnWidth))
	}
}

func alignOf(a string) fyne.TextAlign {
	switch a {
	case "right":
		return fyne.TextAlignTrailing
	case "center":
		return fyne.TextAlignCenter
	}
	return fyne.TextAlignLeading
}
