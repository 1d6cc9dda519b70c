package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"reflect"
	"strings"
	"time"
)

// newCompiler prepares the compilation of one template (or of the profile, when p is nil).
func newCompiler(file string, pr *Profile, p *Programme, errs *ErrorList) *compiler {
	c := &compiler{file: file, errs: errs, opts: baseOptions(), pr: pr, p: p}
	c.env = c.sampleEnv()
	return c
}

// sampleEnv is an environment of zero values of the right types, for type-checking.
func (c *compiler) sampleEnv() map[string]any {
	env := baseEnv(c.pr, c.pr.rec.zero(), time.Time{}, 0)
	if c.p != nil {
		for _, f := range c.p.answers.fields {
			env[f.ID] = reflect.Zero(goType(f, c.p.answers.rows)).Interface()
		}
		env["labels"] = newLabels(c.p.answers.fields).value(nil)
		c.p.headerNames(env)
	}
	return env
}

// baseEnv holds what every expression can read: the enterprise, the application date, and
// fin(year) / has_year(year) over the enterprise's finance table; room is made for more
// names to come (the answers, the computed values).
func baseEnv(pr *Profile, ent reflect.Value, appliedOn time.Time, more int) map[string]any {
	finRec := pr.rec.rows["finance"]
	finRows := ent.Field(pr.rec.index["finance"])
	find := func(year int) (reflect.Value, bool) {
		for i := 0; i < finRows.Len(); i++ {
			row := finRows.Index(i)
			if finRec.get(row, "year") == year {
				return row, true
			}
		}
		return finRec.zero(), false
	}
	finType := reflect.FuncOf([]reflect.Type{reflect.TypeOf(0)}, []reflect.Type{finRec.typ}, false)
	fin := reflect.MakeFunc(finType, func(args []reflect.Value) []reflect.Value {
		row, _ := find(int(args[0].Int()))
		return []reflect.Value{row}
	})
	env := make(map[string]any, 5+more)
	env["enterprise"] = ent.Interface()
	env["applied_on"] = appliedOn
	env["applied_year"] = appliedOn.Year()
	env["fin"] = fin.Interface()
	env["has_year"] = func(year int) bool { _, ok := find(year); return ok }
	return env
}

func (c *compiler) compileProgramme(fields []*Field) {
	p := c.p
	for si := range p.Sections {
		s := &p.Sections[si]
		if s.node.ShowIf.Set() {
			p.showIf[s.ID] = c.compile(s.node.ShowIf, "分节 “"+s.ID+"” 的 show_if", nil, true)
		}
		for fi := range s.Fields {
			f := &s.Fields[fi]
			if f.node.ShowIf.Set() {
				p.showIf[f.ID] = c.compile(f.node.ShowIf, "字段 “"+f.ID+"” 的 show_if", nil, true)
			}
			if f.node.RequiredIf.Set() {
				p.requiredIf[f.ID] = c.compile(f.node.RequiredIf, "字段 “"+f.ID+"” 的 required_if", nil, true)
			}
		}
	}
	c.computed()
	joinOutputs := c.fork(func(oc *compiler) { oc.columnLibrary(); oc.outputs() })
	c.derives(fields)
	p.checks = c.checks(p.tree.Checks, "")
	c.tableChecks(fields, "")
	p.checks = append(p.checks, c.rowChecks...)
	c.rules()
	c.deadlines()
	joinOutputs()
	c.attachments()
}

// fork runs work (the outputs: about half a template's expressions) on another core while
// the rest compiles: a cold command compiles one template and has a core to spare. work gets
// a copy of the compiler with its own expr configuration, environment caches and problem
// list; it reads the sample environment, complete once the computed values are in it. join
// waits and adds work's problems where a sequential compile would have.
func (c *compiler) fork(work func(*compiler)) (join func()) {
	oc := *c
	oc.opts, oc.cfg, oc.natures, oc.ntCache, oc.errs = baseOptions(), nil, nil, nil, &ErrorList{}
	oc.rowChecks, oc.scope = nil, nil
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(&oc)
	}()
	return func() {
		<-done
		*c.errs = append(*c.errs, *oc.errs...)
	}
}

func (c *compiler) computed() {
	p := c.p
	for i := range p.tree.Computed {
		cm := &p.tree.Computed[i]
		if _, taken := c.env[cm.ID.S]; taken || !cm.ID.Set() {
			c.errs.Add(c.file, cm.ID.Pos, "计算值 id “%s” 缺失或与字段重名", cm.ID.S)
			continue
		}
		prog := c.compile(cm.Expr, "计算值 “"+cm.ID.S+"”", nil, false)
		if prog == nil {
			continue
		}
		if want, ok := computedTypes[FieldType(cm.Type.S)]; !ok {
			c.errs.Add(c.file, cm.Type.Pos, "计算值 “%s” 的类型 “%s” 未知（可用：%s）", cm.ID.S, cm.Type.S, strings.Join(syntax.SortedKeys(computedTypes), ", "))
		} else if got := prog.Node().Type(); got != nil && got.Kind() != reflect.Interface && !want(got) {
			c.errs.Add(c.file, cm.Expr.Pos, "计算值 “%s” 声明为 %s，但表达式的结果是 %s", cm.ID.S, cm.Type.S, got)
		}
		p.Computed = append(p.Computed, Computed{ID: cm.ID.S, Label: cm.Label, Type: FieldType(cm.Type.S), Expr: cm.Expr.S, prog: prog})
		// Later expressions see the computed value with the type its expression has.
		c.env[cm.ID.S] = sampleOf(prog)
	}
}

// computedTypes are the types a computed value may declare, with what its expression must give.
var computedTypes = map[FieldType]func(reflect.Type) bool{
	TypeMoney:   func(t reflect.Type) bool { return t == decType },
	TypePercent: func(t reflect.Type) bool { return t == decType },
	TypeInteger: func(t reflect.Type) bool { return t.Kind() == reflect.Int },
	TypeText:    func(t reflect.Type) bool { return t.Kind() == reflect.String },
	TypeBool:    func(t reflect.Type) bool { return t.Kind() == reflect.Bool },
	TypeDate:    func(t reflect.Type) bool { return t == timeType },
	"list":      func(t reflect.Type) bool { return t.Kind() == reflect.Slice },
}

// sampleOf is a zero value of a program's result type.
func sampleOf(prog *program) any {
	t := prog.Node().Type()
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	return reflect.Zero(t).Interface()
}

func (c *compiler) checks(list []syntax.Check, prefix string) []*Check {
	var out []*Check
	for i := range list {
		ck := &list[i]
		what := "检查 “" + ck.ID.S + "”"
		cc := newCheck(ck)
		cc.path = prefix + ck.Field.S
		if f := c.fieldAt(cc.path); f != nil {
			cc.label = f.Label
		} else if ck.Field.Set() {
			c.errs.Add(c.file, ck.Field.Pos, "%s的 field “%s” 不存在", what, ck.Field.S)
		}
		if ck.When.Set() {
			cc.when = c.compile(ck.When, what+"的 when", nil, true)
		}
		cc.assert = c.compile(ck.Assert, what+"的 assert", nil, true)
		cc.message = c.text(ck.Message, what+"的 message", nil)
		if !ck.Message.Set() {
			c.errs.Add(c.file, ck.ID.Pos, "%s缺少 message", what)
		}
		out = append(out, cc)
	}
	return out
}

// tableChecks compiles the per-row checks of table fields against the row's columns (and
// everything else an expression can see).
func (c *compiler) tableChecks(fields []*Field, prefix string) {
	rec := c.pr.rec
	if c.p != nil {
		rec = c.p.answers
	}
	for _, f := range fields {
		if f.Type != TypeTable {
			continue
		}
		row := rec.rows[f.ID]
		env := c.rowEnv(row)
		env["row_no"] = 0
		for i := range f.node.Checks {
			ck := &f.node.Checks[i]
			what := "表格 “" + f.ID + "” 的检查 “" + ck.ID.S + "”"
			cc := newCheck(ck)
			cc.table, cc.row, cc.label = prefix+f.ID, row, f.Label
			if ck.Field.Set() {
				if i, ok := row.index[ck.Field.S]; ok {
					cc.label = f.Label + " " + row.fields[i].Label
				} else {
					c.errs.Add(c.file, ck.Field.Pos, "%s的 field “%s” 不是该表格的列", what, ck.Field.S)
				}
			}
			if ck.When.Set() {
				cc.when = c.compile(ck.When, what+"的 when", env, true)
			}
			cc.assert = c.compile(ck.Assert, what+"的 assert", env, true)
			cc.message = c.text(ck.Message, what+"的 message", env)
			c.rowChecks = append(c.rowChecks, cc)
		}
	}
}

// rowEnv is the sample environment inside a table row: the row's columns over everything else.
func (c *compiler) rowEnv(row *record) map[string]any {
	base := c.base()
	env := make(map[string]any, len(base)+len(row.fields))
	for k, v := range base {
		env[k] = v
	}
	for k, v := range row.asMap(row.zero()) {
		env[k] = v
	}
	if c.p != nil {
		env["labels"] = c.p.rowLabels(row).value(nil)
	}
	return env
}

// fieldAt resolves "enterprise.x" or an answer id.
func (c *compiler) fieldAt(path string) *Field {
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		return c.pr.fields[id]
	}
	if c.p == nil {
		return nil
	}
	return subField(c.p.fields, path)
}

// fieldIn is the field path names inside a table's rows: a column of row (nil outside a
// table), else what fieldAt finds.
func (c *compiler) fieldIn(row *record, path string) *Field {
	if row != nil {
		if i, ok := row.index[path]; ok {
			return row.fields[i]
		}
	}
	return c.fieldAt(path)
}

func (c *compiler) rules() {
	p := c.p
	seen := map[string]bool{"deadline": true}
	for i := range p.tree.Rules {
		r := &p.tree.Rules[i]
		what := "规则 “" + r.ID.S + "”"
		if seen[r.ID.S] || !r.ID.Set() {
			c.errs.Add(c.file, r.ID.Pos, "规则 id “%s” 缺失或重复", r.ID.S)
		}
		seen[r.ID.S] = true
		if r.Label == "" || !r.Threshold.Set() {
			c.errs.Add(c.file, r.ID.Pos, "%s需要 label 和 threshold（通知中的条件原文）", what)
		}
		cr := Rule{ID: r.ID.S, Label: r.Label, Format: r.Format, Basis: r.Basis, Threshold: r.Threshold.S}
		if r.When.Set() {
			cr.when = c.compile(r.When, what+"的 when", nil, true)
		}
		cr.assert = c.compile(r.Assert, what+"的 assert", nil, true)
		if r.Value.Set() {
			cr.value = c.compile(r.Value, what+"的 value", nil, false)
		}
		cr.why = c.text(r.Message, what+"的 message", nil)
		cr.threshold = c.text(r.Threshold, what+"的 threshold", nil)
		p.Rules = append(p.Rules, cr)
	}
}

func (c *compiler) deadlines() {
	p := c.p
	for i := range p.tree.Deadlines {
		d := &p.tree.Deadlines[i]
		cd := Deadline{ID: d.ID.S, Label: d.Label.S, Informational: d.Informational}
		t, err := time.Parse("2006-01-02", d.Date.S)
		if err != nil {
			c.errs.Add(c.file, d.Date.Pos, "截止日期 “%s” 应为 YYYY-MM-DD", d.Date.S)
		}
		cd.Date = t
		if d.When.Set() {
			cd.when = c.compile(d.When, "截止日期 “"+d.ID.S+"” 的 when", nil, true)
		}
		p.Deadlines = append(p.Deadlines, cd)
	}
}

// newCheck is a check's model, before its expressions are compiled.
func newCheck(n *syntax.Check) *Check {
	return &Check{ID: n.ID.S, Field: given(n.Field), Warning: n.Warning, Basis: n.Basis}
}
