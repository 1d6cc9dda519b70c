// Package master is the Excel master of many enterprises (企业名单): one workbook row per
// enterprise, the columns headed by the form's labels, for a consultancy that keeps its
// clients in Excel. Write exports data files to a master (or an empty one to fill in); Read
// turns a master — also one saved by WPS or Excel, with typed numbers or text, Excel dates or
// text dates, merged title rows above the header — back into data files, one per filled row,
// every cell through programme.Field.Parse, every problem named by row number and column label.
//
// A master holds what fits in one row: the 申报日期, the enterprise profile (finance one
// column per year and item: "2018年 主营业务收入"), and the programme's own answers that are
// not tables (an object's parts each get a column). Tables of a programme (知识产权, 研发活动…)
// are entered in the application itself.
package master

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// Where a column's value lives in a data file.
const (
	InAppliedOn  = iota // applied_on
	InEnterprise        // enterprise.<id>
	InFinance           // enterprise.finance[year=Year].<id>
	InAnswers           // answers.<id>, or answers.<id>.<Sub> for an object's part
)

// Column is one column of a master.
type Column struct {
	Label string // the header, as the form labels the field
	Field *programme.Field
	In    int
	ID    string
	Sub   string
	Year  int
}

// path is where the column's value is in a data file, as Evaluate's problems name it.
func (c Column) path(finIndex int) string {
	switch c.In {
	case InAppliedOn:
		return "applied_on"
	case InEnterprise:
		return "enterprise." + c.ID
	case InFinance:
		return "enterprise.finance[" + strconv.Itoa(finIndex) + "]." + c.ID
	}
	if c.Sub != "" {
		return c.ID + "." + c.Sub
	}
	return c.ID
}

// Columns are the master's columns for programme p with finance columns for the years given.
// Labels are unique: a label that repeats gets its field id in brackets.
func Columns(p *programme.Programme, years []int) []Column {
	on := programme.AppliedOnField()
	cols := []Column{{Label: on.Label, Field: on, In: InAppliedOn, ID: on.ID}}
	cols = append(cols, profileColumns(p, years)...)
	cols = append(cols, answerColumns(p)...)
	seen := map[string]bool{}
	for i := range cols {
		if seen[normal(cols[i].Label)] {
			cols[i].Label += "（" + cols[i].ID + "）"
		}
		seen[normal(cols[i].Label)] = true
	}
	return cols
}

// profileColumns are the enterprise profile's columns: one a field that is not a table, then
// the finance table's items (not its year) once per year.
func profileColumns(p *programme.Programme, years []int) []Column {
	var cols []Column
	var finance *programme.Field
	for _, s := range p.Profile().Sections {
		for i := range s.Fields {
			f := &s.Fields[i]
			if f.Type == programme.TypeTable {
				if f.ID == "finance" {
					finance = f
				}
				continue
			}
			cols = append(cols, Column{Label: f.Label, Field: f, In: InEnterprise, ID: f.ID})
		}
	}
	if finance == nil {
		return cols
	}
	for _, y := range years {
		for i := range finance.Columns {
			c := &finance.Columns[i]
			if c.ID == "year" {
				continue
			}
			cols = append(cols, Column{Label: strconv.Itoa(y) + "年 " + c.Label, Field: c, In: InFinance, ID: c.ID, Year: y})
		}
	}
	return cols
}

// answerColumns are the programme's own answers that fit a row: a field that is not a table,
// and each part of an object.
func answerColumns(p *programme.Programme) []Column {
	var cols []Column
	for _, s := range p.Sections {
		for i := range s.Fields {
			f := &s.Fields[i]
			switch f.Type {
			case programme.TypeTable:
			case programme.TypeObject:
				for j := range f.Columns {
					c := &f.Columns[j]
					cols = append(cols, Column{Label: f.Label + " " + c.Label, Field: c, In: InAnswers, ID: f.ID, Sub: c.ID})
				}
			default:
				cols = append(cols, Column{Label: f.Label, Field: f, In: InAnswers, ID: f.ID})
			}
		}
	}
	return cols
}

// Years are the finance years of a master: the three fiscal years before the programme's
// application year, and every year the data files give.
func Years(p *programme.Programme, files []*dossier.File) []int {
	year := p.Year
	if year == 0 && !p.Issued.IsZero() {
		year = p.Issued.Year()
	}
	set := map[int]bool{}
	if year > 0 {
		for y := year - 3; y < year; y++ {
			set[y] = true
		}
	}
	for _, f := range files {
		for _, row := range financeRows(f) {
			if y, ok := yearOf(row); ok {
				set[y] = true
			}
		}
	}
	out := make([]int, 0, len(set))
	for y := range set {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

func financeRows(f *dossier.File) []map[string]any {
	list, _ := f.Enterprise["finance"].([]any)
	var out []map[string]any
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func yearOf(row map[string]any) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(rawText(row["year"])))
	return y, err == nil && y >= dossier.MinYear && y <= dossier.MaxYear
}

// normal is a header as compared: without spaces (half or full width, new lines) and the
// required mark (*) some templates add.
func normal(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
	return strings.TrimRight(strings.TrimLeft(s, "*＊"), "*＊")
}
