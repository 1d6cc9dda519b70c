package programme

import (
	"fmt"
	"strings"
	"time"

	"dossier/dossier"
	"dossier/dossier/decimal"
)

// How a failed conjunct is measured (gap.go plans the shapes).

// gapOf measures the unmet rule r on this evaluation; "" when its shape is not understood.
func (e *Evaluation) gapOf(r Rule) string {
	terms := e.Programme.gaps().terms[r.ID]
	for i, t := range terms {
		v, err := run(t.test, e.env)
		if err != nil {
			return ""
		}
		if v == true {
			continue
		}
		label := r.Label
		if i < len(terms)-1 && t.q.label != "" {
			label = bare(t.q.label, t.q.unit) // a precondition: named as itself
		}
		return e.measure(t, label)
	}
	return ""
}

func (e *Evaluation) measure(t gapTerm, label string) string {
	switch t.kind {
	case gapAmount:
		return e.amountGap(t, label)
	case gapRatio:
		return e.ratioGap(t, label)
	case gapDays, gapYears, gapDate:
		return e.dayGap(t, label)
	}
	return ""
}

// decs evaluates programs to amounts.
func (e *Evaluation) decs(progs ...*program) ([]decimal.D, bool) {
	out := make([]decimal.D, len(progs))
	for i, p := range progs {
		if p == nil {
			out[i] = decimal.Int(1)
			continue
		}
		v, err := run(p, e.env)
		if err != nil {
			return nil, false
		}
		d, err := toDec(v)
		if err != nil {
			return nil, false
		}
		out[i] = d
	}
	return out, true
}

// grows reports whether the comparison is met by the left side growing (>=, >).
func grows(op string) bool { return op == ">=" || op == ">" }

func (e *Evaluation) amountGap(t gapTerm, label string) string {
	v, ok := e.decs(t.left, t.right)
	if !ok {
		return ""
	}
	x, y := v[0], v[1]
	if t.op == ">" && y.IsZero() && t.q.label != "" {
		return fmt.Sprintf("%s须大于 0（现为 %s）", label, amountText(x, t.q))
	}
	prec := precision(t.q.kind)
	need := nearest(y, prec, t.op)
	diff := need.Sub(x).Abs()
	verb := "还差"
	if !grows(t.op) {
		verb = "超出"
	}
	switch t.q.kind {
	case TypeMoney:
		return fmt.Sprintf("%s%s %s 万元", label, verb, diff.Grouped(2))
	case TypeInteger:
		return strings.TrimSpace(fmt.Sprintf("%s%s %s %s", label, verb, diff.Fixed(0), t.q.unit))
	case TypePercent:
		return fmt.Sprintf("%s %s，%s %s 个百分点", label, x.Percent(2), verb, ceilTo(y.Sub(x).Abs().Mul(decimal.Int(100)), decimal.MustParse("0.01")).Fixed(2))
	}
	return ""
}

// amountText shows an amount with its unit.
func amountText(x decimal.D, q quantity) string {
	switch q.kind {
	case TypeMoney:
		return x.Grouped(2) + " 万元"
	case TypePercent:
		return x.Percent(2)
	}
	return strings.TrimSpace(x.String() + " " + q.unit)
}

func (e *Evaluation) ratioGap(t gapTerm, label string) string {
	v, ok := e.decs(t.a, t.b, t.kA, t.kB)
	if !ok {
		return ""
	}
	a, b, kA, kB := v[0], v[1], v[2], v[3]
	thr, err := kB.Quo(kA)
	if err != nil || b.Sign() <= 0 || kA.Sign() <= 0 {
		return ""
	}
	ratio, _ := a.Quo(b)
	pp := ceilTo(thr.Sub(ratio).Abs().Mul(decimal.Int(100)), decimal.MustParse("0.01"))
	verb := "还差"
	if !grows(t.op) {
		verb = "超出"
	}
	out := fmt.Sprintf("%s %s，%s %s 个百分点", label, ratio.Percent(2), verb, pp.Fixed(2))
	if t.q.label == "" || (t.q.kind != TypeMoney && t.q.kind != TypeInteger) {
		return out
	}
	need := nearest(thr.Mul(b), precision(t.q.kind), t.op)
	delta := need.Sub(a).Abs()
	name := bare(t.q.label, t.q.unit)
	change := "增加"
	if !grows(t.op) {
		change = "减少"
	}
	switch {
	case t.q.kind == TypeMoney:
		return out + fmt.Sprintf("（需%s%s %s 万元）", change, name, delta.Grouped(2))
	case t.q.unit == "人":
		return out + fmt.Sprintf("（需%s %s 名%s）", change, delta.Fixed(0), strings.TrimSuffix(name, "数"))
	}
	return out + strings.TrimSpace(fmt.Sprintf("（需%s%s %s %s", change, name, delta.Fixed(0), t.q.unit)) + "）"
}

func (e *Evaluation) dayGap(t gapTerm, label string) string {
	l, err1 := run(t.left, e.env)
	r, err2 := run(t.right, e.env)
	if err1 != nil || err2 != nil {
		return ""
	}
	var days int
	var when time.Time
	ok := false
	switch t.kind {
	case gapDays:
		days, when, ok = e.daysGap(t, l, r)
	case gapYears:
		days, when, ok = e.yearsGap(t, r)
	case gapDate:
		days, when, ok = dateGap(t, l, r)
	}
	switch {
	case !ok:
		return ""
	case !grows(t.op) && t.kind == gapDate:
		return fmt.Sprintf("%s已超过 %d 天（应不晚于 %s）", label, -days, when.Format("2006-01-02"))
	case !grows(t.op):
		return fmt.Sprintf("%s超出 %d 天", label, -days)
	}
	out := fmt.Sprintf("%s还差 %d 天", label, days)
	if t.toApplied || t.kind == gapDate {
		out += fmt.Sprintf("（%s 起满足）", when.Format("2006-01-02"))
	}
	return out
}

// daysGap: days_between(x, y) op n.
func (e *Evaluation) daysGap(t gapTerm, l, r any) (int, time.Time, bool) {
	n, ok1 := l.(int)
	m, ok2 := r.(int)
	days := m - n
	switch t.op { // strictly more or fewer: one day further
	case ">":
		days++
	case "<":
		days--
	}
	return days, e.AppliedOn.AddDate(0, 0, days), ok1 && ok2
}

// yearsGap: years_since(x, applied_on) >= n is met on the n-th anniversary of x.
func (e *Evaluation) yearsGap(t gapTerm, r any) (int, time.Time, bool) {
	m, ok := r.(int)
	s, err := run(t.since, e.env)
	start, isTime := s.(time.Time)
	if !ok || err != nil || !isTime || !grows(t.op) || !t.toApplied {
		return 0, time.Time{}, false
	}
	if t.op == ">" {
		m++
	}
	when := start.AddDate(m, 0, 0)
	return daysBetween(e.AppliedOn, when), when, true
}

// dateGap: date op date (or texts that are dates); when is the first (or last) day allowed.
func dateGap(t gapTerm, l, r any) (int, time.Time, bool) {
	a, ok1 := asDate(l)
	b, ok2 := asDate(r)
	switch t.op { // strictly after or before: one day further
	case ">":
		b = b.AddDate(0, 0, 1)
	case "<":
		b = b.AddDate(0, 0, -1)
	}
	return daysBetween(a, b), b, ok1 && ok2
}

// asDate is a date value, or a text that is a date.
func asDate(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, !x.IsZero()
	case string:
		return dossier.ParseDate(x)
	}
	return time.Time{}, false
}

// daysBetween counts whole calendar days from a to b.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// precision is the smallest step of a quantity: 0.01 万元, one person, 0.0001 of a percent
// (0.01 percentage points); unknown kinds count in hundredths.
func precision(kind FieldType) decimal.D {
	switch kind {
	case TypeInteger:
		return decimal.Int(1)
	case TypePercent:
		return decimal.MustParse("0.0001")
	}
	return decimal.MustParse("0.01")
}

// nearest is the value in steps of prec closest to y that satisfies "x op y": for >= the
// first step at or above y, for > the first above it; for <= and < the same downwards.
func nearest(y, prec decimal.D, op string) decimal.D {
	q, _ := y.Quo(prec)
	var n decimal.D
	switch op {
	case ">=":
		n = ceilInt(q)
	case ">":
		n = floorInt(q).Add(decimal.Int(1))
	case "<=":
		n = floorInt(q)
	default:
		n = ceilInt(q).Sub(decimal.Int(1))
	}
	return n.Mul(prec)
}

// ceilTo rounds x up to a multiple of prec.
func ceilTo(x, prec decimal.D) decimal.D {
	q, _ := x.Quo(prec)
	return ceilInt(q).Mul(prec)
}

// ceilInt is the smallest whole number at or above q.
func ceilInt(q decimal.D) decimal.D {
	r := decimal.MustParse(q.Fixed(0)) // rounded to the nearest
	if r.Cmp(q) < 0 {
		r = r.Add(decimal.Int(1))
	}
	if r.Sub(decimal.Int(1)).Cmp(q) >= 0 {
		r = r.Sub(decimal.Int(1))
	}
	return r
}

// floorInt is the largest whole number at or below q.
func floorInt(q decimal.D) decimal.D {
	c := ceilInt(q)
	if c.Cmp(q) == 0 {
		return c
	}
	return c.Sub(decimal.Int(1))
}
