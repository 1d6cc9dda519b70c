package programme

import (
	"reflect"
	"strings"

	"dossier/dossier/programme/internal/syntax"
)

// Named columns and lines (templates/README.md "共用的列和行"): a template's top-level
// columns, and profile.yaml's columns for every template, are sheet and table columns written
// once, with an id; profile.yaml's lines are cover, signature and keyvalues lines many forms
// have alike (法定代表人（签字）). An output's column or line written {use: id} is that
// definition, with the keys written beside use over its own (as a {use: x} field takes
// profile.yaml's shared field). A child inherits its parent's named columns and replaces one
// by id, like any list that merges by id; a template's named column of the same id as
// profile.yaml's is the one its outputs take.

// columnLibrary checks the template's named columns and indexes them for useColumn: each has
// an id of its own and no use; one that no output uses is compiled over the programme's
// values (a summary sheet's environment), so that its mistakes are reported all the same.
func (c *compiler) columnLibrary() {
	p := c.p
	c.columnLib = map[string]*syntax.Column{}
	used := usedColumns(p.tree.Outputs)
	for i := range p.tree.Columns {
		col := &p.tree.Columns[i]
		if !c.namedColumn(col) {
			continue
		}
		p.columnIDs = append(p.columnIDs, col.ID.S)
		if !used[col.ID.S] {
			c.probeColumn(col)
		}
	}
	for id, col := range c.pr.columns {
		if c.columnLib[id] == nil {
			c.columnLib[id] = col
		}
	}
}

// sharedColumns checks profile.yaml's columns (compiled over the enterprise and the
// application date, with row_no) and indexes them by id; their places are profile.yaml's.
func (c *compiler) sharedColumns(cols []syntax.Column) map[string]*syntax.Column {
	c.columnLib = map[string]*syntax.Column{}
	for i := range cols {
		col := &cols[i]
		inFile(c.file, &col.ID, &col.Use, &col.Field, &col.Header, &col.Kind, &col.Value)
		if c.namedColumn(col) {
			c.probeColumn(col)
		}
	}
	return c.columnLib
}

// sharedLines checks profile.yaml's lines (their texts see the enterprise and the
// application date) and indexes them by id; their places are profile.yaml's.
func (c *compiler) sharedLines(lines []syntax.Line) map[string]*syntax.Line {
	lib := map[string]*syntax.Line{}
	for i := range lines {
		l := &lines[i]
		inFile(c.file, &l.ID, &l.Use, &l.Field, &l.Label, &l.Value)
		switch {
		case !l.ID.Set():
			c.errs.Add(c.file, firstSet(l.Use, l.Field, l.Label, l.Value), "共用的行（lines）每一行都要有 id，输出里用 {use: id} 取用")
			continue
		case lib[l.ID.S] != nil:
			c.errs.Add(c.file, l.ID.Pos, "共用的行 id “%s” 重复：第 %d 行已经写过", l.ID.S, lib[l.ID.S].ID.Pos.Line)
			continue
		case l.Use.Set():
			c.errs.Add(c.file, l.Use.Pos, "共用的行 “%s” 不能再写 use：共用的行不能取用另一行", l.ID.S)
		}
		lib[l.ID.S] = l
		probe := *l
		probe.ID, probe.Use = Str{}, Str{}
		c.lines([]syntax.Line{probe}, "共用的行 “"+l.ID.S+"”", false)
	}
	return lib
}

// namedColumn checks one named column (an id of its own, no use) and indexes it.
func (c *compiler) namedColumn(col *syntax.Column) bool {
	switch {
	case !col.ID.Set():
		c.errs.Add(c.file, firstSet(col.Use, col.Field, col.Header, col.Kind, col.Value), "共用的列（顶层 columns）每一列都要有 id，输出里用 {use: id} 取用")
		return false
	case c.columnLib[col.ID.S] != nil:
		c.errs.Add(c.file, col.ID.Pos, "共用的列 id “%s” 重复：第 %d 行已经写过", col.ID.S, c.columnLib[col.ID.S].ID.Pos.Line)
		return false
	case col.Use.Set():
		c.errs.Add(c.file, col.Use.Pos, "共用的列 “%s” 不能再写 use：共用的列不能取用另一列", col.ID.S)
	}
	c.columnLib[col.ID.S] = col
	return true
}

// probeColumn compiles a copy of a named column over a summary sheet's environment, for its
// problems.
func (c *compiler) probeColumn(col *syntax.Column) {
	if col.Use.Set() {
		return // reported by namedColumn
	}
	probe := *col
	probe.ID, probe.Use = Str{}, Str{}
	c.columns([]syntax.Column{probe}, nil, "共用的列 “"+col.ID.S+"”", c.sheetEnv())
}

// usedColumns are the named columns the outputs' sheets and tables take with use.
func usedColumns(outputs []syntax.Output) map[string]bool {
	used := map[string]bool{}
	mark := func(cols []syntax.Column) {
		for _, col := range cols {
			used[col.Use.S] = true
		}
	}
	var blocks func([]syntax.Block)
	blocks = func(bs []syntax.Block) {
		for _, b := range bs {
			if b.Table != nil {
				mark(b.Table.Columns)
			}
			if b.Repeat != nil {
				blocks(b.Repeat.Blocks)
			}
		}
	}
	for _, o := range outputs {
		if o.Sheet != nil {
			mark(o.Sheet.Columns)
		}
		blocks(o.Blocks)
	}
	return used
}

// useColumn fills a {use: id} column from the named column id: the keys the column leaves
// out are the named column's. An output's column cannot have an id of its own. It reports
// false when the named column does not exist (the column is not compiled further).
func (c *compiler) useColumn(col *syntax.Column, what string) bool {
	if col.ID.Set() {
		c.errs.Add(c.file, col.ID.Pos, "%s的列不能写 id：id 只用于顶层 columns（共用的列），输出里的列用 {use: id} 取用", what)
		col.ID = Str{}
	}
	if !col.Use.Set() || col.FromField {
		return true
	}
	lib := c.columnLib[col.Use.S]
	if lib == nil {
		c.errs.Add(c.file, col.Use.Pos, "%s的列 use “%s” 不是共用的列%s", what, col.Use.S, choices(col.Use.S, c.columnLib))
		return false
	}
	fillFrom(col, *lib)
	col.ID = Str{}
	return true
}

// useLine fills a {use: id} line from profile.yaml's shared line id: the keys the line leaves
// out are the shared line's (its own id, if any, stays).
func (c *compiler) useLine(l *syntax.Line, what string) {
	lib := c.pr.lines[l.Use.S]
	if lib == nil {
		c.errs.Add(c.file, l.Use.Pos, "%s的行 use “%s” 不是共用的行%s", what, l.Use.S, choices(l.Use.S, c.pr.lines))
		l.Value = Str{S: "", Pos: l.Use.Pos}
		return
	}
	id := l.ID
	fillFrom(l, *lib)
	l.ID = id
}

// fillFrom sets every exported field of *dst that is zero to that field of from (a struct of
// the same type).
func fillFrom[T any](dst *T, from T) {
	own := reflect.ValueOf(dst).Elem()
	lib := reflect.ValueOf(from)
	for i := 0; i < own.NumField(); i++ {
		if own.Type().Field(i).IsExported() && own.Field(i).IsZero() {
			own.Field(i).Set(lib.Field(i))
		}
	}
}

// choices is a hint for a use of name that names nothing: the likely misspelling, and the
// ids a use may take.
func choices[T any](name string, lib map[string]*T) string {
	if len(lib) == 0 {
		return "（没有可取用的定义）"
	}
	ids := syntax.SortedKeys(lib)
	return syntax.DidYouMean(name, ids) + "（可用：" + strings.Join(ids, "、") + "）"
}

// ColumnIDs are the ids of the template's named columns (top-level columns), in order.
func (p *Programme) ColumnIDs() []string { return append([]string(nil), p.columnIDs...) }

// inFile marks the places of a definition read from file (profile.yaml) as that file's.
func inFile(file string, strs ...*Str) {
	for _, s := range strs {
		if s.Pos.Line > 0 && s.Pos.File == "" {
			s.Pos.File = file
		}
	}
}

// firstSet is the place of the first of strs that was written.
func firstSet(strs ...Str) Pos {
	for _, s := range strs {
		if s.Pos.Line > 0 {
			return s.Pos
		}
	}
	return Pos{}
}

// sheetEnv is the environment a summary sheet's columns are compiled in: the programme's
// values and row_no.
func (c *compiler) sheetEnv() map[string]any {
	env := make(map[string]any, len(c.env)+1)
	for k, v := range c.env {
		env[k] = v
	}
	env["row_no"] = 0
	return env
}
