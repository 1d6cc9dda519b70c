package programme

import (
	_ "embed"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr/vm"
	"github.com/goccy/go-yaml/ast"

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
	info     map[*vm.Program]*progInfo // where each compiled expression is (evaluate.go)
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
	// Files are the template files the programme was built from: File, then the parent it
	// extends, and so on.
	Files []string

	source string // SourceBuiltin or SourceUser
	sum    string // hex SHA-256 of the files' bytes

	profile    *Profile
	answers    *record
	fields     map[string]*Field
	showIf     map[string]*vm.Program // field or section id → condition
	requiredIf map[string]*vm.Program // field id → condition
	computed   []compiledComputed
	derive     map[string]*compiledDerive // field key (deriveKey) → its derive:
	checks     []compiledCheck
	rules      []compiledRule
	deadlines  []compiledDeadline
	texts      map[*Str]*Text
	exprs      map[*Str]*vm.Program
	rowOf      map[*Str]*record // report tables: the row record their columns are written over
	labels     *labels          // the labels record of the answers
	labelsOf   map[*record]*labels
	labelsMu   sync.Mutex
	info       map[*vm.Program]*progInfo // where each compiled expression is (evaluate.go)
	gapOnce    sync.Once                 // gap.go: how unmet rules are measured, made on first use
	gapPlan    *gapPlan
	order      formOrder // the form's order of problems, built once (order.go)
	orderOnce  sync.Once
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

// Parse decodes and compiles one template. file names it in messages; demo may be nil. A
// template that extends another needs ParseIn (or LoadSet), which can find the parent.
func Parse(file string, src, demo []byte) (*Programme, error) {
	return ParseIn(file, src, demo)
}

// compileTree decodes a template's (merged) tree and compiles it.
func compileTree(file string, body ast.Node, demo []byte) (*Programme, error) {
	pr, err := EnterpriseProfile()
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	p := &Programme{File: file, Demo: demo, profile: pr, fields: map[string]*Field{}, showIf: map[string]*vm.Program{},
		requiredIf: map[string]*vm.Program{}, texts: map[*Str]*Text{}, exprs: map[*Str]*vm.Program{}, rowOf: map[*Str]*record{}, labelsOf: map[*record]*labels{}}
	if !decodeTree(file, body, &p.Template, &errs) {
		return nil, errs.Err()
	}
	p.checkHeader(&errs)
	p.expandYears(&errs)
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
	p.checkTitleField(&errs)
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
	"fin": true, "has_year": true, "no": true, envProgramme: true, envDeadline: true}

func (p *Programme) checkHeader(errs *ErrorList) {
	if p.Format != 1 {
		errs.Add(p.File, Pos{Line: 1, Col: 1}, "format 应为 1（当前为 %d）", p.Format)
	}
	if !p.ID.Set() {
		errs.Add(p.File, Pos{Line: 1, Col: 1}, "缺少 id")
	} else if base := strings.TrimSuffix(path.Base(strings.ReplaceAll(p.File, `\`, "/")), path.Ext(p.File)); base != p.ID.S && !strings.HasPrefix(p.File, "<") {
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
	switch f.Type.S {
	case TypeObject:
		checkObject(errs, file, f, inTable)
	case TypeTable:
		checkTable(errs, file, f, inTable)
	default:
		if len(f.Columns) > 0 || hasRowKeys(f) {
			errs.Add(file, f.ID.Pos, "只有表格字段可以有 columns/numbering/unique/min_rows/max_rows，对象字段可以有 columns（字段 “%s”）", f.ID.S)
		}
	}
}

// hasRowKeys reports whether a field sets any of the keys only tables have.
func hasRowKeys(f *Field) bool {
	return f.Numbering.Set() || f.Unique.Set() || f.MinRows > 0 || f.MaxRows > 0
}

func checkObject(errs *ErrorList, file string, f *Field, inTable bool) {
	if inTable {
		errs.Add(file, f.Type.Pos, "表格或对象中不能再嵌套对象（字段 “%s”）", f.ID.S)
	}
	if len(f.Columns) == 0 {
		errs.Add(file, f.Type.Pos, "对象字段 “%s” 没有 columns", f.ID.S)
	}
	for i := range f.Columns {
		checkField(errs, file, &f.Columns[i], true)
	}
	if hasRowKeys(f) {
		errs.Add(file, f.ID.Pos, "对象字段 “%s” 不能有 numbering/unique/min_rows/max_rows", f.ID.S)
	}
}

func checkTable(errs *ErrorList, file string, f *Field, inTable bool) {
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
