package programme

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"dossier/dossier"
)

// Problem is something wrong with the data itself (missing, malformed, inconsistent). Unless it
// is a Warning it makes the data invalid.
type Problem struct {
	Field   string `json:"field"`   // path: enterprise.credit_code, finance[1].year, category
	Label   string `json:"label"`   // the field as the form labels it
	Message string `json:"message"` // Chinese, starts with the label
	Warning bool   `json:"warning,omitempty"`
}

// RuleResult is one eligibility condition, judged.
type RuleResult struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Applies   bool   `json:"applies"`
	Passed    bool   `json:"passed"`
	Threshold string `json:"threshold"`
	Value     string `json:"value"`
	Message   string `json:"message"`
	Basis     string `json:"basis,omitempty"`
}

// Evaluation is a data file judged against a programme: typed values, problems, rules.
type Evaluation struct {
	Programme *Programme
	File      *dossier.File
	AppliedOn time.Time
	Problems  []Problem
	Rules     []RuleResult
	// Deadline is the deadline that applies (zero if the template has none).
	Deadline      time.Time
	DeadlineLabel string
	// Milestones are the informational deadlines that apply (the bureau's, not the applicant's).
	Milestones []Milestone

	env     map[string]any
	ent     reflect.Value
	present map[string]bool
	visible map[string]bool
}

// Invalid reports whether any problem is an error (not a warning).
func (e *Evaluation) Invalid() bool {
	for _, p := range e.Problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Eligible reports whether the data is valid and every applicable rule passes.
func (e *Evaluation) Eligible() bool {
	if e.Invalid() {
		return false
	}
	for _, r := range e.Rules {
		if r.Applies && !r.Passed {
			return false
		}
	}
	return true
}

// Visible reports whether a field (or section) is shown under the current answers.
func (e *Evaluation) Visible(id string) bool {
	v, ok := e.visible[id]
	return !ok || v
}

// Milestone is a dated step that is not the applicant's deadline.
type Milestone struct {
	Label string
	Date  time.Time
}

// Evaluate types, checks and judges a data file. today stands in for a missing applied_on.
// It never fails: everything wrong is a Problem.
func Evaluate(p *Programme, f *dossier.File, today time.Time) *Evaluation {
	e := &Evaluation{Programme: p, File: f, present: map[string]bool{}, visible: map[string]bool{}}
	c := &converter{problems: &e.Problems, present: e.present}
	if f.Format != dossier.FormatVersion {
		e.problem("format", "格式版本", "数据文件格式版本为 %d，本程序支持 %d", f.Format, dossier.FormatVersion)
	}
	if f.Programme != p.ID.S {
		e.problem("programme", "申报项目", "数据文件属于“%s”，不是“%s”", f.Programme, p.ID.S)
	}
	for k := range f.Unknown {
		e.Problems = append(e.Problems, Problem{Field: k, Label: k, Warning: true, Message: fmt.Sprintf("未知的顶层字段“%s”，已忽略", k)})
	}
	var ok bool
	if e.AppliedOn, ok = f.AppliedDate(today); !ok {
		e.problem("applied_on", "申报日期", "“%s”不是有效日期，格式 YYYY-MM-DD", f.AppliedOn)
		e.AppliedOn = today
	}
	pr := p.profile
	e.ent = c.convert(pr.rec, f.Enterprise, "enterprise", "")
	answers := c.convert(p.answers, f.Answers, "", "")
	e.env = baseEnv(pr, e.ent, e.AppliedOn)
	for i, fd := range p.answers.fields {
		e.env[fd.ID.S] = answers.Field(i).Interface()
	}
	e.env["labels"] = p.labels.value(e.env)
	for _, cm := range p.computed {
		v, err := run(cm.prog, e.env)
		if err != nil {
			v = reflect.Zero(cm.prog.Node().Type()).Interface()
		}
		e.env[cm.ID.S] = v
	}
	e.checkFields(pr, p)
	e.runChecks(pr.checks)
	e.runChecks(p.checks)
	e.judge()
	return e
}

func (e *Evaluation) problem(path, label, format string, args ...any) {
	e.Problems = append(e.Problems, Problem{Field: path, Label: label, Message: label + "：" + fmt.Sprintf(format, args...)})
}

func optionLabel(f *Field, v string) string {
	for _, o := range f.Options {
		if o.Value.S == v {
			if o.Label != "" {
				return o.Label
			}
			return v
		}
	}
	return v
}

// runChecks evaluates consistency checks; row checks run once per row of their table.
func (e *Evaluation) runChecks(checks []compiledCheck) {
	for _, ck := range checks {
		if ck.row == nil {
			e.runCheck(ck, e.env, ck.path, ck.label)
			continue
		}
		rows := reflect.ValueOf(e.tableValue(ck.table))
		for i := 0; rows.IsValid() && i < rows.Len(); i++ {
			env := e.rowEnv(ck.row, rows.Index(i))
			env["row_no"] = i + 1
			path := fmt.Sprintf("%s[%d]", ck.table, i)
			if ck.Field.Set() {
				path += "." + ck.Field.S
			}
			e.runCheck(ck, env, path, fmt.Sprintf("%s（第%d行）", ck.label, i+1))
		}
	}
}

func (e *Evaluation) runCheck(ck compiledCheck, env map[string]any, path, label string) {
	if ck.when != nil {
		if v, err := run(ck.when, env); err != nil || v != true {
			return
		}
	}
	v, err := run(ck.assert, env)
	if err == nil && v == true {
		return
	}
	msg := ck.message.render(env)
	if err != nil {
		msg += "（无法计算：" + err.Error() + "）"
	}
	if label == "" {
		label = ck.ID.S
	}
	e.Problems = append(e.Problems, Problem{Field: path, Label: label, Message: label + "：" + msg, Warning: ck.Warning})
}

func (e *Evaluation) tableValue(path string) any {
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		return e.Programme.profile.rec.get(e.ent, id)
	}
	return e.env[path]
}

// rowEnv is the environment inside one table row.
func (e *Evaluation) rowEnv(rec *record, row reflect.Value) map[string]any {
	env := make(map[string]any, len(e.env)+len(rec.fields))
	for k, v := range e.env {
		env[k] = v
	}
	for k, v := range rec.asMap(row) {
		env[k] = v
	}
	env["labels"] = e.Programme.rowLabels(rec).value(env)
	return env
}

// judge evaluates the rules and the deadline.
func (e *Evaluation) judge() {
	p := e.Programme
	for _, r := range p.rules {
		res := RuleResult{ID: r.ID.S, Label: r.Label, Threshold: r.threshold.render(e.env), Basis: r.Basis, Applies: true}
		if r.when != nil {
			v, err := run(r.when, e.env)
			res.Applies = err == nil && v == true
		}
		if r.value != nil {
			if v, err := run(r.value, e.env); err == nil {
				res.Value = Format(v, r.Format)
				if r.Format == TypeMoney {
					res.Value += " 万元"
				}
			} else {
				res.Value = "无法计算（" + err.Error() + "）"
			}
		}
		if !res.Applies {
			res.Passed = true
			res.Message = fmt.Sprintf("%s：不适用", r.Label)
			e.Rules = append(e.Rules, res)
			continue
		}
		v, err := run(r.assert, e.env)
		res.Passed = err == nil && v == true
		res.Message = ruleMessage(res, r.message.render(e.env))
		e.Rules = append(e.Rules, res)
	}
	e.judgeDeadline()
}

func ruleMessage(r RuleResult, why string) string {
	verdict := "符合"
	if !r.Passed {
		verdict = "不符合"
	}
	msg := fmt.Sprintf("%s：%s（要求：%s", r.Label, verdict, r.Threshold)
	if r.Value != "" {
		msg += "；实际：" + r.Value
	}
	msg += "）"
	if !r.Passed && why != "" {
		msg += "。" + why
	}
	return msg
}

func (e *Evaluation) judgeDeadline() {
	judged := false
	for _, d := range e.Programme.deadlines {
		if d.when != nil {
			if v, err := run(d.when, e.env); err != nil || v != true {
				continue
			}
		}
		if d.Informational {
			e.Milestones = append(e.Milestones, Milestone{Label: d.Label.S, Date: d.date})
			continue
		}
		if judged {
			continue
		}
		judged = true
		e.Deadline, e.DeadlineLabel = d.date, d.Label.S
		res := RuleResult{ID: "deadline", Label: "申报截止日期", Applies: true,
			Threshold: fmt.Sprintf("%s 前（含当日，%s）", d.date.Format("2006-01-02"), d.Label.S),
			Value:     "申报日期 " + e.AppliedOn.Format("2006-01-02")}
		res.Passed = !e.AppliedOn.After(d.date)
		why := ""
		if !res.Passed {
			why = fmt.Sprintf("已超过%s的截止日期 %d 天", d.Label.S, int(e.AppliedOn.Sub(d.date).Hours()/24))
		}
		res.Message = ruleMessage(res, why)
		e.Rules = append(e.Rules, res)
	}
}

// SortProblems orders problems by the form's order: enterprise first, then answers.
func (e *Evaluation) SortProblems() {
	sort.SliceStable(e.Problems, func(i, j int) bool {
		return strings.HasPrefix(e.Problems[i].Field, "enterprise") && !strings.HasPrefix(e.Problems[j].Field, "enterprise")
	})
}
