package programme

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
)

// Rule statuses (RuleResult.Status). A rule is judged only on what was answered: one that
// reads an unanswered field is pending, one whose expression cannot be evaluated (a bug of the
// template) is undecidable. Neither ever passes.
const (
	StatusPassed        = "passed"         // 符合
	StatusFailed        = "failed"         // 不符合
	StatusNotApplicable = "not_applicable" // 不适用
	StatusPending       = "pending"        // 待填写
	StatusUndecidable   = "undecidable"    // 无法判定
)

// ExprError is a template expression that could not be evaluated on this data (division by
// zero, an index out of range, a result too large): the template's bug, never the data's.
type ExprError struct {
	Where   string `json:"where"`   // the template's file:line
	What    string `json:"what"`    // 规则 “x” 的 assert
	Message string `json:"message"` // Chinese: what went wrong and the expression
}

func (x ExprError) String() string { return x.Where + "：" + x.Message }

// faultLog gathers the expression errors of one evaluation; documents are built after the
// evaluation (possibly in another goroutine), so it has its own lock.
type faultLog struct {
	mu   sync.Mutex
	list []ExprError
	seen map[string]bool
}

func (l *faultLog) add(x ExprError) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	key := x.Where + "\x00" + x.What
	if l.seen[key] {
		return
	}
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	l.seen[key] = true
	l.list = append(l.list, x)
}

func (l *faultLog) all() []ExprError {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]ExprError(nil), l.list...)
}

// outcome is how an expression's evaluation went.
type outcome int

const (
	evalOK      outcome = iota
	evalPending         // it reads an unanswered field: the value means nothing yet
	evalFault           // it could not be evaluated (or reads a computed value that could not)
)

// rowKey holds, in a table row's environment, which row it is (so that a column the row leaves
// empty counts as unanswered). Expressions cannot name it.
const rowKey = "\x00row"

type rowCtx struct {
	rec   *record
	names *fieldNames // the row's names (cellnames.go): its path (enterprise.finance[2]) and each column's
}

func (e *Evaluation) info(p *program) *progInfo {
	if p.info != nil {
		return p.info
	}
	return &progInfo{where: e.Programme.File, what: "表达式"}
}

// eval runs an expression, failing closed: an expression that reads an unanswered field is
// pending, one that raises (or reads a computed value that raised) is a fault, recorded.
func (e *Evaluation) eval(p *program, env map[string]any) (any, outcome, *ExprError) {
	if p == nil {
		return nil, evalFault, &ExprError{Where: e.Programme.File, What: "表达式", Message: "表达式未编译"}
	}
	info := e.info(p)
	pending := false
	rc, inRow := env[rowKey].(rowCtx) // looked up once, not for every reference
	for _, ref := range info.refs {
		if x := e.broken[ref]; x != nil && !e.isColumn(ref, env) {
			return nil, evalFault, x
		}
		if e.unansweredIn(ref, rc, inRow) {
			pending = true
		}
	}
	if pending {
		return nil, evalPending, nil
	}
	v, err := run(p, env)
	if err != nil {
		x := &ExprError{Where: info.where, What: info.what,
			Message: fmt.Sprintf("%s无法计算：%s（表达式：%s）", info.what, runErrorText(err), info.src)}
		e.faults.add(*x)
		return nil, evalFault, x
	}
	return v, evalOK, nil
}

// exec runs an expression whose unanswered inputs are read as empty values (show_if,
// required_if, a block's when), recording a fault.
func (e *Evaluation) exec(p *program, env map[string]any) (any, bool) {
	if p == nil {
		return nil, false
	}
	info := e.info(p)
	v, err := run(p, env)
	if err != nil {
		e.faults.add(ExprError{Where: info.where, What: info.what,
			Message: fmt.Sprintf("%s无法计算：%s（表达式：%s）", info.what, runErrorText(err), info.src)})
		return nil, false
	}
	return v, true
}

func (e *Evaluation) isColumn(name string, env map[string]any) bool {
	rc, ok := env[rowKey].(rowCtx)
	if !ok {
		return false
	}
	_, col := rc.rec.index[name]
	return col
}

// unanswered reports whether ref (as an expression names it) is a field left unanswered.
func (e *Evaluation) unanswered(ref string, env map[string]any) bool {
	rc, inRow := env[rowKey].(rowCtx)
	return e.unansweredIn(ref, rc, inRow)
}

// unansweredIn is unanswered in an environment whose row is rc (inRow), or none.
func (e *Evaluation) unansweredIn(ref string, rc rowCtx, inRow bool) bool {
	if inRow {
		if i, col := rc.rec.index[ref]; col {
			return !e.present[rc.names.paths[i]] && mustAnswer(rc.rec.fields[i])
		}
	}
	return e.unknown[ref] != ""
}

// mustAnswer reports whether leaving f empty leaves its value unknown, rather than meaning
// "none": a 是/否 question (unanswered is not 否), a date (there is no empty date), a required
// field.
func mustAnswer(f *Field) bool {
	return f.Required || f.Type == TypeBool || f.Type == TypeDate
}

// markUnanswered finds the unanswered fields expressions may read: the enterprise's, and the
// visible answers (top-level, and an object's parts). Computed values that read one are
// unanswered too, and a computed value that could not be evaluated breaks what reads it.
func (e *Evaluation) markUnanswered() {
	e.unknown = map[string]string{}
	for _, s := range e.Programme.profile.Sections {
		for i := range s.Fields {
			f := &s.Fields[i]
			if !e.present["enterprise."+f.ID] && mustAnswer(f) {
				e.unknown["enterprise."+f.ID] = f.Label
			}
		}
	}
	for _, s := range e.Programme.Sections {
		if !e.Visible(s.ID) {
			continue
		}
		for i := range s.Fields {
			if f := &s.Fields[i]; e.Visible(f.ID) {
				e.markAnswer(f)
			}
		}
	}
	for _, cm := range e.Programme.Computed {
		e.markComputed(cm)
	}
}

func (e *Evaluation) markAnswer(f *Field) {
	if f.Type == TypeObject {
		for j := range f.Columns {
			c := &f.Columns[j]
			if path := f.ID + "." + c.ID; !e.present[path] && mustAnswer(c) {
				e.unknown[path] = f.Label + " " + c.Label
			}
		}
		return
	}
	if !e.present[f.ID] && f.Type != TypeTable && (mustAnswer(f) || e.requiredNow(f)) {
		e.unknown[f.ID] = f.Label
	}
}

// markComputed: a computed value reading a broken one is broken; reading an unanswered field,
// unanswered (its own error, if any, is then the data's, not the template's); else its own
// error is a fault.
func (e *Evaluation) markComputed(cm Computed) {
	var missing []string
	var broken *ExprError
	for _, ref := range e.info(cm.prog).refs {
		if x := e.broken[ref]; x != nil && broken == nil {
			broken = x
		}
		if l := e.unknown[ref]; l != "" {
			missing = append(missing, l)
		}
	}
	switch x := e.computeErr[cm.ID]; {
	case broken != nil:
		e.broken[cm.ID] = broken
	case len(missing) > 0:
		e.unknown[cm.ID] = strings.Join(dedupe(missing), "、")
	case x != nil:
		e.broken[cm.ID] = x
		e.faults.add(*x)
	}
}

func (e *Evaluation) requiredNow(f *Field) bool {
	prog := e.Programme.requiredIf[f.ID]
	if prog == nil {
		return false
	}
	v, _ := e.exec(prog, e.env)
	return v == true
}

// missingFor lists, as the form labels them, the unanswered fields an expression reads.
func (e *Evaluation) missingFor(progs ...*program) string {
	var out []string
	for _, p := range progs {
		if p == nil {
			continue
		}
		for _, ref := range e.info(p).refs {
			if l := e.unknown[ref]; l != "" {
				out = append(out, l)
			}
		}
	}
	return strings.Join(dedupe(out), "、")
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		for _, part := range strings.Split(s, "、") {
			if !seen[part] {
				seen[part] = true
				out = append(out, part)
			}
		}
	}
	return out
}

// ExprErrors are the template expressions that could not be evaluated on this data, so far:
// Faults also renders every document.
func (e *Evaluation) ExprErrors() []ExprError { return e.faults.all() }

// Faults renders every output of the dossier (without writing anything) and returns every
// template expression that could not be evaluated: a dossier with any cannot be judged, and
// no package may be built from it.
func (e *Evaluation) Faults() []ExprError {
	for _, o := range e.Outputs() {
		e.FileName(o)
		switch o.Kind {
		case KindReport:
			e.Report(o, e.AppliedOn)
		case KindSheet:
			if o.Sheet != nil {
				_, _ = e.sheetRows(o.Sheet, 1)
			}
		}
	}
	return e.faults.all()
}

// Undecidable reports whether a template expression could not be evaluated (so far; see Faults).
func (e *Evaluation) Undecidable() bool { return len(e.faults.all()) > 0 }

// Pending reports whether some rule waits for an answer.
func (e *Evaluation) Pending() bool {
	for _, r := range e.Rules {
		if r.Status == StatusPending {
			return true
		}
	}
	return false
}

// rowEnvAt is the environment of row i of a table at path.
func (e *Evaluation) rowEnvAt(rec *record, rows reflect.Value, path string, i int) map[string]any {
	env := maps.Clone(e.env) // whole, twice as fast as key by key
	e.setRow(env, rec, rows, path, i)
	return env
}
