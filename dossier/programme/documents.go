package programme

import (
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"
	"time"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// Outputs lists the outputs that apply to this dossier (their when holds).
func (e *Evaluation) Outputs() []*Output {
	var out []*Output
	for i := range e.Programme.Outputs {
		o := &e.Programme.Outputs[i]
		if o.when != nil && !e.holds(o.when, e.env) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// holds reports whether a condition of the outputs holds; one that reads an unanswered field
// or cannot be evaluated (an ExprError) does not.
func (e *Evaluation) holds(p *program, env map[string]any) bool {
	v, st, _ := e.eval(p, env)
	return st == evalOK && v == true
}

func (e *Evaluation) text(t *Text) string { return e.render(t, e.env) }

// builder turns output specs into documents in one environment: the dossier's, or a row's
// inside a repeat block.
type builder struct {
	e   *Evaluation
	env map[string]any
}

func (b builder) text(t *Text) string { return b.e.render(t, b.env) }

// Report builds the document of a report output.
func (e *Evaluation) Report(o *Output, created time.Time) *document.Report {
	b := builder{e, e.env}
	r := &document.Report{Title: b.text(o.title), Subject: e.Programme.Title, Created: created}
	r.Author = Format(e.Programme.profile.rec.get(e.ent, "name"), "")
	if cv := o.cover; cv != nil {
		r.Cover = &document.Cover{Programme: b.text(cv.programme), Title: b.text(cv.title), Date: b.text(cv.date)}
		for i := range cv.lines {
			label, value := b.line(&cv.lines[i])
			r.Cover.Lines = append(r.Cover.Lines, document.CoverLine{Label: label, Value: value, Seal: cv.lines[i].seal})
		}
	}
	r.Blocks = b.blocks(o.blocks)
	r.Letter = b.letter(o)
	return r
}

func (b builder) blocks(specs []block) []document.Block {
	var out []document.Block
	for i := range specs {
		spec := &specs[i]
		if spec.when != nil && !b.e.holds(spec.when, b.env) {
			continue
		}
		if spec.repeat != nil {
			for _, env := range b.rows(&spec.repeat.rows) {
				out = append(out, builder{b.e, env}.blocks(spec.repeat.blocks)...)
			}
			continue
		}
		if blk := b.block(spec); blk != nil {
			out = append(out, blk)
		}
	}
	return out
}

func (b builder) block(spec *block) document.Block {
	switch {
	case spec.heading != nil:
		level := spec.level
		if level == 0 {
			level = 1
		}
		return &document.Heading{Level: level, Text: b.text(spec.heading), Centered: spec.centered, NoTOC: spec.noTOC, SamePage: spec.samePage}
	case spec.paragraph != nil:
		return &document.Paragraph{Text: b.text(spec.paragraph), NoIndent: spec.noIndent, Align: spec.align}
	case spec.keyValues != nil:
		kv := &document.KeyValues{Caption: b.text(spec.keyValues.caption), Columns: spec.keyValues.columns}
		for i := range spec.keyValues.items {
			it := &spec.keyValues.items[i]
			label, value := b.line(it)
			kv.Pairs = append(kv.Pairs, document.Pair{Label: label, Value: value, Wide: it.wide})
		}
		return kv
	case spec.table != nil:
		return b.table(spec.table)
	case spec.signature != nil:
		s := &document.Signature{Date: b.text(spec.signature.date)}
		for i := range spec.signature.lines {
			label, value := b.line(&spec.signature.lines[i])
			s.Lines = append(s.Lines, document.SignLine{Label: label, Value: value, Seal: spec.signature.lines[i].seal})
		}
		return s
	case spec.toc:
		return &document.TOC{}
	case spec.pageBreak:
		return &document.PageBreak{}
	case len(spec.annex) > 0:
		a := &document.Annex{}
		for i := range spec.annex {
			if t := strings.TrimSpace(b.text(spec.annex[i])); t != "" {
				a.Items = append(a.Items, t)
			}
		}
		return a
	}
	return nil
}

// line resolves a label/value line: from a field (its label, its formatted value with unit)
// or from texts.
func (b builder) line(l *line) (label, value string) {
	if l.field == "" {
		return b.text(l.label), b.text(l.value)
	}
	label = b.e.Programme.Field(l.field).Label
	if l.hasLabel {
		label = b.text(l.label)
	}
	return label, b.e.FieldText(l.field)
}

// rows are the environments of a table field's rows (each with row_no), filtered by where
// and sorted by sortBy.
func (b builder) rows(src *rowSource) []map[string]any {
	rows := reflect.ValueOf(b.e.tableValue(src.path))
	var envs []map[string]any
	for i := 0; rows.IsValid() && i < rows.Len(); i++ {
		env := b.e.rowEnvAt(src.rec, rows, src.path, i)
		env["row_no"] = i + 1
		if src.where != nil && !b.e.holds(src.where, env) {
			continue
		}
		envs = append(envs, env)
	}
	sortBy := src.sortBy
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
func columnsOf(specs []Column, text func(*Text) string) []document.Column {
	cols := make([]document.Column, len(specs))
	for i := range specs {
		c := &specs[i]
		kind := c.Kind
		if kind == ColumnUnset {
			kind = ColumnText
		}
		align := c.Align
		if align == AlignByKind {
			align = AlignLeft
			if kind != ColumnText && kind != ColumnDate {
				align = AlignRight
			}
		}
		w := c.Width
		if w == 0 {
			w = 1
		}
		cols[i] = document.Column{Header: text(c.header), Unit: c.Unit, Width: w, Align: string(align), Kind: string(kind)}
	}
	return cols
}

// table builds a report table over the rows of a table field.
func (b builder) table(t *table) *document.Table {
	out := &document.Table{Caption: b.text(t.caption), Columns: columnsOf(t.columns, b.text)}
	for _, env := range b.rows(&t.rows) {
		cells := make([]string, len(t.columns))
		for j := range t.columns {
			switch v, st, _ := b.e.eval(t.columns[j].value, env); st {
			case evalOK:
				cells[j] = Format(v, string(t.columns[j].Kind))
			case evalFault:
				cells[j] = "（无法计算）"
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	if len(t.total) > 0 {
		out.Total = make([]string, len(t.total))
		for i := range t.total {
			out.Total[i] = b.text(t.total[i])
		}
	}
	if t.transpose {
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
func (e *Evaluation) SheetRow(s *Sheet, rowNo int) ([]document.Cell, error) {
	env := maps.Clone(e.env) // a copy: outputs may be rendered at once from one evaluation
	env["row_no"] = rowNo
	return e.sheetCells(s, env)
}

// sheetRows are this dossier's rows of a sheet: one, or one per row of the sheet's table;
// row_no continues from first.
func (e *Evaluation) sheetRows(s *Sheet, first int) ([][]document.Cell, error) {
	if s.rows == nil {
		row, err := e.SheetRow(s, first)
		return [][]document.Cell{row}, err
	}
	var out [][]document.Cell
	for i, env := range (builder{e, e.env}).rows(s.rows) {
		env["row_no"] = first + i
		row, err := e.sheetCells(s, env)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}

func (e *Evaluation) sheetCells(s *Sheet, env map[string]any) ([]document.Cell, error) {
	cells := make([]document.Cell, len(s.Columns))
	for i := range s.Columns {
		col := &s.Columns[i]
		v, st, x := e.eval(col.value, env)
		switch st {
		case evalFault:
			return nil, fmt.Errorf("汇总表列“%s”无法计算：模板 %s：%s", col.Header, x.Where, x.Message)
		case evalOK:
			cells[i] = cellOf(v, col.Kind)
		}
	}
	return cells, nil
}

func cellOf(v any, kind ColumnKind) document.Cell {
	switch x := v.(type) {
	case nil:
		return document.Cell{}
	case decimal.D:
		if kind == ColumnPercent {
			return document.Cell{Number: x.Fixed(6)}
		}
		if kind == ColumnUnset || kind == ColumnText {
			return document.Cell{Text: Format(x, "")}
		}
		return document.Cell{Number: x.Fixed(2)}
	case int:
		if kind == ColumnUnset || kind == ColumnText {
			return document.Cell{Text: fmt.Sprint(x)}
		}
		return document.Cell{Number: fmt.Sprint(x)}
	case time.Time:
		return document.Cell{Text: Format(x, string(TypeDate))}
	}
	return document.Cell{Text: Format(v, "")}
}

// SheetRows are one dossier's rows of a summary sheet, numbered from 1, as BuildSheet makes
// them: for a caller that gathers the rows of many dossiers and has the sheet's head already.
func SheetRows(o *Output, ev *Evaluation) ([][]document.Cell, error) {
	return ev.sheetRows(o.Sheet, 1)
}

// BuildSheet builds a summary sheet from the evaluations of many dossiers of one programme, one row
// each in the given order, with the spec's total row.
func BuildSheet(o *Output, evals []*Evaluation) (*document.Sheet, error) {
	s := o.Sheet
	if len(evals) == 0 {
		return nil, fmt.Errorf("汇总表“%s”没有数据", o.File)
	}
	first := evals[0]
	sh := &document.Sheet{Name: first.text(s.name), Title: first.text(s.title), Subtitle: first.text(s.subtitle),
		Note: first.text(s.note), Columns: columnsOf(s.Columns, first.text)}
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
			switch t {
			case "sum":
				sh.Total[j] = document.Cell{Number: sums[j].Fixed(2)}
			default:
				sh.Total[j] = document.Cell{Text: t}
			}
		}
	}
	return sh, nil
}
