package programme

import (
	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// Transposed report tables (table.transpose: true) have one column per row of their rows
// table — the 研究开发费用结构明细表's RD01 … RDn — and one row per spec column after the first:
// the first column's value is each column's header (RD01), every other column is a row with its
// header as the row's label. total, when given, is a last column: its first item is the
// column's header (合计), each other item the row's total, a text with {{ … }} or "sum" (the
// row's cells added up, as money).

// transposed turns a table built the usual way (cells[row][column]) into its transpose.
func transposed(t *TableSpec, built *document.Table, text func(*Str) string) *document.Table {
	out := &document.Table{Caption: built.Caption}
	specCols := columnsOf(t.Columns, text)
	out.Columns = append(out.Columns, document.Column{Header: specCols[0].Header, Width: specCols[0].Width, Align: "left"})
	for _, r := range built.Rows {
		out.Columns = append(out.Columns, document.Column{Header: r[0], Width: 1, Align: "right", Kind: specCols[1%len(specCols)].Kind})
	}
	withTotal := len(t.Total) == len(t.Columns)
	if withTotal {
		out.Columns = append(out.Columns, document.Column{Header: text(&t.Total[0]), Width: 1, Align: "right"})
	}
	for j := 1; j < len(specCols); j++ {
		label := specCols[j].Header
		if u := specCols[j].Unit; u != "" {
			label += "（" + u + "）"
		}
		row := []string{label}
		sum := decimal.D{}
		for _, r := range built.Rows {
			row = append(row, r[j])
			if v, err := decimal.Parse(stripThousands(r[j])); err == nil {
				sum = sum.Add(v)
			}
		}
		if withTotal {
			cell := text(&t.Total[j])
			if t.Total[j].S == "sum" {
				cell = Format(sum, "money")
			}
			row = append(row, cell)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func stripThousands(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
