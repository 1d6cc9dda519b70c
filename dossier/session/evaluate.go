package session

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/programme"
	"dossier/dossier/validate"
)

// The statuses a dossier shows on the home screen.
const (
	StatusDraft    = "草稿"   // problems left: not a valid data file yet
	StatusComplete = "完整"   // valid, but the enterprise does not meet every rule
	StatusEligible = "符合条件" // valid and every applicable rule passes
	StatusExported = "已导出"  // a package was built and nothing changed since
)

// Evaluate judges the dossier. The result is cached until the next change, so calling it after
// every keystroke costs one evaluation per change.
func (s *Session) Evaluate() *programme.Evaluation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.evaluate()
}

func (s *Session) evaluate() *programme.Evaluation {
	if s.ev == nil {
		s.ev = programme.Evaluate(s.prog, s.file, s.now())
	}
	return s.ev
}

// AppliedDate is the 申报日期 the dossier is judged at, and whether it is the programme's
// default because the user has not entered one (the form then says so).
func (s *Session) AppliedDate() (date time.Time, isDefault bool) {
	ev := s.Evaluate()
	return ev.AppliedOn, ev.AppliedOnDefault
}

// ProblemsFor returns the problems reported at exactly path (a table's own problems, such as
// a missing year, are at the table's path; a cell's at the cell's).
func (s *Session) ProblemsFor(path string) []programme.Problem {
	var out []programme.Problem
	for _, p := range s.Evaluate().Problems {
		if p.Field == path {
			out = append(out, p)
		}
	}
	return out
}

// ProblemsUnder returns the problems at path and inside it (a table's rows and cells).
func (s *Session) ProblemsUnder(path string) []programme.Problem {
	var out []programme.Problem
	for _, p := range s.Evaluate().Problems {
		if p.Field == path || strings.HasPrefix(p.Field, path+"[") || strings.HasPrefix(p.Field, path+".") {
			out = append(out, p)
		}
	}
	return out
}

// Status is the dossier's state for the home screen: StatusDraft, StatusComplete or
// StatusEligible (StatusExported is the UI's to record).
func (s *Session) Status() string {
	ev := s.Evaluate()
	switch {
	case ev.Invalid():
		return StatusDraft
	case ev.Eligible():
		return StatusEligible
	}
	return StatusComplete
}

// CharCount returns the 字数 of the text at path and the field's limit (0 when none), counted
// the way the rules count.
func (s *Session) CharCount(path string) (n, max int) {
	f := s.Field(path)
	if f == nil {
		return 0, 0
	}
	return validate.CharCount(s.Get(path)), f.MaxChars
}

// Export returns a copy of the data file as CONTRACT.md writes it: amounts and counts the user
// typed as text ("1,500.00", full-width digits) become JSON numbers, 是/否 become booleans.
// Text that is not a number stays as typed, so nothing is lost and Evaluate still reports it.
func (s *Session) Export() *dossier.File {
	b, _, err := s.Snapshot()
	if err != nil {
		return nil
	}
	f, err := dossier.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	s.mu.Lock()
	f.Dir = s.file.Dir // relative attachment paths stay relative to the dossier's folder
	s.mu.Unlock()
	if f.AppliedOn = strings.TrimSpace(f.AppliedOn); f.AppliedOn == "" {
		// CONTRACT.md: an empty applied_on is the programme's default; the package's data
		// file says which date its documents were made for.
		d, _ := programme.DefaultAppliedOn(s.prog, s.now())
		f.AppliedOn = d.Format("2006-01-02")
	} else if d, ok := dossier.ParseDate(f.AppliedOn); ok {
		f.AppliedOn = d.Format("2006-01-02") // typed as 2019/5/20: written as the contract does
	}
	for _, sec := range s.prog.Profile().Sections {
		normalizeFields(sec.Fields, f.Enterprise)
	}
	for _, sec := range s.prog.Sections {
		normalizeFields(sec.Fields, f.Answers)
	}
	return f
}

// ExportEvaluation evaluates the exported copy; it shares nothing with the session, so a
// package can be built from it in another goroutine while the user goes on typing.
func (s *Session) ExportEvaluation() *programme.Evaluation {
	f := s.Export()
	if f == nil {
		return s.Evaluate()
	}
	s.mu.Lock()
	now := s.now()
	s.mu.Unlock()
	return programme.Evaluate(s.prog, f, now)
}

func normalizeFields(fields []programme.Field, obj map[string]any) {
	for i := range fields {
		f := &fields[i]
		v, ok := obj[f.ID]
		if !ok {
			continue
		}
		if f.Type == programme.TypeTable {
			rows, _ := v.([]any)
			for _, row := range rows {
				if m, ok := row.(map[string]any); ok {
					normalizeFields(f.Columns, m)
				}
			}
			continue
		}
		if f.Type == programme.TypeObject {
			if m, ok := v.(map[string]any); ok {
				normalizeFields(f.Columns, m)
			}
			continue
		}
		obj[f.ID] = normalize(f, v)
	}
}

// normalize turns typed text into the JSON value the contract expects, when it can, through
// programme.Field.Parse (the parser Evaluate uses): "1,500.00" and "2500万" become numbers,
// 2019/5/20 becomes "2019-05-20", 是/否 booleans. Text it cannot read stays as typed.
func normalize(f *programme.Field, v any) any {
	str, ok := v.(string)
	if !ok {
		return v
	}
	typed, msg := f.Parse(str)
	if msg != "" || typed == nil {
		return str
	}
	switch x := typed.(type) {
	case decimal.D:
		if x.Scale() >= 0 {
			return json.Number(x.String())
		}
	case int:
		return json.Number(strconv.Itoa(x))
	case bool:
		return x
	case time.Time:
		return x.Format("2006-01-02")
	case string:
		if f.Type == programme.TypeEnum || f.Type == programme.TypeDate {
			return strings.TrimSpace(x)
		}
		return x
	}
	return str
}

// Enterprise returns a copy of the enterprise object (values as typed), to save as the
// enterprise's profile.
func (s *Session) Enterprise() map[string]any {
	b, _, err := s.Snapshot()
	if err != nil {
		return map[string]any{}
	}
	f, err := dossier.Decode(bytes.NewReader(b))
	if err != nil {
		return map[string]any{}
	}
	return f.Enterprise
}

// Name is the enterprise name (企业名称), trimmed.
func (s *Session) Name() string { return strings.TrimSpace(s.Get("enterprise.name")) }

// CreditCode is the 统一社会信用代码, trimmed.
func (s *Session) CreditCode() string { return strings.TrimSpace(s.Get("enterprise.credit_code")) }
