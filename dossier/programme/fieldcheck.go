package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/validate"
	"fmt"
	"reflect"
	"strings"
)

// checkFields applies each visible field's own constraints: required, ranges, validators,
// 字数, options, rows.
func (e *Evaluation) checkFields(pr *Profile, p *Programme) {
	if e.File.FormatAssumed {
		e.Problems = append(e.Problems, Problem{Field: "format", Label: "格式版本", Warning: true,
			Message: fmt.Sprintf("格式版本：文件没有写 \"format\"，已按第 %d 版读取（请在文件开头的 { 之后加上 \"format\": %d,）", dossier.FormatVersion, dossier.FormatVersion)})
	}
	names := p.recordNames(pr.rec, "enterprise", "")
	for _, s := range pr.Sections {
		for i := range s.Fields {
			f := &s.Fields[i]
			var path string
			if k, ok := pr.rec.index[f.ID]; ok {
				path = names.paths[k] // "enterprise." + f.ID, made once
			} else {
				path = "enterprise." + f.ID
			}
			e.checkValue(f, path, f.Label, pr.rec)
		}
	}
	for _, s := range p.Sections {
		secShown := e.shown(p, s.ID)
		for i := range s.Fields {
			f := &s.Fields[i]
			shown := secShown && e.shown(p, f.ID)
			e.visible[f.ID] = shown
			if shown {
				e.checkValue(f, f.ID, f.Label, p.answers)
			}
		}
		e.visible[s.ID] = secShown
	}
}

func (e *Evaluation) shown(p *Programme, id string) bool {
	prog, ok := p.showIf[id]
	if !ok {
		return true
	}
	v, ok := e.exec(prog, e.env)
	return !ok || v == true // fail closed: a show_if that cannot be evaluated shows (and checks) the field
}

// checkValue checks one field. For enterprise fields the value lives in the enterprise record;
// for answers, in the environment.
func (e *Evaluation) checkValue(f *Field, path, label string, rec *record) {
	var v any
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		if k, ok := rec.index[id]; ok && rec == e.Programme.profile.rec {
			v = e.entBoxes.at(e.ent, k)
		} else {
			v = rec.get(e.ent, id)
		}
	} else {
		v = e.env[f.ID]
		if prog := e.Programme.requiredIf[f.ID]; prog != nil && !f.Required {
			if ok, done := e.exec(prog, e.env); !done || ok == true { // fail closed: required
				required := *f
				required.Required = true
				f = &required
			}
		}
	}
	e.checkOne(f, v, path, label, rec)
}

func (e *Evaluation) checkOne(f *Field, v any, path, label string, rec *record) {
	if !e.present[path] {
		e.checkMissing(f, path, label)
		return
	}
	switch x := v.(type) {
	case string:
		e.checkText(f, x, path, label)
	case decimal.D:
		e.checkNumber(f, x, path, label)
	case int:
		e.checkNumber(f, decimal.Int(int64(x)), path, label)
	case []string:
		for _, s := range x {
			if len(f.Options) > 0 && !hasOption(f, s) {
				e.problem(path, label, "“%s”不是可选项（可选：%s）", validate.Quote(s), optionList(f))
			}
		}
		if f.Required && len(x) == 0 {
			e.problem(path, label, "未填写")
		}
	}
	switch f.Type {
	case TypeTable:
		e.checkRows(f, reflect.ValueOf(v), path, label, rec.rows[f.ID])
	case TypeObject:
		sub := rec.rows[f.ID]
		obj := reflect.ValueOf(v)
		for _, col := range sub.fields {
			e.checkOne(col, sub.get(obj, col.ID), path+"."+col.ID, label+" "+col.Label, sub)
		}
	}
}

// checkMissing reports a required field that is not given (or a table short of rows).
func (e *Evaluation) checkMissing(f *Field, path, label string) {
	switch {
	case e.hasProblem(path):
		// given but unreadable: that message says it, not a second 未填写
	case f.Required:
		e.problem(path, label, "未填写")
	case f.Type == TypeTable && f.MinRows > 0:
		e.problem(path, label, "至少需要 %d 行", f.MinRows)
	}
}

func (e *Evaluation) checkText(f *Field, s, path, label string) {
	if strings.TrimSpace(s) == "" {
		if f.Required {
			e.problem(path, label, "未填写")
		}
		return
	}
	if limit := maxChars(f); limit > 0 && len(s) > limit { // never more characters than bytes
		if n := validate.CharCount(s); n > limit {
			e.problem(path, label, "字数超过限制（%d/%d字），请删减 %d 字", n, limit, n-limit)
			return // validators and options would only quote the whole text back
		}
	}
	if fn := validate.Named[f.Validate]; fn != nil {
		if msg := fn(strings.TrimSpace(s)); msg != "" {
			e.problem(path, label, "%s", msg)
		} else if f.Validate == "credit_code" {
			if w := validate.CreditCodeOrgCheck(strings.TrimSpace(s)); w != "" {
				e.Problems = append(e.Problems, Problem{Field: path, Label: label, Warning: true, Message: label + "：" + w})
			}
		}
	}
	if f.Type == TypeEnum && !hasOption(f, s) {
		e.problem(path, label, "“%s”不是可选项（可选：%s）", validate.Quote(s), optionList(f))
	}
}

// maxChars is a text field's 字数 limit: the template's max_chars, else what a form's box holds
// (DefaultTextChars, DefaultTextareaChars), so that no answer is unbounded.
func maxChars(f *Field) int {
	switch {
	case f.MaxChars > 0:
		return f.MaxChars
	case f.Type == TypeTextarea:
		return DefaultTextareaChars
	case f.Type == TypeText:
		return DefaultTextChars
	}
	return 0
}

// maxRows is a table's row limit: the template's max_rows, else DefaultMaxRows.
func maxRows(f *Field) int {
	if f.MaxRows > 0 {
		return f.MaxRows
	}
	return DefaultMaxRows
}

// hasProblem reports whether a problem was already noted for path (an unreadable value).
func (e *Evaluation) hasProblem(path string) bool {
	for i := range e.Problems {
		if e.Problems[i].Field == path && !e.Problems[i].Warning {
			return true
		}
	}
	return false
}

func (e *Evaluation) checkNumber(f *Field, d decimal.D, path, label string) {
	unit := f.Unit()
	if f.min != nil && d.Cmp(*f.min) < 0 {
		e.problem(path, label, "应不小于 %s%s（现为 %s）", *f.min, unit, d)
	}
	if f.max != nil && d.Cmp(*f.max) > 0 {
		e.problem(path, label, "应不大于 %s%s（现为 %s）", *f.max, unit, d)
	}
	places := -1
	if f.decimals != nil {
		places = *f.decimals
	} else if f.Type == TypeMoney {
		places = 2
	}
	if places >= 0 && (d.Scale() < 0 || d.Scale() > places) {
		e.problem(path, label, "最多保留 %d 位小数（现为 %s）", places, d)
	}
}

func hasOption(f *Field, v string) bool {
	for _, o := range f.Options {
		if o.Value == v {
			return true
		}
	}
	return len(f.Options) == 0
}

func optionList(f *Field) string {
	var names []string
	for _, o := range f.Options {
		names = append(names, o.Value)
	}
	return strings.Join(names, "、")
}

// checkRows checks a table's row count, its columns, unique keys and references.
func (e *Evaluation) checkRows(f *Field, rows reflect.Value, path, label string, row *record) {
	n := rows.Len()
	if f.MinRows > 0 && n < f.MinRows {
		e.problem(path, label, "至少需要 %d 行（现有 %d 行）", f.MinRows, n)
	}
	if limit := maxRows(f); n > limit {
		e.problem(path, label, "最多 %d 行（现有 %d 行）", limit, n)
		return // checking every cell of an over-long table would only repeat problems
	}
	seen := map[string]int{}
	b := e.rowBoxes(path, rows)
	for i := 0; i < n; i++ {
		r := rows.Index(i)
		names := e.Programme.rowNames(row, path, label, i)
		rowPath := names.path
		for k, col := range row.fields {
			cp, cl := names.paths[k], names.labels[k]
			v := b.row(i).at(r, k) // the column's value, as row.get reads it
			e.checkOne(col, v, cp, cl, row)
			if col.Ref != "" && e.present[cp] {
				e.checkRef(col, v, cp, cl)
			}
		}
		if f.Unique != "" && e.present[rowPath+"."+f.Unique] {
			key := Format(row.get(r, f.Unique), "plain")
			if first, dup := seen[key]; dup {
				col := row.fields[row.index[f.Unique]]
				e.problem(rowPath+"."+f.Unique, label, "第%d行的%s“%s”与第%d行重复，每个%s只能填一行", i+1, col.Label, key, first+1, col.Label)
			} else {
				seen[key] = i
			}
		}
	}
}

// checkRef checks that a column's value names existing rows of the numbered table it refers
// to (an RD's 知识产权编号 must be an IP of the IP table).
func (e *Evaluation) checkRef(col *Field, v any, path, label string) {
	target := reflect.ValueOf(e.env[col.Ref])
	rec := e.Programme.answers.rows[col.Ref]
	have := map[string]bool{}
	for i := 0; target.IsValid() && i < target.Len(); i++ {
		have[rec.get(target.Index(i), "no").(string)] = true
	}
	var refs []string
	switch x := v.(type) {
	case string:
		refs = splitRefs(x)
	case []string:
		refs = x
	}
	for _, r := range refs {
		if !have[r] {
			e.problem(path, label, "引用的编号“%s”不存在（现有：%s）", r, strings.Join(syntax.SortedKeys(have), "、"))
		}
	}
}

func splitRefs(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' || r == ';' })
	return f
}
