package session

import (
	"fmt"
	"strings"

	"dossier/dossier/programme"
	"dossier/dossier/validate"
)

// Pasting rows copied from a spreadsheet (Excel, WPS): SplitClipboard reads the clipboard's
// text, PasteRows adds its rows to a table, each cell read by programme.Field.Parse like a
// typed one; the cells it cannot read are left empty and reported, the others are kept.

// PasteProblem is a pasted cell (or row) that could not be stored.
type PasteProblem struct {
	Row     int    // the table's row index (0-based); -1 for the rows that did not fit
	Column  string // the column's label, "" for a whole row
	Message string // Chinese, to follow the label
}

// SplitClipboard splits text copied from a spreadsheet into rows of cells: cells separated by
// TAB, rows by new lines (CRLF or LF), a cell holding a new line, a TAB or a quote written
// between quotes with its quotes doubled ("a""b"), as Excel and WPS copy them. Empty rows are
// dropped.
func SplitClipboard(text string) [][]string {
	var rows [][]string
	var row []string
	var cell strings.Builder
	endRow := func() {
		row = append(row, cell.String())
		cell.Reset()
		if strings.TrimSpace(strings.Join(row, "")) != "" {
			rows = append(rows, row)
		}
		row = nil
	}
	for i := 0; i < len(text); {
		if cell.Len() == 0 && text[i] == '"' {
			if s, n, ok := quotedCell(text[i:]); ok {
				cell.WriteString(s)
				i += n
				continue
			}
		}
		switch c := text[i]; c {
		case '\t':
			row = append(row, cell.String())
			cell.Reset()
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			endRow()
		case '\n':
			endRow()
		default:
			cell.WriteByte(c)
		}
		i++
	}
	if cell.Len() > 0 || len(row) > 0 {
		endRow()
	}
	return rows
}

// quotedCell reads a cell written between quotes at the start of s; ok is false when s is no
// such cell (a quote that only begins a cell's text, 5" 屏), which is then read as it stands.
func quotedCell(s string) (cell string, n int, ok bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '"' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		if i+1 == len(s) || s[i+1] == '\t' || s[i+1] == '\n' || s[i+1] == '\r' {
			return b.String(), i + 1, true
		}
		return "", 0, false
	}
	return "", 0, false
}

// PasteRows appends rows of text cells to the table at path, the cells in order onto the
// table's columns. A first row that repeats the column labels (a copied header) is skipped.
// Each cell is read by programme.Field.Parse (an option by its label or value); a cell that
// cannot be read is left empty and reported, and the row is kept. Rows beyond the table's
// limit are not added (reported once); derived cells left empty (an IP's 类别) are filled in
// from the row. added is the number of rows appended.
func (s *Session) PasteRows(path string, cells [][]string) (added int, problems []PasteProblem, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.table(path)
	if err != nil {
		return 0, nil, err
	}
	f, _, _ := s.field(path)
	rows, err := s.rows(r)
	if err != nil {
		return 0, nil, err
	}
	if len(cells) > 0 && isHeader(f, cells[0]) {
		cells = cells[1:]
	}
	limit := f.MaxRows
	if limit <= 0 {
		limit = programme.DefaultMaxRows
	}
	if room := limit - len(rows); len(cells) > room {
		problems = append(problems, PasteProblem{Row: -1, Message: fmt.Sprintf("表格最多 %d 行，其余 %d 行未粘贴", limit, len(cells)-max(room, 0))})
		cells = cells[:max(room, 0)]
	}
	for _, line := range cells {
		i := len(rows)
		row := map[string]any{}
		for c, text := range line {
			if c >= len(f.Columns) {
				if strings.TrimSpace(text) != "" {
					problems = append(problems, PasteProblem{Row: i, Message: fmt.Sprintf("多出的第 %d 列未粘贴（表格只有 %d 列）", c+1, len(f.Columns))})
				}
				break
			}
			col := &f.Columns[c]
			v, msg := pastedCell(col, text)
			if msg != "" {
				problems = append(problems, PasteProblem{Row: i, Column: col.Label, Message: msg})
				continue
			}
			if stored, remove := value(col, v); !remove {
				row[col.ID] = stored
			}
		}
		rows = append(rows, row)
		added++
	}
	if added > 0 {
		s.object(r)[r.top] = rows
		s.changed()
		if !r.enterprise {
			s.fillPasted(f, len(rows)-added, len(rows))
		}
	}
	return added, problems, nil
}

// isHeader reports whether a pasted row is the table's column labels.
func isHeader(f *programme.Field, line []string) bool {
	if len(line) == 0 || len(line) > len(f.Columns) {
		return false
	}
	for c, text := range line {
		if strings.TrimSpace(text) != f.Columns[c].Label {
			return false
		}
	}
	return true
}

// pastedCell reads one pasted cell as an entry would: the text the session stores for it, or
// a message saying why it cannot be read.
func pastedCell(col *programme.Field, text string) (string, string) {
	if col.Type != programme.TypeTextarea {
		// A line break inside a spreadsheet cell (Alt+Enter) only wraps it: a one-line
		// answer gets a space instead.
		text = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(text))
	}
	switch col.Type {
	case programme.TypeTable, programme.TypeObject:
		return "", "不能粘贴（请逐项填写）"
	case programme.TypeEnum:
		return option(col, text)
	case programme.TypeMulti:
		if len(col.Options) > 0 {
			var values []string
			for _, item := range programme.SplitList(text) {
				v, msg := option(col, item)
				if msg != "" {
					return "", msg
				}
				values = append(values, v)
			}
			return strings.Join(values, "、"), ""
		}
	}
	v, msg := col.Parse(text)
	if msg != "" {
		return "", msg
	}
	return programme.InputText(v), ""
}

// option finds an enum or multi option by its label or its value.
func option(col *programme.Field, text string) (string, string) {
	if text == "" {
		return "", ""
	}
	var labels []string
	for _, o := range col.Options {
		if text == o.Value || (o.Label != "" && text == o.Label) {
			return o.Value, ""
		}
		labels = append(labels, optionText(o))
	}
	return "", fmt.Sprintf("“%s”不是可选项（可选：%s）", validate.Quote(text), strings.Join(labels, "、"))
}

func optionText(o programme.Option) string {
	if o.Label != "" {
		return o.Label
	}
	return o.Value
}
