package programme

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// Outputs lists the outputs that apply to this dossier (their when holds).
func (e *Evaluation) Outputs() []*OutputSpec {
	var out []*OutputSpec
	for i := range e.Programme.Outputs {
		o := &e.Programme.Outputs[i]
		if o.When.Set() && !e.holds(&o.When, e.env) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// holds reports whether a condition of the outputs holds; one that reads an unanswered field
// or cannot be evaluated (an ExprError) does not.
func (e *Evaluation) holds(s *Str, env map[string]any) bool {
	v, st, _ := e.eval(e.Programme.exprs[s], env)
	return st == evalOK && v == true
}

func (e *Evaluation) text(s *Str) string { return e.render(e.Programme.texts[s], e.env) }

// builder turns output specs into documents in one environment: the dossier's, or a row's
// inside a repeat block.
type builder struct {
	e   *Evaluation
	env map[string]any
}

func (b builder) text(s *Str) string { return b.e.render(b.e.Programme.texts[s], b.env) }

// Report builds the document of a report output.
func (e *Evaluation) Report(o *OutputSpec, created time.Time) *document.Report {
	b := builder{e, e.env}
	r := &document.Report{Title: b.text(&o.Title), Subject: e.Programme.Title, Created: created}
	r.Author = Format(e.Programme.profile.rec.get(e.ent, "name"), "")
	if cv := o.Cover; cv != nil {
		r.Cover = &document.Cover{Programme: b.text(&cv.Programme), Title: b.text(&cv.Title), Date: b.text(&cv.Date)}
		for i := range cv.Lines {
			label, value := b.line(&cv.Lines[i])
			r.Cover.Lines = append(r.Cover.Lines, document.CoverLine{Label: label, Value: value, Seal: cv.Lines[i].Seal})
		}
	}
	r.Blocks = b.blocks(o.Blocks)
	r.Letter = b.letter(o)
	return r
}

func (b builder) blocks(specs []BlockSpec) []document.Block {
	var out []document.Block
	for i := range specs {
		spec := &specs[i]
		if spec.When.Set() && !b.e.holds(&spec.When, b.env) {
			continue
		}
		if spec.Repeat != nil {
			for _, env := range b.rows(&spec.Repeat.Rows, &spec.Repeat.Where, spec.Repeat.SortBy) {
				out = append(out, builder{b.e, env}.blocks(spec.Repeat.Blocks)...)
			}
			continue
		}
		if blk := b.block(spec); blk != nil {
			out = append(out, blk)
		}
	}
	return out
}

func (b builder) block(spec *BlockSpec) document.Block {
	switch {
	case spec.Heading.Set():
		level := spec.Level
		if level == 0 {
			level = 1
		}
		return &document.Heading{Level: level, Text: b.text(&spec.Heading), Centered: spec.Centered, NoTOC: spec.NoTOC, SamePage: spec.SamePage}
	case spec.Paragraph.Set():
		return &document.Paragraph{Text: b.text(&spec.Paragraph), NoIndent: spec.NoIndent, Align: spec.Align}
	case spec.KeyValues != nil:
		kv := &document.KeyValues{Caption: b.text(&spec.KeyValues.Caption), Columns: spec.KeyValues.Columns}
		for i := range spec.KeyValues.Items {
			it := &spec.KeyValues.Items[i]
			label, value := b.line(it)
			kv.Pairs = append(kv.Pairs, document.Pair{Label: label, Value: value, Wide: it.Wide})
		}
		return kv
	case spec.Table != nil:
		return b.table(spec.Table)
	case spec.Signature != nil:
		s := &document.Signature{Date: b.text(&spec.Signature.Date)}
		for i := range spec.Signature.Lines {
			label, value := b.line(&spec.Signature.Lines[i])
			s.Lines = append(s.Lines, document.SignLine{Label: label, Value: value, Seal: spec.Signature.Lines[i].Seal})
		}
		return s
	case spec.TOC:
		return &document.TOC{}
	case spec.PageBreak:
		return &document.PageBreak{}
	case len(spec.Annex) > 0:
		a := &document.Annex{}
		for i := range spec.Annex {
			if t := strings.TrimSpace(b.text(&spec.Annex[i])); t != "" {
				a.Items = append(a.Items, t)
			}
		}
		return a
	}
	return nil
}

// line resolves a label/value line: from a field (its label, its formatted value with unit)
// or from texts.
func (b builder) line(l *LineSpec) (label, value string) {
	if !l.Field.Set() {
		return b.text(&l.Label), b.text(&l.Value)
	}
	label = b.e.Programme.Field(l.Field.S).Label
	if l.Label.Set() {
		label = b.text(&l.Label)
	}
	return label, b.e.FieldText(l.Field.S)
}

// rows are the environments of a table field's rows (each with row_no), filtered by where
// and sorted by sortBy.
func (b builder) rows(rowsPath, where *Str, sortBy string) []map[string]any {
	p := b.e.Programme
	row := p.rowOf[rowsPath]
	rows := reflect.ValueOf(b.e.tableValue(rowsPath.S))
	var envs []map[string]any
	for i := 0; rows.IsValid() && i < rows.Len(); i++ {
		env := b.e.rowEnvAt(row, rows, rowsPath.S, i)
		env["row_no"] = i + 1
		if where.Set() && !b.e.holds(where, env) {
			continue
		}
		envs = append(envs, env)
	}
	if sortBy != "" {
		sort.SliceStable(envs, func(i, j int) bool { return less(envs[i][sortBy], envs[j][sortBy]) })
	}
	for i, env := range envs {
		env["row_no"] = i + 1 // numbered as printed
	}
	return envs
}

// FieldText is a field's value as a form prints it: options by their label, amounts with
// their unit, dates as 2019年5月20日.
func (e *Evaluation) FieldText(path string) string {
	f := e.Programme.Field(path)
	if f == nil || !e.present[path] {
		return ""
	}
	v := e.value(path)
	switch f.Type {
	case TypeEnum:
		return optionLabel(f, v.(string))
	case TypeMoney:
		return Format(v, "money") + " " + f.Unit()
	case TypeInteger:
		if u := f.Unit(); u != "" {
			return Format(v, "") + " " + u
		}
	}
	return Format(v, string(f.Type))
}

func (e *Evaluation) value(path string) any {
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		return e.Programme.profile.rec.get(e.ent, id)
	}
	head, sub, nested := strings.Cut(path, ".")
	if !nested {
		return e.env[path]
	}
	rec := e.Programme.answers.rows[head]
	if rec == nil {
		return nil
	}
	return rec.get(reflect.ValueOf(e.env[head]), sub)
}

// columnsOf makes the columns of a table or sheet; text fills the headers.
func columnsOf(specs []ColumnSpec, text func(*Str) string) []document.Column {
	cols := make([]document.Column, len(specs))
	for i := range specs {
		c := &specs[i]
		kind := c.Kind.S
		if kind == "" {
			kind = "text"
		}
		align := c.Align
		if align == "" {
			align = "left"
			if kind != "text" && kind != "date" {
				align = "right"
			}
		}
		w := c.Width
		if w == 0 {
			w = 1
		}
		cols[i] = document.Column{Header: text(&c.Header), Unit: c.Unit, Width: w, Align: align, Kind: kind}
	}
	return cols
}

// table builds a report table over the rows of a table field.
func (b builder) table(t *TableSpec) *document.Table {
	p := b.e.Programme
	out := &document.Table{Caption: b.text(&t.Caption), Columns: columnsOf(t.Columns, b.text)}
	for _, env := range b.rows(&t.Rows, &t.Where, t.SortBy) {
		cells := make([]string, len(t.Columns))
		for j := range t.Columns {
			switch v, st, _ := b.e.eval(p.exprs[&t.Columns[j].Value], env); st {
			case evalOK:
				cells[j] = Format(v, t.Columns[j].Kind.S)
			case evalFault:
				cells[j] = "（无法计算）"
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	if len(t.Total) > 0 {
		out.Total = make([]string, len(t.Total))
		for i := range t.Total {
			out.Total[i] = b.text(&t.Total[i])
		}
	}
	if t.Transpose {
		return transposed(t, out, b.text)
	}
	return out
}

func less(a, b any) bool {
	switch x := a.(type) {
	case int:
		return x < b.(int)
	case string:
		return x < b.(string)
	case decimal.D:
		return x.Cmp(b.(decimal.D)) < 0
	case time.Time:
		return x.Before(b.(time.Time))
	}
	return false
}

// SheetRow is this dossier's row of a summary sheet; rowNo is its 序号.
func (e *Evaluation) SheetRow(s *SheetSpec, rowNo int) ([]document.Cell, error) {
	env := make(map[string]any, len(e.env)+1)
	for k, v := range e.env {
		env[k] = v
	}
	env["row_no"] = rowNo
	return e.sheetCells(s, env)
}

// sheetRows are this dossier's rows of a sheet: one, or one per row of the sheet's table;
// row_no continues from first.
func (e *Evaluation) sheetRows(s *SheetSpec, first int) ([][]document.Cell, error) {
	if !s.Rows.Set() {
		row, err := e.SheetRow(s, first)
		return [][]document.Cell{row}, err
	}
	var out [][]document.Cell
	for i, env := range (builder{e, e.env}).rows(&s.Rows, &s.Where, "") {
		env["row_no"] = first + i
		row, err := e.sheetCells(s, env)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}

func (e *Evaluation) sheetCells(s *SheetSpec, env map[string]any) ([]document.Cell, error) {
	cells := make([]document.Cell, len(s.Columns))
	for i := range s.Columns {
		col := &s.Columns[i]
		v, st, x := e.eval(e.Programme.exprs[&col.Value], env)
		switch st {
		case evalFault:
			return nil, fmt.Errorf("汇总表列“%s”无法计算：模板 %s：%s", col.Header.S, x.Where, x.Message)
		case evalOK:
			cells[i] = cellOf(v, col.Kind.S)
		}
	}
	return cells, nil
}

func cellOf(v any, kind string) document.Cell {
	switch x := v.(type) {
	case nil:
		return document.Cell{}
	case decimal.D:
		if kind == "percent" {
			return document.Cell{Number: x.Fixed(6)}
		}
		if kind == "" || kind == "text" {
			return document.Cell{Text: Format(x, "")}
		}
		return document.Cell{Number: x.Fixed(2)}
	case int:
		if kind == "" || kind == "text" {
			return document.Cell{Text: fmt.Sprint(x)}
		}
		return document.Cell{Number: fmt.Sprint(x)}
	case time.Time:
		return document.Cell{Text: Format(x, string(TypeDate))}
	}
	return document.Cell{Text: Format(v, "")}
}

// Sheet builds a summary sheet from the evaluations of many dossiers of one programme, one row
// each in the given order, with the spec's total row.
func Sheet(o *OutputSpec, evals []*Evaluation) (*document.Sheet, error) {
	s := o.Sheet
	if len(evals) == 0 {
		return nil, fmt.Errorf("汇总表“%s”没有数据", o.File.S)
	}
	first := evals[0]
	sh := &document.Sheet{Name: first.text(&s.Name), Title: first.text(&s.Title), Subtitle: first.text(&s.Subtitle),
		Note: first.text(&s.Note), Columns: columnsOf(s.Columns, first.text)}
	sums := make([]decimal.D, len(s.Columns))
	for _, ev := range evals {
		rows, err := ev.sheetRows(s, len(sh.Rows)+1)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			for j, c := range row {
				if c.Number != "" {
					d, _ := decimal.Parse(c.Number)
					sums[j] = sums[j].Add(d)
				}
			}
			sh.Rows = append(sh.Rows, row)
		}
	}
	if len(s.Total) > 0 {
		sh.Total = make([]document.Cell, len(s.Columns))
		for j, t := range s.Total {
			switch t.S {
			case "sum":
				sh.Total[j] = document.Cell{Number: sums[j].Fixed(2)}
			default:
				sh.Total[j] = document.Cell{Text: t.S}
			}
		}
	}
	return sh, nil
}
