package programme

import (
	"dossier/dossier/programme/internal/syntax"

	_ "embed"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml/ast"

	"dossier/dossier/decimal"
	"dossier/dossier/validate"
)

//go:embed profile.yaml
var profileYAML []byte

// profileFile is the shape of profile.yaml.
type profileFile struct {
	Sections []syntax.Section `yaml:"sections"`
	Checks   []syntax.Check   `yaml:"checks"`
	// Shared are programme fields that templates take with {use: id} (shared.go).
	Shared []syntax.Field `yaml:"shared"`
	// Columns are sheet and table columns that templates take with {use: id} (columnlib.go).
	Columns []syntax.Column `yaml:"columns"`
	// Lines are cover, signature and keyvalues lines templates take with {use: id} (columnlib.go).
	Lines []syntax.Line `yaml:"lines"`
}

// Profile is the enterprise profile shared by all programmes.
type Profile struct {
	Sections []Section
	rec      *record
	checks   []*Check
	fields   map[string]*Field
	shared   map[string]*syntax.Field  // fields templates take with {use: id} (shared.go)
	columns  map[string]*syntax.Column // columns templates take with {use: id} (columnlib.go)
	lines    map[string]*syntax.Line   // lines templates take with {use: id} (columnlib.go)
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
		if profileFromSnapshot(&pf) || syntax.DecodeStrict("profile.yaml", profileYAML, &pf, &errs) {
			pr := &Profile{fields: map[string]*Field{}}
			for si := range pf.Sections {
				for fi := range pf.Sections[si].Fields {
					checkField(&errs, "profile.yaml", &pf.Sections[si].Fields[fi], false)
				}
			}
			var fields []*Field
			for si := range pf.Sections {
				pr.Sections = append(pr.Sections, newSection(&pf.Sections[si]))
			}
			for si := range pr.Sections {
				for fi := range pr.Sections[si].Fields {
					f := &pr.Sections[si].Fields[fi]
					fields = append(fields, f)
					pr.fields[f.ID] = f
				}
			}
			pr.rec = newRecord(fields)
			pr.shared = map[string]*syntax.Field{}
			for i := range pf.Shared {
				f := &pf.Shared[i]
				checkField(&errs, "profile.yaml", f, false)
				if _, dup := pr.shared[f.ID.S]; dup {
					errs.Add("profile.yaml", f.ID.Pos, "共用字段 id “%s” 重复", f.ID.S)
				}
				pr.shared[f.ID.S] = f
			}
			profile = pr
			c := newCompiler("profile.yaml", pr, nil, &errs)
			pr.checks = c.checks(pf.Checks, "enterprise.")
			c.tableChecks(fields, "enterprise.")
			pr.checks = append(pr.checks, c.rowChecks...)
			pr.columns = c.sharedColumns(pf.Columns)
			pr.lines = c.sharedLines(pf.Lines)
		}
		profileErr = errs.Err()
	})
	return profile, profileErr
}

// Field returns a profile field by id.
func (pr *Profile) Field(id string) *Field { return pr.fields[id] }

// Programme is a loaded, compiled template: immutable, safe to share.
type Programme struct {
	ID         string // stable programme id, also the file name
	Version    int    // bumped on every change of the template
	Title      string // full title as the notice names the programme
	ShortTitle string // for lists and file names
	Issuer     string // 山西省工业和信息化厅
	Document   string // 文号, if any
	Issued     time.Time
	// Year is the application year (申报年度) the template names; 0 = the year of Issued.
	Year int
	// Abstract templates only serve as parents: they are compiled but not listed.
	Abstract bool
	// Source says where the form's fields and columns come from (the notice's attachment, or a
	// reconstruction); Notice links the notice; Disc says how electronic files are handed in.
	Source, Notice, Disc string
	Sections             []Section
	Deadlines            []Deadline
	Computed             []Computed
	Rules                []Rule
	Outputs              []Output
	Attachments          []Attachment

	tree       *syntax.Template // the syntax the programme was compiled from
	titleField string           // the template's title_field, checked
	columnIDs  []string         // the named columns' ids (columnlib.go)
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
	showIf     map[string]*program // field or section id → condition
	requiredIf map[string]*program // field id → condition
	derive     map[string]*derive  // field key (deriveKey) → its derive:
	checks     []*Check            // the programme's checks, then its tables' row checks
	labels     *labels             // the labels record of the answers
	labelsOf   map[*record]*labels
	labelsMu   sync.Mutex
	gapOnce    sync.Once // gap.go: how unmet rules are measured, made on first use
	gapPlan    *gapPlan
	order      formOrder // the form's order of problems, built once (order.go)
	orderOnce  sync.Once
	names      namesCache // the paths and labels of records' fields (cellnames.go)
	headerEnv  any        // headerValue, boxed, made once (headerNames): it is the same for every file
	headerOnce sync.Once
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
	if f.Type != TypeObject {
		return nil
	}
	for i := range f.Columns {
		if f.Columns[i].ID == sub {
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

// decodeTree decodes a template's (merged) tree. It adds its problems to errs, and returns
// nil when they are such that the template cannot be compiled; a template with lesser ones
// (a value outside its key's set) is still compiled, for one run to report everything.
func decodeTree(file string, body ast.Node, errs *ErrorList) *syntax.Template {
	t := &syntax.Template{}
	if !syntax.Decode(file, body, t, errs) {
		return nil
	}
	return t
}

// compileTemplate checks and compiles a decoded template, which it changes (the shared lines
// and columns it uses are filled in, the years expanded): each compile needs its own.
func compileTemplate(file string, t *syntax.Template, demo []byte) (*Programme, error) {
	pr, err := EnterpriseProfile()
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	p := &Programme{File: file, Demo: demo, profile: pr, fields: map[string]*Field{}, showIf: map[string]*program{},
		requiredIf: map[string]*program{}, labelsOf: map[*record]*labels{}}
	p.tree = t
	checkHeader(t, file, &errs)
	useShared(file, t.Sections, pr, &errs)
	expandYears(t, file, &errs)
	p.header()
	for si := range t.Sections {
		s := &t.Sections[si]
		if !s.ID.Set() {
			errs.Add(file, s.Title.Pos, "分节缺少 id")
		}
		for fi := range s.Fields {
			checkField(&errs, file, &s.Fields[fi], false)
		}
		p.Sections = append(p.Sections, newSection(s))
	}
	var fields []*Field
	for si := range p.Sections {
		for fi := range p.Sections[si].Fields {
			f := &p.Sections[si].Fields[fi]
			if _, dup := p.fields[f.ID]; dup || reserved[f.ID] {
				errs.Add(file, f.node.ID.Pos, "字段 id “%s” 重复或是保留名", f.ID)
				continue
			}
			p.fields[f.ID] = f
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

func checkHeader(t *syntax.Template, file string, errs *ErrorList) {
	if t.Format != 1 {
		errs.Add(file, Pos{Line: 1, Col: 1}, "format 应为 1（当前为 %d）", t.Format)
	}
	if !t.ID.Set() {
		errs.Add(file, Pos{Line: 1, Col: 1}, "缺少 id")
	} else if base := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, `\`, "/")), path.Ext(file)); base != t.ID.S && !strings.HasPrefix(file, "<") {
		errs.Add(file, t.ID.Pos, "id “%s” 与文件名 “%s” 不一致", t.ID.S, base)
	}
	if !t.Title.Set() {
		errs.Add(file, t.ID.Pos, "缺少 title")
	}
	if t.Issued.Set() {
		if _, err := time.Parse("2006-01-02", t.Issued.S); err != nil {
			errs.Add(file, t.Issued.Pos, "issued 应为日期 YYYY-MM-DD")
		}
	}
}

// header copies the template's (checked, year-filled) header into the programme.
func (p *Programme) header() {
	t := p.tree
	p.ID, p.Version, p.Title, p.ShortTitle = t.ID.S, t.Version, t.Title.S, t.ShortTitle
	p.Issuer, p.Document, p.Year, p.Abstract = t.Issuer, t.Document, t.Year, t.Abstract
	p.Source, p.Notice, p.Disc = t.Source, t.Notice, t.Disc
	if d, err := time.Parse("2006-01-02", strings.TrimSpace(t.Issued.S)); err == nil {
		p.Issued = d
	}
}

// checkField checks one field definition (and a table's columns) for problems the YAML decoder
// cannot see.
func checkField(errs *ErrorList, file string, f *syntax.Field, inTable bool) {
	if !f.ID.Set() {
		errs.Add(file, f.Label.Pos, "字段缺少 id")
	}
	if !f.Label.Set() {
		errs.Add(file, f.ID.Pos, "字段 “%s” 缺少 label", f.ID.S)
	}
	if !fieldTypes[f.Type.S] {
		errs.Add(file, f.Type.Pos, "字段 “%s” 的类型 “%s” 未知（可用：%s）", f.ID.S, f.Type.S, strings.Join(syntax.SortedKeys(fieldTypes), ", "))
	}
	if (f.Type.S == string(TypeEnum)) && len(f.Options) == 0 {
		errs.Add(file, f.Type.Pos, "选择字段 “%s” 没有 options", f.ID.S)
	}
	if f.Validate.Set() && validate.Named[f.Validate.S] == nil {
		errs.Add(file, f.Validate.Pos, "校验规则 “%s” 未知（可用：%s）", f.Validate.S, strings.Join(syntax.SortedKeys(validate.Named), ", "))
	}
	for _, b := range []Str{f.Min, f.Max} {
		if b.Set() {
			if _, err := decimal.Parse(b.S); err != nil {
				errs.Add(file, b.Pos, "字段 “%s” 的 min/max “%s” 不是数字", f.ID.S, b.S)
			}
		}
	}
	switch f.Type.S {
	case string(TypeObject):
		checkObject(errs, file, f, inTable)
	case string(TypeTable):
		checkTable(errs, file, f, inTable)
	default:
		if len(f.Columns) > 0 || hasRowKeys(f) {
			errs.Add(file, f.ID.Pos, "只有表格字段可以有 columns/numbering/unique/min_rows/max_rows，对象字段可以有 columns（字段 “%s”）", f.ID.S)
		}
	}
}

// hasRowKeys reports whether a field sets any of the keys only tables have.
func hasRowKeys(f *syntax.Field) bool {
	return f.Numbering.Set() || f.Unique.Set() || f.MinRows > 0 || f.MaxRows > 0
}

func checkObject(errs *ErrorList, file string, f *syntax.Field, inTable bool) {
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

func checkTable(errs *ErrorList, file string, f *syntax.Field, inTable bool) {
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
			if col.Ref == "" {
				continue
			}
			t := p.fields[col.Ref]
			if t == nil || t.Type != TypeTable || t.Numbering == "" {
				errs.Add(p.File, col.node.Ref.Pos, "ref “%s” 应指向一个带 numbering 的表格字段", col.Ref)
			}
		}
	}
}
