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
func transposed(t *table, built *document.Table, text func(*Text) string) *document.Table {
	out := &document.Table{Caption: built.Caption}
	specCols := columnsOf(t.columns, text)
	out.Columns = append(out.Columns, document.Column{Header: specCols[0].Header, Width: specCols[0].Width, Align: "left"})
	for _, r := range built.Rows {
		out.Columns = append(out.Columns, document.Column{Header: r[0], Width: 1, Align: "right", Kind: specCols[1%len(specCols)].Kind})
	}
	withTotal := len(t.total) == len(t.columns)
	if withTotal {
		out.Columns = append(out.Columns, document.Column{Header: text(t.total[0]), Width: 1, Align: "right"})
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
			cell := text(t.total[j])
			if t.sum[j] {
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
