package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"strings"
	"time"

	"github.com/expr-lang/expr"
)

// Form texts (field labels, section titles, help, option labels, rule labels, the programme's
// title) are fixed when the template loads: their {{ … }} parts may use only applied_year,
// the template's application year (year:, or the year of issued), so that a base template
// says "第一年支出（{{applied_year - 3}}年）" and each year's child gets its own years.

// appliedYear is the year {{ applied_year }} means at load.
func appliedYear(p *syntax.Template) int {
	if p.Year > 0 {
		return p.Year
	}
	if t, err := time.Parse("2006-01-02", p.Issued.S); err == nil {
		return t.Year()
	}
	return time.Now().Year()
}

// yearFiller fills the {{ }} parts of form texts.
type yearFiller struct {
	file string
	year int
	errs *ErrorList
}

// fill returns s with its {{ }} parts evaluated; a problem is reported at pos.
func (y *yearFiller) fill(s string, pos Pos, what string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			y.errs.Add(y.file, pos, "%s 中的“{{”没有对应的“}}”", what)
			return s
		}
		b.WriteString(rest[:i])
		src := strings.TrimSpace(rest[i+2 : i+j])
		env := map[string]any{"applied_year": y.year}
		v, err := expr.Eval(src, env)
		if err != nil || !strings.Contains(src, "applied_year") && strings.ContainsAny(src, "abcdefghijklmnopqrstuvwxyz") {
			y.errs.Add(y.file, pos, "%s 中的 {{ %s }} 无法在加载时计算：表单文字中只能用 applied_year（申报年度）及加减，如 {{ applied_year - 1 }}", what, src)
			return s
		}
		b.WriteString(Format(v, ""))
		rest = rest[i+j+2:]
	}
}

func (y *yearFiller) str(s *Str, what string) { s.S = y.fill(s.S, s.Pos, what) }

// expandYears fixes the year expressions of the form texts.
func expandYears(p *syntax.Template, file string, errs *ErrorList) {
	y := &yearFiller{file: file, year: appliedYear(p), errs: errs}
	y.str(&p.Title, "title")
	p.ShortTitle = y.fill(p.ShortTitle, p.Title.Pos, "short_title")
	for i := range p.Deadlines {
		y.str(&p.Deadlines[i].Label, "截止日期的 label")
	}
	for si := range p.Sections {
		s := &p.Sections[si]
		y.str(&s.Title, "分节 “"+s.ID.S+"” 的 title")
		s.Help = y.fill(s.Help, s.Title.Pos, "分节 “"+s.ID.S+"” 的 help")
		for fi := range s.Fields {
			y.field(&s.Fields[fi])
		}
	}
	for i := range p.Computed {
		c := &p.Computed[i]
		c.Label = y.fill(c.Label, c.ID.Pos, "计算值 “"+c.ID.S+"” 的 label")
	}
	for i := range p.Rules {
		r := &p.Rules[i]
		r.Label = y.fill(r.Label, r.ID.Pos, "规则 “"+r.ID.S+"” 的 label")
		r.Basis = y.fill(r.Basis, r.ID.Pos, "规则 “"+r.ID.S+"” 的 basis")
	}
}

func (y *yearFiller) field(f *syntax.Field) {
	what := "字段 “" + f.ID.S + "” 的"
	y.str(&f.Label, what+" label")
	f.Help = y.fill(f.Help, f.ID.Pos, what+" help")
	f.Example = y.fill(f.Example, f.ID.Pos, what+" example")
	for i := range f.Options {
		f.Options[i].Label = y.fill(f.Options[i].Label, f.Options[i].Value.Pos, what+"选项")
	}
	for i := range f.Columns {
		y.field(&f.Columns[i])
	}
}
