package programme

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier/dossier"
)

// SortProblems puts the problems in the form's order: the file's header (format, programme,
// 申报日期), the enterprise's fields, then the answers, each by section and field order, a
// table's by row and column; keys the form does not know come last in their part, by name. The order does
// not depend on map iteration, so two runs over one file print the same list. Evaluate sorts;
// calling it again changes nothing.
func (e *Evaluation) SortProblems() {
	if len(e.Problems) < 2 {
		return
	}
	ord := e.Programme.formOrder()
	keys := make(map[*Problem][]int, len(e.Problems))
	for i := range e.Problems {
		keys[&e.Problems[i]] = ord.key(e.Problems[i].Field)
	}
	idx := make([]int, len(e.Problems))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		pa, pb := &e.Problems[idx[a]], &e.Problems[idx[b]]
		if c := compareInts(keys[pa], keys[pb]); c != 0 {
			return c < 0
		}
		return pa.Field < pb.Field
	})
	sorted := make([]Problem, len(idx))
	for i, j := range idx {
		sorted[i] = e.Problems[j]
	}
	copy(e.Problems, sorted)
}

func compareInts(a, b []int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// formOrder numbers the fields of the form (and the columns of each table or object).
type formOrder struct {
	top    map[string]int            // enterprise.x or an answer id → position
	cols   map[string]map[string]int // the same key → its columns' positions
	entEnd int                       // the place of enterprise keys the form does not know
}

var headerFields = []string{"format", "programme", "applied_on"}

func (p *Programme) formOrder() formOrder {
	p.orderOnce.Do(func() { p.order = p.buildOrder() })
	return p.order
}

// buildOrder is formOrder, built; it only reads the programme.
func (p *Programme) buildOrder() formOrder {
	o := formOrder{top: map[string]int{}, cols: map[string]map[string]int{}}
	for i, h := range headerFields {
		o.top[h] = i
	}
	add := func(prefix string, sections []Section) {
		for _, s := range sections {
			for i := range s.Fields {
				f := &s.Fields[i]
				key := prefix + f.ID
				o.top[key] = len(o.top)
				if len(f.Columns) > 0 {
					cols := map[string]int{"no": -1}
					for j := range f.Columns {
						cols[f.Columns[j].ID] = j
					}
					o.cols[key] = cols
				}
			}
		}
	}
	add("enterprise.", p.profile.Sections)
	o.entEnd = len(o.top)
	o.top["\x00enterprise-end"] = o.entEnd
	add("", p.Sections)
	return o
}

// key is a problem path's place: field position, then row and column (unknown last).
func (o formOrder) key(path string) []int {
	const unknown = 1 << 30
	head, rest := path, ""
	if i := strings.IndexAny(path, "[."); i >= 0 {
		head, rest = path[:i], path[i:]
	}
	if head == "enterprise" && strings.HasPrefix(rest, ".") {
		sub := rest[1:]
		j := strings.IndexAny(sub, "[.")
		if j < 0 {
			j = len(sub)
		}
		head, rest = "enterprise."+sub[:j], sub[j:]
	}
	pos, ok := o.top[head]
	if !ok {
		if strings.HasPrefix(head, "enterprise.") {
			return []int{o.entEnd}
		}
		return []int{unknown}
	}
	key := []int{pos}
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]")
		n, err := strconv.Atoi(rest[1:max(end, 1)])
		if end < 0 || err != nil {
			return append(key, unknown)
		}
		key = append(key, n)
		rest = rest[end+1:]
	} else {
		key = append(key, -1)
	}
	if col, ok := strings.CutPrefix(rest, "."); ok {
		c, known := o.cols[head][col]
		if !known {
			c = unknown
		}
		key = append(key, c)
	}
	return key
}

// AppliedOnID is the data file's key of the 申报日期, a top-level key beside enterprise and
// answers (CONTRACT.md), not a field of any template.
const AppliedOnID = "applied_on"

// appliedOnField: see AppliedOnField.
var appliedOnField = &Field{
	ID:    AppliedOnID,
	Label: "申报日期",
	Type:  TypeDate,
	Help:  "不填时按今天计算；申报截止日期按此日期判断",
}

// AppliedOnField describes the 申报日期 like a form field (a date), for whoever shows, parses
// or writes it as one: the form, the master workbook. The same value for every caller: read
// it, never change it.
func AppliedOnField() *Field { return appliedOnField }

// DefaultAppliedOn is the 申报日期 assumed when a data file gives none (CONTRACT.md): the
// programme's first deadline (the last day of its first window: the application year the
// notice has in mind), else the notice's date, else today. source says which, in words.
func DefaultAppliedOn(p *Programme, today time.Time) (t time.Time, source string) {
	for _, d := range p.Deadlines {
		if !d.Informational && !d.Date.IsZero() {
			return d.Date, d.Label + "截止日期"
		}
	}
	if !p.Issued.IsZero() {
		return p.Issued, "通知发布日期"
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), sourceToday
}

const sourceToday = "今天"

// minYear is the earliest year a date of a dossier may have: year 1 (Go's zero date, what
// 0001-01-01 parses to) is not a date anyone means.
const minYear = dossier.MinYear

// appliedOn sets the application date: the file's, or the programme's default with a warning.
func (e *Evaluation) appliedOn(today time.Time) {
	s := strings.TrimSpace(e.File.AppliedOn)
	if s != "" {
		t, ok := dossier.ParseDate(s) // the one date parser: 2019-05-20, 2019/5/20, 2019年5月20日
		switch {
		case !ok:
			e.problem("applied_on", "申报日期", "“%s”不是有效日期（如 2019-05-20，年份 %d–%d）", e.File.AppliedOn, dossier.MinYear, dossier.MaxYear)
		default:
			e.AppliedOn = t
			if d, source := DefaultAppliedOn(e.Programme, today); source != sourceToday && d.Year() != t.Year() {
				// The years a form asks for follow the application date; the notice's tables
				// were written for its own year.
				e.Problems = append(e.Problems, Problem{Field: "applied_on", Label: "申报日期", Warning: true,
					Message: fmt.Sprintf("申报日期：%s 不在通知的申报年度（%d 年）内，按此日期推算的年度（%d 年及以前）与通知的表格不一致，请核对",
						t.Format("2006-01-02"), d.Year(), t.Year()-1)})
			}
			return
		}
	}
	t, source := DefaultAppliedOn(e.Programme, today)
	e.AppliedOn = t
	e.AppliedOnDefault = s == ""
	// A programme without dates (the enterprise profile) keeps today silently, as before.
	if s == "" && source != sourceToday {
		e.Problems = append(e.Problems, Problem{Field: "applied_on", Label: "申报日期", Warning: true,
			Message: "申报日期未填写，按通知默认为 " + t.Format("2006-01-02") + "（" + source + "）"})
	}
}
