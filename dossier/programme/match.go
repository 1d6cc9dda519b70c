package programme

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"dossier/dossier"
)

// Matching (政策匹配): one enterprise judged against every programme. The enterprise comes
// from a data file of any programme, or one with only "enterprise"; for each programme a data
// file is made from it (FileFor) and evaluated as check would, and the result is reduced to a
// verdict, the unmet rules with their gaps (gap.go), and the fields a verdict still needs.
//
// Answers: the profile (enterprise) is shared by every programme and always used. A data
// file's own programme gets all of its answers; another programme gets only the answers whose
// id names a field of the same type there (a table or object with the same columns, a choice
// whose options it offers too), so that 是否独立法人 carries over and nothing is guessed.
//
// The date: matching asks "can it apply now", so the application date is the file's
// applied_on when it gives one, else today — never a programme's default date.

// Verdicts of a match (CONTRACT.md `match --json`).
const (
	VerdictEligible    = "eligible"     // 符合
	VerdictNotEligible = "not-eligible" // 不符合
	VerdictIncomplete  = "incomplete"   // 待补充
)

// VerdictText is a verdict in words: 符合 / 不符合 / 待补充.
func VerdictText(v string) string {
	switch v {
	case VerdictEligible:
		return "符合"
	case VerdictNotEligible:
		return "不符合"
	}
	return "待补充"
}

// Unmet is a rule that does not pass: failed (with its gap, when the rule's shape allows one
// to be measured) or undecidable (a template expression could not be evaluated: no gap).
type Unmet struct {
	Rule    string `json:"rule"`
	Label   string `json:"-"`
	Message string `json:"message"`
	Gap     string `json:"gap"`
	Status  string `json:"-"` // StatusFailed or StatusUndecidable
}

// MatchResult is one programme judged for the enterprise.
type MatchResult struct {
	Programme *Programme
	Verdict   string
	Unmet     []Unmet
	// Missing are the fields, as the form labels them, a verdict still needs: read by a rule
	// (or deciding which deadline applies) and not answered, or holding data the programme
	// finds wrong (Problems says what).
	Missing []string
	// Problems are what this programme finds wrong with the data (not "未填写").
	Problems []Problem
	// Deadline is the applicable deadline (zero when the programme has none, or when which
	// one applies is not known yet); DaysLeft counts from the application date (negative:
	// passed).
	Deadline      time.Time
	DeadlineLabel string
	DaysLeft      int
	// File is the data file made for the programme (everything known filled in: the GUI
	// creates a dossier from it); Evaluation, its evaluation.
	File       *dossier.File
	Evaluation *Evaluation
}

// Reasons is the verdict's explanation in one line: the gaps (or messages) of the unmet
// rules, then what is missing.
func (m *MatchResult) Reasons() string {
	parts := m.Shortfalls()
	if len(m.Missing) > 0 {
		parts = append(parts, "待补充："+strings.Join(m.Missing, "、"))
	}
	if len(parts) == 0 {
		return "全部条件符合"
	}
	return strings.Join(parts, "；")
}

// Shortfalls are what stands between the enterprise and the programme, a line each: every
// unmet rule's gap (its message when no gap can be measured), then what the programme finds
// wrong with the enterprise's data. Missing answers are not among them.
func (m *MatchResult) Shortfalls() []string {
	var out []string
	for _, u := range m.Unmet {
		if u.Gap != "" {
			out = append(out, u.Gap)
		} else {
			out = append(out, u.Message)
		}
	}
	for _, p := range m.Problems {
		out = append(out, p.Message)
	}
	return out
}

// MatchAll judges the enterprise of f against every programme of the set, in the set's
// order. problems are what is wrong with the file itself (its enterprise data; a required
// field left empty is not among them, matching lists it as missing where a rule needs it):
// when any is not a warning, the file is invalid and the results should not be shown.
func MatchAll(set *Set, f *dossier.File, today time.Time) (results []MatchResult, problems []Problem) {
	problems = FileProblems(f, today)
	src := set.Get(f.Programme)
	all := set.All()
	results = make([]MatchResult, len(all))
	// Programmes are independent and immutable: judged in parallel, one per core.
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range all {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = Match(p, src, f, today)
		}()
	}
	wg.Wait()
	return results, problems
}

// FileProblems are the problems of a data file's enterprise and application date as the
// profile sees them, without "未填写" (errors and warnings).
func FileProblems(f *dossier.File, today time.Time) []Problem {
	pp, err := ProfileOnly()
	if err != nil {
		return []Problem{{Field: "enterprise", Label: "企业信息", Message: "企业信息：无法加载企业信息的定义"}}
	}
	own := &dossier.File{Format: f.Format, FormatAssumed: f.FormatAssumed, Programme: pp.ID,
		AppliedOn: f.AppliedOn, Enterprise: f.Enterprise, Answers: map[string]any{}}
	ev := Evaluate(pp, own, today)
	var out []Problem
	for _, p := range ev.Problems {
		if isUnfilled(p) || (p.Field == "applied_on" && p.Warning) {
			continue // a date outside a programme's year is for check to say, not a match
		}
		out = append(out, p)
	}
	return out
}

func isUnfilled(p Problem) bool { return !p.Warning && p.Message == p.Label+"：未填写" }

var (
	profileProgOnce sync.Once
	profileProg     *Programme
	profileProgErr  error
)

// ProfileOnly is a programme with no fields, rules or outputs of its own: evaluating it checks
// only the enterprise profile and the 申报日期 (the enterprise screen, FileProblems). Compiled
// once; the same value for every caller.
func ProfileOnly() (*Programme, error) {
	profileProgOnce.Do(func() {
		profileProg, profileProgErr = Parse("<企业信息>", []byte("format: 1\nid: enterprise-profile\nversion: 1\ntitle: 企业信息\n"), nil)
	})
	return profileProg, profileProgErr
}

// FileFor is the data file for programme p made from f (a data file of programme src, which
// may be nil when f's programme is unknown or f has only an enterprise): f's enterprise, the
// answers p can take over (see above), and f's application date, else today.
func FileFor(p, src *Programme, f *dossier.File, today time.Time) *dossier.File {
	out := &dossier.File{Format: dossier.FormatVersion, Programme: p.ID, AppliedOn: f.AppliedOn,
		Enterprise: make(map[string]any, len(f.Enterprise)), Answers: map[string]any{}}
	if out.AppliedOn == "" {
		out.AppliedOn = today.Format("2006-01-02")
	}
	for k, v := range f.Enterprise { // a map of its own: one programme's file may be edited alone
		out.Enterprise[k] = v
	}
	for k, v := range f.Answers {
		switch {
		case f.Programme == p.ID:
			out.Answers[k] = v
		case src != nil && compatible(src.fields[k], p.fields[k]):
			out.Answers[k] = v
		}
	}
	if f.Programme != p.ID {
		dropDangling(p, out.Answers)
	}
	return out
}

// dropDangling leaves out the tables whose columns reference the rows of a table that was not
// taken over (研发活动 citing IP01 without the 知识产权 table).
func dropDangling(p *Programme, answers map[string]any) {
	for k := range answers {
		f := p.fields[k]
		if f == nil {
			continue
		}
		for i := range f.Columns {
			if ref := f.Columns[i].Ref; ref != "" && answers[ref] == nil {
				delete(answers, k)
				break
			}
		}
	}
}

// compatible reports whether an answer to a can be an answer to b: same type, the same
// columns for tables and objects, and every option of a offered by b.
func compatible(a, b *Field) bool {
	if a == nil || b == nil || a.Type != b.Type || len(a.Columns) != len(b.Columns) || a.Numbering != b.Numbering {
		return false
	}
	for i := range a.Columns {
		if a.Columns[i].ID != b.Columns[i].ID || !compatible(&a.Columns[i], &b.Columns[i]) {
			return false
		}
	}
	for _, o := range a.Options {
		if !hasOption(b, o.Value) {
			return false
		}
	}
	return true
}

// Match judges the enterprise of f (a data file of src, or nil) for programme p.
func Match(p, src *Programme, f *dossier.File, today time.Time) MatchResult {
	file := FileFor(p, src, f, today)
	ev := Evaluate(p, file, today)
	m := MatchResult{Programme: p, File: file, Evaluation: ev}
	var missing []string
	pending := false // fail closed: a rule waiting for an answer never lets a programme match
	for i, cr := range p.Rules {
		r := ev.Rules[i]
		switch r.Status {
		case StatusFailed:
			m.Unmet = append(m.Unmet, Unmet{Rule: r.ID, Label: r.Label, Message: r.Message, Gap: ev.gapOf(cr), Status: r.Status})
		case StatusUndecidable:
			m.Unmet = append(m.Unmet, Unmet{Rule: r.ID, Label: r.Label, Message: r.Message, Status: r.Status})
		case StatusPending:
			pending = true
			missing = append(missing, ev.missingList(cr.when, cr.value, cr.assert)...)
		}
	}
	deciding, undecided := ev.matchDeadline(&m)
	missing = append(missing, deciding...)
	pending = pending || undecided
	for _, pr := range ev.Problems {
		// The programme's own answers are check's business (a table not filled in yet
		// breaks its consistency checks); what it finds wrong with the enterprise counts.
		if pr.Warning || isUnfilled(pr) || !strings.HasPrefix(pr.Field, "enterprise.") {
			continue
		}
		m.Problems = append(m.Problems, pr)
		missing = append(missing, pr.Label)
	}
	m.Missing = uniq(missing)
	m.Verdict = m.verdict(pending)
	return m
}

// verdict sums a match up: not eligible when a rule fails, incomplete while anything waits for
// an answer or cannot be judged, else eligible.
func (m *MatchResult) verdict(pending bool) string {
	failed := false
	for _, u := range m.Unmet {
		failed = failed || u.Status == StatusFailed
	}
	switch {
	case failed:
		return VerdictNotEligible
	case pending || len(m.Unmet) > 0 || len(m.Missing) > 0:
		return VerdictIncomplete
	}
	return VerdictEligible
}

// missingList lists, as the form labels them, the unanswered fields the expressions read
// (through computed values too).
func (e *Evaluation) missingList(progs ...*program) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(p *program)
	walk = func(p *program) {
		if p == nil {
			return
		}
		for _, ref := range e.info(p).refs {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			if cm, ok := e.Programme.computedByID(ref); ok {
				walk(cm.prog)
			} else if l := e.unknown[ref]; l != "" {
				out = append(out, l)
			}
		}
	}
	for _, p := range progs {
		walk(p)
	}
	return out
}

func (p *Programme) computedByID(id string) (Computed, bool) {
	for _, cm := range p.Computed {
		if cm.ID == id {
			return cm, true
		}
	}
	return Computed{}, false
}

// uniq keeps the first of each text.
func uniq(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// matchDeadline judges the deadline for a match. Evaluate takes the first deadline whose
// condition holds, and passes over one whose condition is not answered yet; a match must not:
// while which deadline applies is unknown, the deadline is passed only if every one that may
// apply is passed, met only if every one is met, and otherwise waits for the fields that decide.
func (e *Evaluation) matchDeadline(m *MatchResult) (missing []string, pending bool) {
	candidates, deciding := e.deadlineCandidates()
	if len(candidates) == 0 {
		return nil, false
	}
	passed, open := 0, 0
	for _, d := range candidates {
		if e.AppliedOn.After(d.Date) {
			passed++
		} else {
			open++
		}
	}
	last := candidates[len(candidates)-1]
	switch {
	case passed == len(candidates):
		d := candidates[0]
		for _, c := range candidates {
			if c.Date.After(d.Date) {
				d = c
			}
		}
		m.Deadline, m.DeadlineLabel, m.DaysLeft = d.Date, d.Label, daysBetween(e.AppliedOn, d.Date)
		m.Unmet = append(m.Unmet, Unmet{Rule: "deadline", Label: "申报截止日期", Status: StatusFailed,
			Message: fmt.Sprintf("申报截止日期：不符合（要求：%s 前（含当日，%s）；实际：申报日期 %s）", d.Date.Format("2006-01-02"), d.Label, e.AppliedOn.Format("2006-01-02")),
			Gap:     fmt.Sprintf("申报截止已过（截止日期 %s：%s，已过 %d 天）", d.Date.Format("2006-01-02"), d.Label, -m.DaysLeft)})
		return nil, false
	case open == len(candidates) && len(candidates) == 1:
		m.Deadline, m.DeadlineLabel, m.DaysLeft = last.Date, last.Label, daysBetween(e.AppliedOn, last.Date)
		return nil, false
	case open == len(candidates):
		return nil, false // every deadline that may apply is still ahead
	}
	return deciding, true
}

// deadlineCandidates are the deadlines that may apply: those whose condition waits for an
// answer, up to the first whose condition holds; deciding are the fields those wait for.
func (e *Evaluation) deadlineCandidates() (candidates []Deadline, deciding []string) {
	for _, d := range e.Programme.Deadlines {
		if d.Informational {
			continue
		}
		if d.when != nil {
			v, st, _ := e.eval(d.when, e.env)
			if st == evalPending {
				candidates = append(candidates, d)
				deciding = append(deciding, e.missingList(d.when)...)
				continue
			}
			if st != evalOK || v != true {
				continue
			}
		}
		candidates = append(candidates, d)
		break
	}
	return candidates, deciding
}
