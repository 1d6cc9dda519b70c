package programme

import (
	_ "embed"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr/vm"

	"dossier/dossier/decimal"
	"dossier/dossier/validate"
)

//go:embed profile.yaml
var profileYAML []byte

// profileFile is the shape of profile.yaml.
type profileFile struct {
	Sections []Section `yaml:"sections"`
	Checks   []Check   `yaml:"checks"`
}

// Profile is the enterprise profile shared by all programmes.
type Profile struct {
	Sections []Section
	rec      *record
	checks   []compiledCheck
	fields   map[string]*Field
}

var (
	profileOnce sync.Once
	profile     *Profile
	profileErr  error
)

// EnterpriseProfile returns the enterprise profile's definition (loaded once).
func EnterpriseProfile() (*Profile, error) {
	profileOnce.Do(func() {
		var errs ErrorList
		var pf profileFile
		if decodeStrict("profile.yaml", profileYAML, &pf, &errs) {
			pr := &Profile{Sections: pf.Sections, fields: map[string]*Field{}}
			var fields []*Field
			for si := range pr.Sections {
				for fi := range pr.Sections[si].Fields {
					f := &pr.Sections[si].Fields[fi]
					checkField(&errs, "profile.yaml", f, false)
					fields = append(fields, f)
					pr.fields[f.ID.S] = f
				}
			}
			pr.rec = newRecord(fields)
			profile = pr
			c := newCompiler("profile.yaml", pr, nil, &errs)
			pr.checks = c.checks(pf.Checks, "enterprise.")
			c.tableChecks(fields, "enterprise.")
			pr.checks = append(pr.checks, c.rowChecks...)
		}
		profileErr = errs.Err()
	})
	return profile, profileErr
}

// Field returns a profile field by id.
func (pr *Profile) Field(id string) *Field { return pr.fields[id] }

// Programme is a loaded, compiled template: immutable, safe to share.
type Programme struct {
	Template
	// File is where the template came from (for messages).
	File string
	// Demo is a complete, valid, eligible data file for the programme, if the template has one
	// (<id>.demo.json beside the template).
	Demo []byte

	profile    *Profile
	answers    *record
	fields     map[string]*Field
	sample     map[string]any
	showIf     map[string]*vm.Program // field or section id → condition
	requiredIf map[string]*vm.Program // field id → condition
	computed   []compiledComputed
	checks     []compiledCheck
	rules      []compiledRule
	deadlines  []compiledDeadline
	texts      map[*Str]*Text
	exprs      map[*Str]*vm.Program
	rowOf      map[*Str]*record // report tables: the row record their columns are written over
	labels     *labels          // the labels record of the answers
	labelsOf   map[*record]*labels
	labelsMu   sync.Mutex
}

type compiledComputed struct {
	*Computed
	prog *vm.Program
}

type compiledCheck struct {
	*Check
	when, assert *vm.Program
	message      *Text
	path, label  string
	table        string  // for row checks: the table field path (enterprise.finance)
	row          *record // for row checks: the row record
}

type compiledRule struct {
	*Rule
	when, assert, value *vm.Program
	message, threshold  *Text
}

type compiledDeadline struct {
	*Deadline
	when *vm.Program
	date time.Time
}

// rowLabels is the labels record inside a row of a table: the programme's enum fields and
// the row's enum columns.
func (p *Programme) rowLabels(row *record) *labels {
	p.labelsMu.Lock()
	defer p.labelsMu.Unlock()
	if l, ok := p.labelsOf[row]; ok {
		return l
	}
	l := newLabels(p.answers.fields, row.fields)
	p.labelsOf[row] = l
	return l
}

// Field returns an answer field of the programme by id, or a profile field for
// "enterprise.<id>"; nil if there is none.
func (p *Programme) Field(path string) *Field {
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		return p.profile.fields[id]
	}
	return subField(p.fields, path)
}

// subField resolves "id" or "object.column" (a column of an object field).
func subField(fields map[string]*Field, path string) *Field {
	head, sub, nested := strings.Cut(path, ".")
	f := fields[head]
	if !nested || f == nil {
		return f
	}
	if f.Type.S != TypeObject {
		return nil
	}
	for i := range f.Columns {
		if f.Columns[i].ID.S == sub {
			return &f.Columns[i]
		}
	}
	return nil
}

// Profile is the enterprise profile the programme's rules read.
func (p *Programme) Profile() *Profile { return p.profile }

// Parse decodes and compiles one template. file names it in messages; demo may be nil.
func Parse(file string, src, demo []byte) (*Programme, error) {
	pr, err := EnterpriseProfile()
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	p := &Programme{File: file, Demo: demo, profile: pr, fields: map[string]*Field{}, showIf: map[string]*vm.Program{},
		requiredIf: map[string]*vm.Program{}, texts: map[*Str]*Text{}, exprs: map[*Str]*vm.Program{}, rowOf: map[*Str]*record{}, labelsOf: map[*record]*labels{}}
	if !decodeStrict(file, src, &p.Template, &errs) {
		return nil, errs.Err()
	}
	p.checkHeader(&errs)
	var fields []*Field
	for si := range p.Sections {
		s := &p.Sections[si]
		if !s.ID.Set() {
			errs.Add(file, s.Title.Pos, "分节缺少 id")
		}
		for fi := range s.Fields {
			f := &s.Fields[fi]
			checkField(&errs, file, f, false)
			if _, dup := p.fields[f.ID.S]; dup || reserved[f.ID.S] {
				errs.Add(file, f.ID.Pos, "字段 id “%s” 重复或是保留名", f.ID.S)
				continue
			}
			p.fields[f.ID.S] = f
			fields = append(fields, f)
		}
	}
	p.checkRefs(&errs)
	p.answers = newRecord(fields)
	p.labels = newLabels(p.answers.fields)
	c := newCompiler(file, pr, p, &errs)
	c.compileProgramme(fields)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// reserved names are taken by the expression environment.
var reserved = map[string]bool{"enterprise": true, "applied_on": true, "applied_year": true, "labels": true,
	"fin": true, "has_year": true, "no": true}

func (p *Programme) checkHeader(errs *ErrorList) {
	if p.Format != 1 {
		errs.Add(p.File, Pos{1, 1}, "format 应为 1（当前为 %d）", p.Format)
	}
	if !p.ID.Set() {
		errs.Add(p.File, Pos{1, 1}, "缺少 id")
	} else if base := strings.TrimSuffix(path.Base(p.File), path.Ext(p.File)); base != p.ID.S && !strings.HasPrefix(p.File, "<") {
		errs.Add(p.File, p.ID.Pos, "id “%s” 与文件名 “%s” 不一致", p.ID.S, base)
	}
	if !p.Title.Set() {
		errs.Add(p.File, p.ID.Pos, "缺少 title")
	}
	if p.Issued.Set() {
		if _, err := time.Parse("2006-01-02", p.Issued.S); err != nil {
			errs.Add(p.File, p.Issued.Pos, "issued 应为日期 YYYY-MM-DD")
		}
	}
}

// checkField checks one field definition (and a table's columns) for problems the YAML decoder
// cannot see.
func checkField(errs *ErrorList, file string, f *Field, inTable bool) {
	if !f.ID.Set() {
		errs.Add(file, f.Label.Pos, "字段缺少 id")
	}
	if !f.Label.Set() {
		errs.Add(file, f.ID.Pos, "字段 “%s” 缺少 label", f.ID.S)
	}
	if !fieldTypes[f.Type.S] {
		errs.Add(file, f.Type.Pos, "字段 “%s” 的类型 “%s” 未知（可用：%s）", f.ID.S, f.Type.S, strings.Join(sortedKeys(fieldTypes), ", "))
	}
	if (f.Type.S == TypeEnum) && len(f.Options) == 0 {
		errs.Add(file, f.Type.Pos, "选择字段 “%s” 没有 options", f.ID.S)
	}
	if f.Validate.Set() && validate.Named[f.Validate.S] == nil {
		errs.Add(file, f.Validate.Pos, "校验规则 “%s” 未知（可用：%s）", f.Validate.S, strings.Join(sortedKeys(validate.Named), ", "))
	}
	for _, b := range []Str{f.Min, f.Max} {
		if b.Set() {
			if _, err := decimal.Parse(b.S); err != nil {
				errs.Add(file, b.Pos, "字段 “%s” 的 min/max “%s” 不是数字", f.ID.S, b.S)
			}
		}
	}
	if f.Type.S == TypeObject {
		if inTable {
			errs.Add(file, f.Type.Pos, "表格或对象中不能再嵌套对象（字段 “%s”）", f.ID.S)
		}
		if len(f.Columns) == 0 {
			errs.Add(file, f.Type.Pos, "对象字段 “%s” 没有 columns", f.ID.S)
		}
		for i := range f.Columns {
			checkField(errs, file, &f.Columns[i], true)
		}
		if f.Numbering.Set() || f.Unique.Set() || f.MinRows > 0 || f.MaxRows > 0 {
			errs.Add(file, f.ID.Pos, "对象字段 “%s” 不能有 numbering/unique/min_rows/max_rows", f.ID.S)
		}
	} else if f.Type.S == TypeTable {
		if inTable {
			errs.Add(file, f.Type.Pos, "表格中不能再嵌套表格（字段 “%s”）", f.ID.S)
		}
		if len(f.Columns) == 0 {
			errs.Add(file, f.Type.Pos, "表格字段 “%s” 没有 columns", f.ID.S)
		}
		seen := map[string]bool{}
		for i := range f.Columns {
			col := &f.Columns[i]
			checkField(errs, file, col, true)
			if seen[col.ID.S] || (col.ID.S == "no" && f.Numbering.Set()) {
				errs.Add(file, col.ID.Pos, "表格 “%s” 的列 id “%s” 重复", f.ID.S, col.ID.S)
			}
			seen[col.ID.S] = true
		}
		if f.Unique.Set() && !seen[f.Unique.S] {
			errs.Add(file, f.Unique.Pos, "unique 指向不存在的列 “%s”", f.Unique.S)
		}
	} else if len(f.Columns) > 0 || f.Numbering.Set() || f.Unique.Set() || f.MinRows > 0 || f.MaxRows > 0 {
		errs.Add(file, f.ID.Pos, "只有表格字段可以有 columns/numbering/unique/min_rows/max_rows，对象字段可以有 columns（字段 “%s”）", f.ID.S)
	}
}

// checkRefs checks that ref: names a numbered table.
func (p *Programme) checkRefs(errs *ErrorList) {
	for _, f := range p.fields {
		for i := range f.Columns {
			col := &f.Columns[i]
			if !col.Ref.Set() {
				continue
			}
			t := p.fields[col.Ref.S]
			if t == nil || t.Type.S != TypeTable || !t.Numbering.Set() {
				errs.Add(p.File, col.Ref.Pos, "ref “%s” 应指向一个带 numbering 的表格字段", col.Ref.S)
			}
		}
	}
}

// compiler state for one template.
func newCompiler(file string, pr *Profile, p *Programme, errs *ErrorList) *compiler {
	c := &compiler{file: file, errs: errs, opts: baseOptions(), pr: pr, p: p}
	c.env = c.sampleEnv()
	return c
}

// sampleEnv is an environment of zero values of the right types, for type-checking.
func (c *compiler) sampleEnv() map[string]any {
	env := baseEnv(c.pr, c.pr.rec.zero(), time.Time{})
	if c.p != nil {
		for _, f := range c.p.answers.fields {
			env[f.ID.S] = reflect.Zero(goType(f, c.p.answers.rows)).Interface()
		}
		env["labels"] = newLabels(c.p.answers.fields).value(nil)
	}
	return env
}

// baseEnv holds what every expression can read: the enterprise, the application date, and
// fin(year) / has_year(year) over the enterprise's finance table.
func baseEnv(pr *Profile, ent reflect.Value, appliedOn time.Time) map[string]any {
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
	return map[string]any{
		"enterprise":   ent.Interface(),
		"applied_on":   appliedOn,
		"applied_year": appliedOn.Year(),
		"fin":          fin.Interface(),
		"has_year":     func(year int) bool { _, ok := find(year); return ok },
	}
}

func (c *compiler) compileProgramme(fields []*Field) {
	p := c.p
	for si := range p.Sections {
		s := &p.Sections[si]
		if s.ShowIf.Set() {
			p.showIf[s.ID.S] = c.compile(s.ShowIf, "分节 “"+s.ID.S+"” 的 show_if", nil, true)
		}
		for fi := range s.Fields {
			f := &s.Fields[fi]
			if f.ShowIf.Set() {
				p.showIf[f.ID.S] = c.compile(f.ShowIf, "字段 “"+f.ID.S+"” 的 show_if", nil, true)
			}
			if f.RequiredIf.Set() {
				p.requiredIf[f.ID.S] = c.compile(f.RequiredIf, "字段 “"+f.ID.S+"” 的 required_if", nil, true)
			}
		}
	}
	c.computed()
	p.checks = c.checks(p.Checks, "")
	c.tableChecks(fields, "")
	p.checks = append(p.checks, c.rowChecks...)
	c.rules()
	c.deadlines()
	c.outputs()
}

func (c *compiler) computed() {
	p := c.p
	for i := range p.Computed {
		cm := &p.Computed[i]
		if _, taken := c.env[cm.ID.S]; taken || !cm.ID.Set() {
			c.errs.Add(c.file, cm.ID.Pos, "计算值 id “%s” 缺失或与字段重名", cm.ID.S)
			continue
		}
		prog := c.compile(cm.Expr, "计算值 “"+cm.ID.S+"”", nil, false)
		if prog == nil {
			continue
		}
		if want, ok := computedTypes[cm.Type.S]; !ok {
			c.errs.Add(c.file, cm.Type.Pos, "计算值 “%s” 的类型 “%s” 未知（可用：%s）", cm.ID.S, cm.Type.S, strings.Join(sortedKeys(computedTypes), ", "))
		} else if got := prog.Node().Type(); got != nil && got.Kind() != reflect.Interface && !want(got) {
			c.errs.Add(c.file, cm.Expr.Pos, "计算值 “%s” 声明为 %s，但表达式的结果是 %s", cm.ID.S, cm.Type.S, got)
		}
		p.computed = append(p.computed, compiledComputed{cm, prog})
		// Later expressions see the computed value with the type its expression has.
		c.env[cm.ID.S] = sampleOf(prog)
	}
}

// computedTypes are the types a computed value may declare, with what its expression must give.
var computedTypes = map[string]func(reflect.Type) bool{
	TypeMoney:   func(t reflect.Type) bool { return t == decType },
	TypePercent: func(t reflect.Type) bool { return t == decType },
	TypeInteger: func(t reflect.Type) bool { return t.Kind() == reflect.Int },
	TypeText:    func(t reflect.Type) bool { return t.Kind() == reflect.String },
	TypeBool:    func(t reflect.Type) bool { return t.Kind() == reflect.Bool },
	TypeDate:    func(t reflect.Type) bool { return t == timeType },
	"list":      func(t reflect.Type) bool { return t.Kind() == reflect.Slice },
}

// sampleOf is a zero value of a program's result type.
func sampleOf(prog *vm.Program) any {
	t := prog.Node().Type()
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	return reflect.Zero(t).Interface()
}

func (c *compiler) checks(list []Check, prefix string) []compiledCheck {
	var out []compiledCheck
	for i := range list {
		ck := &list[i]
		what := "检查 “" + ck.ID.S + "”"
		cc := compiledCheck{Check: ck, path: prefix + ck.Field.S}
		if f := c.fieldAt(cc.path); f != nil {
			cc.label = f.Label.S
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
		if f.Type.S != TypeTable {
			continue
		}
		row := rec.rows[f.ID.S]
		env := c.rowEnv(row)
		env["row_no"] = 0
		for i := range f.Checks {
			ck := &f.Checks[i]
			what := "表格 “" + f.ID.S + "” 的检查 “" + ck.ID.S + "”"
			cc := compiledCheck{Check: ck, table: prefix + f.ID.S, row: row, label: f.Label.S}
			if ck.Field.Set() {
				if i, ok := row.index[ck.Field.S]; ok {
					cc.label = f.Label.S + " " + row.fields[i].Label.S
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

func (c *compiler) rules() {
	p := c.p
	seen := map[string]bool{"deadline": true}
	for i := range p.Rules {
		r := &p.Rules[i]
		what := "规则 “" + r.ID.S + "”"
		if seen[r.ID.S] || !r.ID.Set() {
			c.errs.Add(c.file, r.ID.Pos, "规则 id “%s” 缺失或重复", r.ID.S)
		}
		seen[r.ID.S] = true
		if r.Label == "" || !r.Threshold.Set() {
			c.errs.Add(c.file, r.ID.Pos, "%s需要 label 和 threshold（通知中的条件原文）", what)
		}
		cr := compiledRule{Rule: r}
		if r.When.Set() {
			cr.when = c.compile(r.When, what+"的 when", nil, true)
		}
		cr.assert = c.compile(r.Assert, what+"的 assert", nil, true)
		if r.Value.Set() {
			cr.value = c.compile(r.Value, what+"的 value", nil, false)
		}
		cr.message = c.text(r.Message, what+"的 message", nil)
		cr.threshold = c.text(r.Threshold, what+"的 threshold", nil)
		p.rules = append(p.rules, cr)
	}
}

func (c *compiler) deadlines() {
	p := c.p
	for i := range p.Deadlines {
		d := &p.Deadlines[i]
		cd := compiledDeadline{Deadline: d}
		t, err := time.Parse("2006-01-02", d.Date.S)
		if err != nil {
			c.errs.Add(c.file, d.Date.Pos, "截止日期 “%s” 应为 YYYY-MM-DD", d.Date.S)
		}
		cd.date = t
		if d.When.Set() {
			cd.when = c.compile(d.When, "截止日期 “"+d.ID.S+"” 的 when", nil, true)
		}
		p.deadlines = append(p.deadlines, cd)
	}
}

// DeadlineDates lists the template's deadlines with their dates, for screens that count days left.
func (p *Programme) DeadlineDates() []struct {
	Label string
	Date  time.Time
} {
	out := make([]struct {
		Label string
		Date  time.Time
	}, len(p.deadlines))
	for i, d := range p.deadlines {
		out[i].Label, out[i].Date = d.Label.S, d.date
	}
	return out
}

// Set is the programmes available: embedded templates, overridden by a user folder.
type Set struct {
	byID map[string]*Programme
}

// LoadSet loads every *.yaml template of each folder in turn; a later folder's template
// replaces an earlier one with the same id. Every problem of every template is reported.
// Templates are compiled in parallel: a set is loaded at every start of the app.
func LoadSet(folders ...fs.FS) (*Set, error) {
	type job struct {
		fsys fs.FS
		name string
		p    *Programme
		errs ErrorList
	}
	var jobs []*job
	for _, fsys := range folders {
		names, err := fs.Glob(fsys, "*.yaml")
		if err != nil {
			return nil, fmt.Errorf("programme: list templates: %w", err)
		}
		for _, name := range names {
			jobs = append(jobs, &job{fsys: fsys, name: name})
		}
	}
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			j.p, j.errs = loadFile(j.fsys, j.name)
		}()
	}
	wg.Wait()
	s := &Set{byID: map[string]*Programme{}}
	var all ErrorList
	for _, j := range jobs { // in folder order, so that later folders override
		all = append(all, j.errs...)
		if j.p != nil {
			s.byID[j.p.ID.S] = j.p
		}
	}
	return s, all.Err()
}

// LoadOne loads the template of one programme: <id>.yaml from the last folder that has it.
// Commands that work on one programme need not compile all of them (nor fail on another's
// mistake). ok is false when no folder has the template.
func LoadOne(id string, folders ...fs.FS) (p *Programme, ok bool, err error) {
	name := id + ".yaml"
	if !fs.ValidPath(name) || strings.ContainsAny(id, "/\\") {
		return nil, false, nil
	}
	for i := len(folders) - 1; i >= 0; i-- {
		if _, err := fs.Stat(folders[i], name); err != nil {
			continue
		}
		p, errs := loadFile(folders[i], name)
		if len(errs) > 0 {
			return nil, true, errs.Err()
		}
		return p, true, nil
	}
	return nil, false, nil
}

// loadFile reads and compiles one template (and its demo data file, if any).
func loadFile(fsys fs.FS, name string) (*Programme, ErrorList) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, ErrorList{&ParseError{File: name, Msg: "无法读取：" + err.Error()}}
	}
	demo, _ := fs.ReadFile(fsys, strings.TrimSuffix(name, ".yaml")+".demo.json")
	p, err := Parse(name, src, demo)
	if err != nil {
		if l, ok := err.(ErrorList); ok {
			return nil, l
		}
		return nil, ErrorList{&ParseError{File: name, Msg: err.Error()}}
	}
	return p, nil
}

// Get returns the programme with the id, or nil.
func (s *Set) Get(id string) *Programme { return s.byID[id] }

// All lists the programmes ordered by id.
func (s *Set) All() []*Programme {
	out := make([]*Programme, 0, len(s.byID))
	for _, p := range s.byID {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID.S < out[j].ID.S })
	return out
}
