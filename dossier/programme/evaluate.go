package programme

import (
	"fmt"
	"maps"
	"reflect"
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
	// Why is the explanation Message ends with for a rule that is not met: the notice's
	// reason for a failed rule, what to fill in for a pending one, the template's fault for an
	// undecidable one; "" when there is none.
	Why   string `json:"why,omitempty"`
	Basis string `json:"basis,omitempty"`
	// Status is one of StatusPassed, StatusFailed, StatusNotApplicable, StatusPending (the
	// rule reads an unanswered field) and StatusUndecidable (a template expression could not
	// be evaluated). Passed is true only for passed and not applicable.
	Status  string `json:"status"`
	Pending bool   `json:"pending,omitempty"`
	// Where is the template's file:line of the expression that could not be evaluated.
	Where string `json:"where,omitempty"`
}

// Evaluation is a data file judged against a programme: typed values, problems, rules.
type Evaluation struct {
	Programme *Programme
	File      *dossier.File
	AppliedOn time.Time
	// AppliedOnDefault is set when the data file gives no 申报日期: AppliedOn is then the
	// programme's default (DefaultAppliedOn), and a warning says so.
	AppliedOnDefault bool
	Problems         []Problem
	Rules            []RuleResult
	// Deadline is the deadline that applies (zero if the template has none).
	Deadline      time.Time
	DeadlineLabel string
	// Milestones are the informational deadlines that apply (the bureau's, not the applicant's).
	Milestones []Milestone

	env      map[string]any
	ent      reflect.Value
	entBoxes boxes                  // ent's fields as interfaces (boxes.go)
	tables   map[string]*tableBoxes // the tables' rows' fields as interfaces, by path
	present  map[string]bool
	visible  map[string]bool
	// unknown maps what expressions may name (an answer id, enterprise.x, a computed id) to the
	// labels of the unanswered fields it stands for; broken, the computed values that could not
	// be evaluated.
	unknown    map[string]string
	broken     map[string]*ExprError
	computeErr map[string]*ExprError
	faults     *faultLog
	// attachments is Attachments(), judged once.
	attachments []AttachmentStatus
	// rowEnvs are the environments of a table's rows for its checks, built once for all of
	// them (documents build their own: they renumber rows).
	rowEnvs map[rowEnvKey]*tableEnv
}

type rowEnvKey struct {
	rec   *record
	table string
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

// Eligible reports whether the data is valid, every template expression could be evaluated
// and every applicable rule passes (a pending or undecidable rule does not).
func (e *Evaluation) Eligible() bool {
	if e.Invalid() || e.Undecidable() {
		return false
	}
	for _, r := range e.Rules {
		if !r.Passed || (r.Status != StatusPassed && r.Status != StatusNotApplicable) {
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

// Evaluate types, checks and judges a data file. A missing applied_on is the programme's
// default (DefaultAppliedOn; today only for a programme without dates). It never fails:
// everything wrong with the data is a Problem, every template expression that cannot be
// evaluated an ExprError, and problems come in the form's order.
func Evaluate(p *Programme, f *dossier.File, today time.Time) *Evaluation {
	pr := p.profile
	// The maps are sized at once: growing them field by field was a tenth of an evaluation.
	fields := len(pr.rec.fields) + len(p.answers.fields)
	e := &Evaluation{Programme: p, File: f, present: make(map[string]bool, 2*fields), visible: make(map[string]bool, fields),
		broken: map[string]*ExprError{}, computeErr: map[string]*ExprError{}, faults: &faultLog{}}
	c := &converter{problems: &e.Problems, present: e.present, p: p}
	if f.Format != dossier.FormatVersion {
		e.problem("format", "格式版本", "数据文件格式版本为 %d，本程序支持 %d", f.Format, dossier.FormatVersion)
	}
	if f.Programme != p.ID {
		e.problem("programme", "申报项目", "数据文件属于“%s”，不是“%s”", f.Programme, p.ID)
	}
	for k := range f.Unknown {
		e.Problems = append(e.Problems, Problem{Field: k, Label: k, Warning: true, Message: fmt.Sprintf("未知的顶层字段“%s”，已忽略", k)})
	}
	e.appliedOn(today)
	e.ent, e.entBoxes = c.convert(pr.rec, f.Enterprise, "enterprise", "", p.recordNames(pr.rec, "enterprise", ""))
	answers, ab := c.convert(p.answers, f.Answers, "", "", nil) // top-level paths are the ids themselves
	e.tables = c.tables
	e.env = baseEnv(pr, e.ent, e.AppliedOn, len(p.answers.fields)+len(p.Computed)+1)
	for i, fd := range p.answers.fields {
		e.env[fd.ID] = ab.at(answers, i)
	}
	e.env["labels"] = p.labels.value(e.env)
	p.headerNames(e.env)
	for _, cm := range p.Computed {
		v, err := run(cm.prog, e.env)
		if err != nil {
			// Kept typed for what reads it; markUnanswered decides whether this is a fault
			// (the template's) or the data's (it reads an unanswered field).
			v = reflect.Zero(cm.prog.Node().Type()).Interface()
			info := e.info(cm.prog)
			e.computeErr[cm.ID] = &ExprError{Where: info.where, What: info.what,
				Message: fmt.Sprintf("%s无法计算：%s（表达式：%s）", info.what, runErrorText(err), info.src)}
		}
		e.env[cm.ID] = v
	}
	e.checkFields(pr, p)
	e.markUnanswered()
	e.deriveHints()
	e.runChecks(pr.checks)
	e.runChecks(p.checks)
	e.judge()
	e.checkAttachments()
	e.SortProblems()
	return e
}

func (e *Evaluation) problem(path, label, format string, args ...any) {
	e.Problems = append(e.Problems, Problem{Field: path, Label: label, Message: label + "：" + fmt.Sprintf(format, args...)})
}

func optionLabel(f *Field, v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			if o.Label != "" {
				return o.Label
			}
			return v
		}
	}
	return v
}

// runChecks evaluates consistency checks; row checks run once per row of their table.
func (e *Evaluation) runChecks(checks []*Check) {
	for _, ck := range checks {
		if ck.row == nil {
			e.runCheck(ck, e.env, -1)
			continue
		}
		t := e.checkRowEnvs(ck.row, ck.table)
		for i := range t.rows {
			e.runCheck(ck, t.at(i), i)
		}
	}
}

// tableEnv is the environment of a table's rows for its checks: one copy of the evaluation's
// environment into which each row's own values are set before its checks run (a copy per row
// took a fifth of an evaluation). Every row sets the same keys (its fields, labels, its place
// and row_no), so nothing of one row is left in another's; expressions only read it.
type tableEnv struct {
	env  map[string]any
	keys []string
	rows [][]any // per row, the values of keys
}

// at is the environment of row i; it stays valid until at is called again.
func (t *tableEnv) at(i int) map[string]any {
	for k, key := range t.keys {
		t.env[key] = t.rows[i][k]
	}
	return t.env
}

// checkRowEnvs are the environments of the rows of table, each with its row_no, for checks;
// built once, shared by every check of the table.
func (e *Evaluation) checkRowEnvs(rec *record, table string) *tableEnv {
	key := rowEnvKey{rec, table}
	if t, ok := e.rowEnvs[key]; ok {
		return t
	}
	t := &tableEnv{env: maps.Clone(e.env), keys: append(rowKeys(rec), "row_no")}
	rows := reflect.ValueOf(e.tableValue(table))
	for i := 0; rows.IsValid() && i < rows.Len(); i++ {
		e.setRow(t.env, rec, rows, table, i)
		t.env["row_no"] = i + 1
		vals := make([]any, len(t.keys))
		for k, key := range t.keys {
			vals[k] = t.env[key]
		}
		t.rows = append(t.rows, vals)
	}
	if e.rowEnvs == nil {
		e.rowEnvs = map[rowEnvKey]*tableEnv{}
	}
	e.rowEnvs[key] = t
	return t
}

// runCheck reports a check that fails, for row row of its table (-1: not a row check). A
// check that reads an unanswered field waits (the field's own 未填写 says what is missing); one
// that cannot be evaluated is an ExprError.
func (e *Evaluation) runCheck(ck *Check, env map[string]any, row int) {
	if ck.when != nil {
		if v, st, _ := e.eval(ck.when, env); st != evalOK || v != true {
			return
		}
	}
	v, st, _ := e.eval(ck.assert, env)
	if st != evalOK || v == true {
		return
	}
	msg := e.render(ck.message, env)
	path, label := ck.path, ck.label
	if row >= 0 { // worded only for a check that fails: most pass
		path = fmt.Sprintf("%s[%d]", ck.table, row)
		if ck.Field != "" {
			path += "." + ck.Field
		}
		label = fmt.Sprintf("%s（第%d行）", ck.label, row+1)
	}
	if label == "" {
		label = ck.ID
	}
	e.Problems = append(e.Problems, Problem{Field: path, Label: label, Message: label + "：" + msg, Warning: ck.Warning})
}

func (e *Evaluation) tableValue(path string) any {
	if id, ok := strings.CutPrefix(path, "enterprise."); ok {
		return e.Programme.profile.rec.get(e.ent, id)
	}
	return e.env[path]
}

// rowKeys are the names a table row sets in its environment (setRow): its fields, their
// labels and its place.
func rowKeys(rec *record) []string {
	keys := make([]string, 0, len(rec.fields)+3)
	for _, f := range rec.fields {
		keys = append(keys, f.ID)
	}
	return append(keys, "labels", rowKey)
}

// setRow sets in env what row i of the table at path adds to the evaluation's environment:
// the row's fields, their labels and its place (rowKeys).
func (e *Evaluation) setRow(env map[string]any, rec *record, rows reflect.Value, path string, i int) {
	row := rows.Index(i)
	b := e.rowBoxes(path, rows).row(i)
	for k, f := range rec.fields {
		env[f.ID] = b.at(row, k)
	}
	env["labels"] = e.Programme.rowLabels(rec).value(env)
	names := e.Programme.rowNames(rec, path, "", i) // path[i] and its columns' paths, made once
	env[rowKey] = rowCtx{rec: rec, names: names}
}

// judge evaluates the rules and the deadline.
func (e *Evaluation) judge() {
	e.Rules = make([]RuleResult, 0, len(e.Programme.Rules)+1) // and the deadline's
	e.env[envDeadline] = e.applicableDeadline()
	for _, r := range e.Programme.Rules {
		e.Rules = append(e.Rules, e.judgeRule(r))
	}
	e.judgeDeadline()
}

// judgeRule judges one rule, failing closed: a rule whose when, value or assert reads an
// unanswered field is pending; one whose expression raises is undecidable.
func (e *Evaluation) judgeRule(r Rule) RuleResult {
	res := RuleResult{ID: r.ID, Label: r.Label, Threshold: e.render(r.threshold, e.env), Basis: r.Basis, Applies: true}
	if r.when != nil {
		v, st, x := e.eval(r.when, e.env)
		if st != evalOK {
			return e.unjudged(res, st, x, r.when)
		}
		res.Applies = v == true
	}
	if !res.Applies {
		res.Passed, res.Status = true, StatusNotApplicable
		res.Message = fmt.Sprintf("%s：不适用", r.Label)
		return res
	}
	if r.value != nil {
		v, st, x := e.eval(r.value, e.env)
		if st != evalOK {
			return e.unjudged(res, st, x, r.value)
		}
		res.Value = ruleValue(v, r.Format)
		if r.Format == string(TypeMoney) {
			res.Value += " " + MoneyUnit
		}
	}
	v, st, x := e.eval(r.assert, e.env)
	if st != evalOK {
		return e.unjudged(res, st, x, r.assert)
	}
	res.Passed = v == true
	res.Status = StatusFailed
	if res.Passed {
		res.Status = StatusPassed
	}
	res.explain(e.render(r.why, e.env))
	return res
}

// unjudged is a rule that could not be judged: pending (what to fill in) or undecidable
// (where the template's expression failed).
func (e *Evaluation) unjudged(res RuleResult, st outcome, x *ExprError, p *program) RuleResult {
	res.Passed, res.Value = false, ""
	if st == evalPending {
		res.Status, res.Pending = StatusPending, true
		res.Message = fmt.Sprintf("%s：待填写（要求：%s）", res.Label, res.Threshold)
		if missing := e.missingFor(p); missing != "" {
			res.Why = "请先填写：" + missing
			res.Message += "。" + res.Why
		}
		return res
	}
	res.Status, res.Where = StatusUndecidable, x.Where
	res.Why = fmt.Sprintf("模板 %s：%s", x.Where, x.Message)
	res.Message = fmt.Sprintf("%s：无法判定（要求：%s）。%s", res.Label, res.Threshold, res.Why)
	return res
}

// explain writes the result's Message from its parts, with why (the reason it is not met)
// kept in Why.
func (r *RuleResult) explain(why string) {
	if !r.Passed {
		r.Why = why
	}
	r.Message = ruleMessage(*r, why)
}

func ruleMessage(r RuleResult, why string) string {
	verdict := "符合"
	if !r.Passed {
		verdict = "不符合"
	}
	var b strings.Builder
	b.Grow(len(r.Label) + len(r.Threshold) + len(r.Value) + len(why) + 48)
	for _, s := range []string{r.Label, "：", verdict, "（要求：", r.Threshold} {
		b.WriteString(s)
	}
	if r.Value != "" {
		b.WriteString("；实际：")
		b.WriteString(r.Value)
	}
	b.WriteString("）")
	if !r.Passed && why != "" {
		b.WriteString("。")
		b.WriteString(why)
	}
	return b.String()
}

func (e *Evaluation) judgeDeadline() {
	judged := false
	for _, d := range e.Programme.Deadlines {
		if d.when != nil {
			if v, st, _ := e.eval(d.when, e.env); st != evalOK || v != true {
				continue
			}
		}
		if d.Informational {
			e.Milestones = append(e.Milestones, Milestone{Label: d.Label, Date: d.Date})
			continue
		}
		if judged {
			continue
		}
		judged = true
		e.Deadline, e.DeadlineLabel = d.Date, d.Label
		res := RuleResult{ID: "deadline", Label: "申报截止日期", Applies: true,
			Threshold: fmt.Sprintf("%s 前（含当日，%s）", d.Date.Format("2006-01-02"), d.Label),
			Value:     "申报日期 " + e.AppliedOn.Format("2006-01-02")}
		if e.AppliedOnDefault {
			res.Value += "（未填写，按通知默认）"
		}
		res.Passed = !e.AppliedOn.After(d.Date)
		res.Status = StatusFailed
		why := ""
		if res.Passed {
			res.Status = StatusPassed
		} else {
			why = fmt.Sprintf("已超过%s的截止日期 %d 天", d.Label, int(e.AppliedOn.Sub(d.Date).Hours()/24))
		}
		res.explain(why)
		e.Rules = append(e.Rules, res)
	}
}
