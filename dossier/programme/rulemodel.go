package programme

import "time"

// The judging parts of a programme as compiled from the template: computed values, checks of
// the data, eligibility rules and deadlines, each owning its compiled expressions and texts.

// Computed is a value derived from answers, available to rules and outputs by its id.
type Computed struct {
	ID    string
	Label string
	Type  FieldType // money percent integer text bool date, or "list"
	Expr  string    // the expression as written

	prog *program
}

// Check is a consistency check of the data (a failed check makes the data invalid, unlike a
// rule, which makes the enterprise ineligible).
type Check struct {
	ID      string
	Field   string // the field the problem is shown at, as written (a column of a row check)
	Warning bool   // a warning is shown but does not make the data invalid
	Basis   string

	when, assert *program
	message      *Text
	path, label  string
	table        string  // for row checks: the table field path (enterprise.finance)
	row          *record // for row checks: the row record
}

// CheckIDs are the ids of the programme's own checks (not its tables' row checks), in order:
// what a child template names to replace, remove or place checks.
func (p *Programme) CheckIDs() []string {
	var ids []string
	for _, c := range p.checks {
		if c.table == "" {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// Rule is one eligibility condition of the notice.
type Rule struct {
	ID     string
	Label  string // 2018年度主营业务收入
	Format string // how the value the check saw is shown: money percent integer text bool date
	Basis  string // where the notice says so: 二、（一）1
	// Threshold is the notice's threshold in words as written (≥ 1500 万元); it may hold
	// {{ … }}, which RuleResult.Threshold has filled.
	Threshold string

	when, assert, value *program
	why, threshold      *Text // the failure's explanation, the threshold
}

// Deadline is a submission deadline; the first whose condition holds applies (inclusive).
type Deadline struct {
	ID    string
	Label string    // 研发费用加计扣除奖励资金项目
	Date  time.Time // the last day allowed
	// Informational deadlines are someone else's (the city bureau's summary): shown with the
	// dossier, never judged.
	Informational bool

	when *program // nil: always
}
