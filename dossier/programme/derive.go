package programme

import (
	"reflect"
	"strconv"
	"strings"
)

// A field's derive: is the value it takes by default from others (an IP's 类别 Ⅰ/Ⅱ from its
// 类型). The form fills it in when what it follows from changes; a data file is never filled
// in behind the user's back: check only says what the field could be (deriveHints).

// derive is a field's derive expression, with the labels of the fields it reads.
type derive struct {
	field *Field
	prog  *program
	from  string // 类型
}

// deriveKey is where a field's derive is kept: its id, an object's part "obj.sub", a table
// column "table[].col"; a cell's path ip[2].class has the key ip[].class.
func deriveKey(path string) string {
	i := strings.IndexByte(path, '[')
	j := strings.IndexByte(path, ']')
	if i < 0 || j < i {
		return path
	}
	return path[:i+1] + path[j:]
}

// derives compiles the derive expressions of the answers: a table column's over its row, like
// the table's checks, everything else over the answers.
func (c *compiler) derives(fields []*Field) {
	for _, f := range fields {
		var env map[string]any
		var row *record
		if f.Type == TypeTable {
			row = c.p.answers.rows[f.ID]
			env = c.rowEnv(row)
			env["row_no"] = 0
		}
		for i := range f.Columns {
			col := &f.Columns[i]
			key, what := f.ID+"."+col.ID, "字段 “"+f.ID+"” 的 “"+col.ID+"” 的 derive"
			if row != nil {
				key, what = f.ID+"[]."+col.ID, "表格 “"+f.ID+"” 的列 “"+col.ID+"” 的 derive"
			}
			c.derive(col, key, what, env, row)
		}
		c.derive(f, f.ID, "字段 “"+f.ID+"” 的 derive", nil, nil)
	}
}

func (c *compiler) derive(f *Field, key, what string, env map[string]any, row *record) {
	src := f.node.Derive
	if !src.Set() {
		return
	}
	want := f.Type
	switch want {
	case TypeTable, TypeObject:
		c.errs.Add(c.file, src.Pos, "%s：表格和对象字段不能有 derive，请写在它的列上", what)
		return
	case TypeEnum, TypeTextarea:
		want = TypeText
	case TypeMulti:
		want = "list"
	}
	prog := c.compile(src, what, env, false)
	if prog == nil {
		return
	}
	if got := prog.Node().Type(); got != nil && got.Kind() != reflect.Interface && !computedTypes[want](got) {
		c.errs.Add(c.file, src.Pos, "%s的结果应是%s字段的值，但表达式的结果是 %s（表达式：%s）", what, f.Type, got, src.S)
		return
	}
	if c.p.derive == nil {
		c.p.derive = map[string]*derive{}
	}
	c.p.derive[key] = &derive{field: f, prog: prog, from: c.sourceLabels(prog, row)}
}

// sourceLabels names, as the form labels them, the fields an expression reads.
func (c *compiler) sourceLabels(prog *program, row *record) string {
	var labels []string
	for _, ref := range prog.info.refs {
		if f := c.fieldIn(row, ref); f != nil {
			labels = append(labels, f.Label)
		}
	}
	return strings.Join(labels, "、")
}

// Derive is the value the field at path (ip[0].class, or a top-level id) takes from others
// under the evaluated answers e, as the form's input text (an option's value; a date as
// 2019-05-20), and from, the labels of the fields it follows from (类型). ok is false when the
// field has no derive:, when a field it follows from is not filled in, or when the expression
// gives nothing ("") or cannot be evaluated.
func (p *Programme) Derive(e *Evaluation, path string) (text, from string, ok bool) {
	d := p.derive[deriveKey(path)]
	if d == nil || e == nil || e.Programme != p {
		return "", "", false
	}
	text, ok = e.derive(d, path)
	return text, d.from, ok
}

func (e *Evaluation) derive(d *derive, path string) (string, bool) {
	p := e.Programme
	env := e.env
	if key := deriveKey(path); key != path {
		table := path[:strings.IndexByte(path, '[')]
		n, err := strconv.Atoi(path[len(table)+1 : strings.IndexByte(path, ']')])
		rows := reflect.ValueOf(e.env[table])
		if err != nil || !rows.IsValid() || rows.Kind() != reflect.Slice || n < 0 || n >= rows.Len() {
			return "", false
		}
		env = e.rowEnvAt(p.answers.rows[table], rows, table, n)
		env["row_no"] = n + 1
	}
	for _, ref := range e.info(d.prog).refs {
		if e.unanswered(ref, env) || e.broken[ref] != nil {
			return "", false
		}
	}
	v, err := run(d.prog, env)
	if err != nil {
		return "", false // a derive that cannot be computed only leaves the field to the user
	}
	text := InputText(v)
	return text, text != ""
}

// deriveHints adds to a derived field's 未填写 what it could be: a data file is what the user
// wrote, so check does not fill it in, but says “未填写（可由类型推出：Ⅰ类）”.
func (e *Evaluation) deriveHints() {
	p := e.Programme
	if len(p.derive) == 0 {
		return
	}
	for i := range e.Problems {
		pb := &e.Problems[i]
		d := p.derive[deriveKey(pb.Field)]
		if d == nil || pb.Warning || pb.Message != pb.Label+"：未填写" {
			continue
		}
		if v, ok := e.derive(d, pb.Field); ok {
			pb.Message += "（可由" + d.from + "推出：" + optionLabel(d.field, v) + "）"
		}
	}
}
