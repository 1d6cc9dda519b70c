package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"path/filepath"
	"strings"
	"unicode/utf8"
)

// outputs compiles every text and expression of the outputs into the programme's Outputs, so
// that rendering cannot meet a broken template.
func (c *compiler) outputs() {
	p := c.p
	seen := map[string]bool{}
	for i := range p.tree.Outputs {
		o := &p.tree.Outputs[i]
		what := "输出 “" + o.ID.S + "”"
		if !o.ID.Set() || seen[o.ID.S] {
			c.errs.Add(c.file, o.ID.Pos, "输出 id “%s” 缺失或重复", o.ID.S)
		}
		seen[o.ID.S] = true
		if literal := textLiterals(o.File.S); !o.File.Set() || strings.ContainsAny(literal, `/\:*?"<>|`) {
			c.errs.Add(c.file, o.File.Pos, "%s的 file “%s” 应为不含路径符号的文件名", what, o.File.S)
		}
		out := Output{ID: o.ID.S, Kind: OutputKind(o.Kind.S), File: o.File.S, Style: Style(o.Style), Print: newPrint(o.Print), Attachments: o.Attachments}
		out.file = c.text(o.File, what+"的 file", nil)
		out.when = c.when(o.When, what+"的 when", nil)
		out.title = c.text(o.Title, what+"的 title", nil)
		if o.Print != nil && o.Print.Copies < 1 {
			c.errs.Add(c.file, o.ID.Pos, "%s的 print.copies 应至少为 1", what)
		}
		if msg := printProblem(o.Print); msg != "" {
			c.errs.Add(c.file, o.ID.Pos, "%s的%s", what, msg)
		}
		switch out.Kind {
		case KindReport:
			if !strings.HasSuffix(textLiterals(o.File.S), ".pdf") {
				c.errs.Add(c.file, o.File.Pos, "%s是报告，文件名应以 .pdf 结尾", what)
			}
			c.reportShape(o, what)
			c.report(o, &out, what)
		case KindSheet:
			if !strings.HasSuffix(textLiterals(o.File.S), ".xlsx") {
				c.errs.Add(c.file, o.File.Pos, "%s是汇总表，文件名应以 .xlsx 结尾", what)
			}
			if o.Sheet == nil {
				c.errs.Add(c.file, o.Kind.Pos, "%s缺少 sheet", what)
				continue
			}
			c.sheetShape(o, what)
			out.Sheet = c.sheet(o.Sheet, what)
		default:
			c.errs.Add(c.file, o.Kind.Pos, "%s的 kind “%s” 未知（可用：report, sheet）", what, o.Kind.S)
		}
		p.Outputs = append(p.Outputs, out)
	}
}

// when compiles an optional condition: nil when none is written.
func (c *compiler) when(s Str, what string, env map[string]any) *program {
	if !s.Set() {
		return nil
	}
	return c.compile(s, what, env, true)
}

// lines compiles the lines of a cover, a signature or (items true) a keyvalues block, whose
// lines alone may have ids (a child's block written with merge: true merges its items by id).
func (c *compiler) lines(lines []syntax.Line, what string, items bool) []line {
	out := make([]line, len(lines))
	ids := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		switch {
		case l.ID.Set() && !items:
			c.errs.Add(c.file, l.ID.Pos, "%s的行不能写 id：只有 keyvalues 的 items 按 id 合并", what)
		case l.ID.Set() && ids[l.ID.S]:
			c.errs.Add(c.file, l.ID.Pos, "%s的 items 中 id “%s” 重复", what, l.ID.S)
		}
		ids[l.ID.S] = true
		if l.Use.Set() {
			c.useLine(l, what)
		}
		out[i] = line{id: l.ID.S, field: given(l.Field), hasLabel: l.Label.Set(), seal: l.Seal, wide: l.Wide}
		out[i].label = c.text(l.Label, what+"的 label", c.scope)
		if l.Field.Set() {
			if c.fieldAt(l.Field.S) == nil {
				c.errs.Add(c.file, l.Field.Pos, "%s引用的字段 “%s” 不存在", what, l.Field.S)
			}
			if l.Value.Set() {
				c.errs.Add(c.file, l.Value.Pos, "%s的一行不能同时有 field 和 value", what)
			}
			continue
		}
		out[i].value = c.text(l.Value, what+"的 value", c.scope)
	}
	return out
}

func (c *compiler) report(o *syntax.Output, out *Output, what string) {
	if cv := o.Cover; cv != nil {
		out.cover = &cover{programme: c.text(cv.Programme, what+"封面", nil), title: c.text(cv.Title, what+"封面", nil),
			date: c.text(cv.Date, what+"封面日期", nil), lines: c.lines(cv.Lines, what+"封面", false)}
	}
	out.blocks = c.blocks(o.Blocks, what)
	out.letter = c.letter(o, what)
	c.attachmentIndex(o, what)
	out.AttachmentIndex = given(o.AttachmentIndex)
}

// attachmentIndex checks an output's attachment_index: a one-line title, on the report the
// attachments are bound after.
func (c *compiler) attachmentIndex(o *syntax.Output, what string) {
	t := o.AttachmentIndex
	switch {
	case !t.Set():
	case !o.Attachments:
		c.errs.Add(c.file, t.Pos, "%s的 attachment_index 需要同一输出写 attachments: true（索引页装订在这份报告的附件之前）", what)
	case strings.ContainsAny(t.S, "\n{}") || utf8.RuneCountInString(t.S) > 20:
		c.errs.Add(c.file, t.Pos, "%s的 attachment_index “%s” 应为一行标题，最多 20 个字（如 证明材料索引）", what, t.S)
	}
}

func (c *compiler) blocks(blocks []syntax.Block, what string) []block {
	out := make([]block, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		out[i] = c.block(b, what)
	}
	return out
}

func (c *compiler) block(b *syntax.Block, what string) block {
	kinds := 0
	for _, set := range []bool{b.Heading.Set(), b.Paragraph.Set(), b.KeyValues != nil, b.Table != nil, b.Signature != nil, b.TOC, b.PageBreak, b.Repeat != nil, len(b.Annex) > 0} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		c.errs.Add(c.file, firstPos(b), "%s的每个块只能是 heading、paragraph、keyvalues、table、signature、toc、pagebreak、repeat、annex 之一", what)
	}
	out := block{id: b.ID.S, when: c.when(b.When, what+"的 when", c.scope), level: b.Level, samePage: b.SamePage, centered: b.Centered,
		noTOC: b.NoTOC, align: b.Align, noIndent: b.NoIndent, toc: b.TOC, pageBreak: b.PageBreak}
	if b.Heading.Set() {
		out.heading = c.text(b.Heading, what+"的 heading", c.scope)
	}
	if b.Paragraph.Set() {
		out.paragraph = c.text(b.Paragraph, what+"的 paragraph", c.scope)
	}
	if kv := b.KeyValues; kv != nil {
		if kv.Columns != 2 && kv.Columns != 4 {
			c.errs.Add(c.file, kv.Caption.Pos, "%s的 keyvalues.columns 应为 2 或 4", what)
		}
		out.keyValues = &keyValues{caption: c.text(kv.Caption, what+"的表格标题", c.scope), columns: kv.Columns,
			items: c.lines(kv.Items, what+"的 keyvalues", true)}
	}
	if t := b.Table; t != nil {
		out.table = c.table(t, what)
	}
	if sg := b.Signature; sg != nil {
		out.signature = &signature{lines: c.lines(sg.Lines, what+"的签字栏", false), date: c.text(sg.Date, what+"的签字日期", c.scope)}
	}
	if rp := b.Repeat; rp != nil {
		out.repeat = c.repeat(rp, what)
	}
	for j := range b.Annex {
		out.annex = append(out.annex, c.text(b.Annex[j], what+"的附件", c.scope))
	}
	return out
}

// repeat compiles a repeat block: its blocks are written over the row's columns.
func (c *compiler) repeat(rp *syntax.Repeat, what string) *repeat {
	src, env := c.rowsOf(rp.Rows, rp.Where, rp.SortBy, what, "的 where")
	if src == nil {
		return nil
	}
	outer := c.scope
	c.scope = env
	r := &repeat{rows: *src, blocks: c.blocks(rp.Blocks, what+"（repeat "+rp.Rows.S+"）")}
	c.scope = outer
	return r
}

// rowsOf checks that path names a table field, compiles where over its rows, and returns the
// row source with the rows' sample environment.
func (c *compiler) rowsOf(path, where Str, sortBy, what, whereWhat string) (*rowSource, map[string]any) {
	f := c.fieldAt(path.S)
	if f == nil || f.Type != TypeTable {
		c.errs.Add(c.file, path.Pos, "%s的 rows “%s” 应为一个表格字段", what, path.S)
		return nil, nil
	}
	rec := c.pr.rec
	if !strings.HasPrefix(path.S, "enterprise.") {
		rec = c.p.answers
	}
	row := rec.rows[f.ID]
	if sortBy != "" {
		if _, ok := row.index[sortBy]; !ok {
			c.errs.Add(c.file, path.Pos, "%s的 sort_by “%s” 不是该表格的列", what, sortBy)
		}
	}
	env := c.rowEnv(row)
	env["row_no"] = 0
	return &rowSource{path: path.S, rec: row, sortBy: sortBy, where: c.when(where, what+whereWhat, env)}, env
}

func firstPos(b *syntax.Block) Pos {
	for _, s := range append([]Str{b.Heading, b.Paragraph, b.When}, b.Annex...) {
		if s.Pos.Line > 0 {
			return s.Pos
		}
	}
	if b.KeyValues != nil {
		return b.KeyValues.Caption.Pos
	}
	if b.Table != nil {
		return b.Table.Rows.Pos
	}
	if b.Repeat != nil {
		return b.Repeat.Rows.Pos
	}
	return Pos{}
}

// table compiles a report table: its rows come from a table field, its columns are written
// over the row's columns.
func (c *compiler) table(t *syntax.Table, what string) *table {
	caption := c.text(t.Caption, what+"的表格标题", c.scope)
	src, env := c.rowsOf(t.Rows, t.Where, t.SortBy, what+"的表格", " where")
	if src == nil {
		return nil
	}
	out := &table{caption: caption, rows: *src, transpose: t.Transpose, columns: c.columns(t.Columns, src.rec, what, env)}
	for i := range t.Total {
		out.total = append(out.total, c.text(t.Total[i], what+"的合计行", c.scope))
		out.sum = append(out.sum, t.Total[i].S == "sum")
	}
	if len(t.Total) > 0 && len(t.Total) != len(t.Columns) {
		c.errs.Add(c.file, t.Rows.Pos, "%s的 total 应与 columns 一样多（%d 列）", what, len(t.Columns))
	}
	return out
}

// columns compiles the columns of a table or sheet (over the rows of row, if not nil), their
// values in env.
func (c *compiler) columns(cols []syntax.Column, row *record, what string, env map[string]any) []Column {
	out := make([]Column, len(cols))
	for i := range cols {
		col := &cols[i]
		if !c.useColumn(col, what) {
			continue
		}
		c.columnField(col, row, what)
		c.columnKind(col, what)
		out[i] = Column{Header: col.Header.S, Unit: col.Unit, Kind: ColumnKind(col.Kind.S), Width: col.Width, Align: Align(col.Align), Value: col.Value.S,
			header: c.text(col.Header, what+"的列标题", c.scope), // headers may name years: "{{last_year}}年"
			value:  c.compile(col.Value, what+"的列 “"+col.Header.S+"”", env, false)}
	}
	return out
}

// columnField fills a {field: x} column from the field x (a column of row, else an answer or
// enterprise.x): the header is its label (a bracketed unit, 职工总数（人）, becomes the column's
// unit), the kind follows its type, and an option field shows its option's label.
func (c *compiler) columnField(col *syntax.Column, row *record, what string) {
	if !col.Field.Set() || col.FromField {
		return
	}
	path := col.Field.S
	f := c.fieldIn(row, path)
	if f == nil {
		c.errs.Add(c.file, col.Field.Pos, "%s的列 field “%s” 不是字段（可用表格的列、表单字段或 enterprise.…）", what, path)
		return
	}
	if col.Value.Set() {
		c.errs.Add(c.file, col.Value.Pos, "%s的列 field “%s” 已决定列的值，不能再写 value", what, path)
	}
	kind, ok := fieldColumnKinds[f.Type]
	if !ok || (kind == columnLabels && strings.Contains(path, ".")) {
		c.errs.Add(c.file, col.Field.Pos, "%s的列 field “%s” 是%s字段，不能直接作列（请用 header 和 value 写表达式）", what, path, f.Type)
		return
	}
	value := path
	if kind == columnLabels {
		kind, value = ColumnUnset, "labels."+path
	}
	unit := kindUnit(f)
	if !col.Header.Set() {
		col.Header = Str{S: bare(f.Label, unit), Pos: col.Field.Pos}
		if col.Unit == "" {
			col.Unit = unit
		}
	}
	if !col.Kind.Set() {
		col.Kind = Str{S: string(kind), Pos: col.Field.Pos}
	}
	col.Value = Str{S: value, Pos: col.Field.Pos}
	col.FromField = true
}

// fieldColumnKinds is the column kind a field type shows as ("labels": an option's label).
var fieldColumnKinds = map[FieldType]ColumnKind{TypeText: ColumnUnset, TypeTextarea: ColumnUnset, TypeMoney: ColumnMoney,
	TypeInteger: ColumnInt, TypePercent: ColumnPercent, TypeDate: ColumnDate, TypeEnum: columnLabels}

// columnLabels marks, in fieldColumnKinds, an option field: its column shows the option's label.
const columnLabels ColumnKind = "labels"

var columnKinds = map[ColumnKind]bool{ColumnUnset: true, ColumnText: true, ColumnMoney: true, ColumnInt: true, ColumnPercent: true, ColumnDate: true}

// columnKind checks a column's kind; "integer" (the field types' word) is the same as "int"
// (the renderers' word, kept for old templates).
func (c *compiler) columnKind(col *syntax.Column, what string) {
	if col.Kind.S == string(TypeInteger) {
		col.Kind.S = string(ColumnInt)
	}
	if !columnKinds[ColumnKind(col.Kind.S)] {
		c.errs.Add(c.file, col.Kind.Pos, "%s的列类型 kind “%s” 无效（可用：text、money、integer、percent、date）", what, col.Kind.S)
	}
	if !col.Header.Set() {
		c.errs.Add(c.file, col.Value.Pos, "%s的列缺少 header", what)
	}
}

func (c *compiler) sheet(s *syntax.Sheet, what string) *Sheet {
	out := &Sheet{Rows: given(s.Rows), Name: s.Name.S, Title: s.Title.S, Subtitle: s.Subtitle.S, Note: s.Note.S, name: c.text(s.Name, what+"的 name", nil), title: c.text(s.Title, what+"的 title", nil),
		subtitle: c.text(s.Subtitle, what+"的 subtitle", nil), note: c.text(s.Note, what+"的 note", nil)}
	env := c.sheetEnv()
	if s.Rows.Set() {
		src, rowEnv := c.rowsOf(s.Rows, s.Where, "", what, "的 where")
		if src == nil {
			return out
		}
		out.rows, env = src, rowEnv
		env["row_no"] = 0
	}
	var row *record
	if out.rows != nil {
		row = out.rows.rec
	}
	out.Columns = c.columns(s.Columns, row, what, env)
	for _, t := range s.Total {
		if t.S != "" && t.S != "sum" && !strings.HasPrefix(t.S, "合计") {
			c.errs.Add(c.file, t.Pos, "%s的 total 每项应为 sum、合计 或空", what)
		}
		out.Total = append(out.Total, t.S)
	}
	if len(s.Total) > 0 && len(s.Total) != len(s.Columns) {
		c.errs.Add(c.file, s.Title.Pos, "%s的 total 应与 columns 一样多（%d 列）", what, len(s.Columns))
	}
	return out
}

// textLiterals is a text without its {{ … }} parts.
func textLiterals(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		j := strings.Index(s, "}}")
		if i < 0 || j < i {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[j+2:]
	}
}

// Title is an output's title (with its {{ … }} filled in).
func (e *Evaluation) Title(o *Output) string { return strings.TrimSpace(e.text(o.title)) }

// FileName is the output's file name for this dossier: its {{ … }} parts filled, and any
// character a file name cannot hold replaced.

// A name longer than MaxFileName characters (a long unit and project name) is shortened
// inside its last bracket, 项目资金申请报告（…—…项目…）.pdf, so that it can be burned.
func (e *Evaluation) FileName(o *Output) string {
	name := strings.TrimSpace(e.text(o.file))
	return shortName(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name))
}

// MaxFileName is the longest file name, in characters, a package's top level holds: a disc's
// Joliet file system takes 64 UTF-16 characters.
const MaxFileName = 64

func shortName(name string) string {
	r := []rune(name)
	if len(r) <= MaxFileName {
		return name
	}
	ext := []rune(filepath.Ext(name))
	stem := r[:len(r)-len(ext)]
	tail := []rune{}
	if n := len(stem); n > 0 && stem[n-1] == '）' {
		stem, tail = stem[:n-1], []rune("）")
	}
	keep := MaxFileName - len(ext) - len(tail) - 1
	return string(stem[:max(keep, 1)]) + "…" + string(tail) + string(ext)
}
