package programme

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"

	"dossier/dossier"
	"dossier/dossier/decimal"
)

// The gap of an unmet rule, in the rule's own terms ("2018年度主营业务收入还差 350.00 万元"), is
// derived from the shape of its assert, read once per programme from the expression's syntax
// tree: a conjunction is split into its conjuncts, and the first that fails is measured when it
// is a comparison of amounts (X >= Y, in X's unit), of a ratio (a / b >= t, a * k >= b: how far
// in percentage points, and how much a must grow), of days (days_between, years_since, dates).
// Any other shape (a yes/no answer, a choice, a text) gets no number: the rule is unmet, and
// its message says why.

// gapKind is the shape of a comparison.
type gapKind int

const (
	gapNone   gapKind = iota // not understood: unmet, no number
	gapAmount                // X op Y, numbers
	gapRatio                 // kA·a op kB·b, that is a / b op kB / kA
	gapDays                  // days_between(x, y) op n
	gapYears                 // years_since(x, y) op n
	gapDate                  // date op date
)

// gapTerm is one conjunct of a rule's assert, ready to be measured.
type gapTerm struct {
	test *vm.Program // the conjunct itself
	kind gapKind
	op   string // >= > <= <, the data side on the left
	// left op right (amounts, days, years, dates); for a ratio a op kB/kA · b.
	left, right *vm.Program
	a, b        *vm.Program
	kA, kB      *vm.Program // nil: 1
	q           quantity    // the left side (amounts), a (ratios)
	// since is the start date of days_between / years_since; toApplied, that its end is the
	// application date (so that the gap is a day the enterprise can wait for).
	since     *vm.Program
	toApplied bool
}

// quantity is what a side of a comparison measures, as the form labels it.
type quantity struct {
	label string
	kind  string // money integer percent, or "" when unknown
	unit  string // 万元, 人, …
}

// gapPlan is how a programme's rules are measured: rule id → conjuncts.
type gapPlan struct {
	terms map[string][]gapTerm
}

// gaps is the programme's plan, made on first use (programmes are shared: compiled once).
func (p *Programme) gaps() *gapPlan {
	p.gapOnce.Do(func() { p.gapPlan = p.planGaps() })
	return p.gapPlan
}

func (p *Programme) planGaps() *gapPlan {
	plan := &gapPlan{terms: map[string][]gapTerm{}}
	env := p.compileEnv()
	for _, r := range p.rules {
		tree, err := parser.Parse(r.Assert.S)
		if err != nil {
			continue
		}
		for _, n := range conjuncts(tree.Node) {
			plan.terms[r.ID.S] = append(plan.terms[r.ID.S], p.planTerm(n, env))
		}
	}
	return plan
}

// compileEnv is the sample environment rules were compiled against, computed values included.
func (p *Programme) compileEnv() map[string]any {
	var errs ErrorList
	c := newCompiler(p.File, p.profile, p, &errs)
	for _, cm := range p.computed {
		c.env[cm.ID.S] = sampleOf(cm.prog)
	}
	return c.env
}

// conjuncts splits a && b && c.
func conjuncts(n ast.Node) []ast.Node {
	if b, ok := n.(*ast.BinaryNode); ok && (b.Operator == "&&" || b.Operator == "and") {
		return append(conjuncts(b.Left), conjuncts(b.Right)...)
	}
	return []ast.Node{n}
}

var flipped = map[string]string{">=": "<=", ">": "<", "<=": ">=", "<": ">"}

func (p *Programme) planTerm(n ast.Node, env map[string]any) gapTerm {
	t := gapTerm{test: compileSub(n, env, true)}
	b, ok := n.(*ast.BinaryNode)
	if !ok || flipped[b.Operator] == "" || t.test == nil {
		return t
	}
	left, right, op := b.Left, b.Right, b.Operator
	if isConst(left) && !isConst(right) {
		left, right, op = right, left, flipped[op]
	}
	t.op = op
	t.left, t.right = compileSub(left, env, false), compileSub(right, env, false)
	if t.left == nil || t.right == nil {
		return gapTerm{test: t.test}
	}
	if call, ok := left.(*ast.CallNode); ok && len(call.Arguments) == 2 {
		if id, ok := call.Callee.(*ast.IdentifierNode); ok && (id.Value == "days_between" || id.Value == "years_since") {
			t.kind = gapDays
			if id.Value == "years_since" {
				t.kind = gapYears
			}
			t.since = compileSub(call.Arguments[0], env, false)
			end, isID := call.Arguments[1].(*ast.IdentifierNode)
			t.toApplied = isID && end.Value == "applied_on"
			return t
		}
	}
	switch lt := t.left.Node().Type(); {
	case lt == timeType || (lt != nil && lt.Kind() == reflect.String):
		t.kind = gapDate // texts compare as dates when both sides are dates (applied_on.Format(…) >= "2019-04-08")
	case p.planRatio(&t, left, right, env):
		t.kind = gapRatio
	case lt == decType || (lt != nil && lt.Kind() == reflect.Int):
		t.kind, t.q = gapAmount, p.quantityOf(left)
		if t.q.kind == "" && lt.Kind() == reflect.Int {
			t.q.kind = TypeInteger
		}
	}
	return t
}

// planRatio recognises a / b op t, k·a op b, a op t·b and k1·a op k2·b.
func (p *Programme) planRatio(t *gapTerm, left, right ast.Node, env map[string]any) bool {
	if q, ok := left.(*ast.BinaryNode); ok && q.Operator == "/" && !isConst(q.Left) && !isConst(q.Right) {
		t.a, t.b, t.kB = compileSub(q.Left, env, false), compileSub(q.Right, env, false), t.right
		t.q = p.quantityOf(q.Left)
		return t.a != nil && t.b != nil
	}
	a, kA := scaled(left)
	b, kB := scaled(right)
	if isConst(right) || (kA == nil && kB == nil) {
		return false
	}
	t.a, t.b = compileSub(a, env, false), compileSub(b, env, false)
	if kA != nil {
		t.kA = compileSub(kA, env, false)
	}
	if kB != nil {
		t.kB = compileSub(kB, env, false)
	}
	t.q = p.quantityOf(a)
	return t.a != nil && t.b != nil && (kA == nil || t.kA != nil) && (kB == nil || t.kB != nil)
}

// scaled splits k * x or x * k (k constant) into x and k; anything else is x with k nil.
func scaled(n ast.Node) (x, k ast.Node) {
	if m, ok := n.(*ast.BinaryNode); ok && m.Operator == "*" {
		switch {
		case isConst(m.Left) && !isConst(m.Right):
			return m.Right, m.Left
		case isConst(m.Right) && !isConst(m.Left):
			return m.Left, m.Right
		}
	}
	return n, nil
}

// isConst reports whether a node reads nothing from the data: literals, dec("0.6"), -1.
func isConst(n ast.Node) bool {
	switch x := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.StringNode, *ast.BoolNode, *ast.NilNode, *ast.ConstantNode:
		return true
	case *ast.UnaryNode:
		return isConst(x.Node)
	case *ast.BinaryNode:
		return isConst(x.Left) && isConst(x.Right)
	case *ast.CallNode:
		id, ok := x.Callee.(*ast.IdentifierNode)
		if !ok || id.Value != "dec" {
			return false
		}
		for _, a := range x.Arguments {
			if !isConst(a) {
				return false
			}
		}
		return true
	}
	return false
}

// compileSub compiles a part of an assert with the options and environment of the rules.
func compileSub(n ast.Node, env map[string]any, asBool bool) *vm.Program {
	opts := append([]expr.Option{expr.Env(env)}, baseOptions()...)
	if asBool {
		opts = append(opts, expr.AsBool())
	}
	prog, err := expr.Compile(n.String(), opts...)
	if err != nil {
		return nil
	}
	return prog
}

// quantityOf names what a side measures: an answer, a computed value, an enterprise field, a
// year's finance column (fin(2018).main_revenue).
func (p *Programme) quantityOf(n ast.Node) quantity {
	var f *Field
	switch x := n.(type) {
	case *ast.IdentifierNode:
		for _, cm := range p.computed {
			if cm.ID.S == x.Value {
				return quantity{label: cm.Label, kind: cm.Type.S, unit: kindUnit(cm.Type.S, "", cm.Label)}
			}
		}
		f = p.fields[x.Value]
	case *ast.MemberNode:
		prop, ok := x.Property.(*ast.StringNode)
		if !ok {
			return quantity{}
		}
		switch on := x.Node.(type) {
		case *ast.IdentifierNode:
			if on.Value == "enterprise" {
				f = p.profile.fields[prop.Value]
			} else {
				f = subField(p.fields, on.Value+"."+prop.Value)
			}
		case *ast.CallNode:
			if id, ok := on.Callee.(*ast.IdentifierNode); ok && id.Value == "fin" {
				if i, ok := p.profile.rec.rows["finance"].index[prop.Value]; ok {
					f = p.profile.rec.rows["finance"].fields[i]
				}
			}
		}
	}
	if f == nil {
		return quantity{}
	}
	return quantity{label: f.Label.S, kind: f.Type.S, unit: kindUnit(f.Type.S, f.Unit, f.Label.S)}
}

// kindUnit is the unit a gap is counted in: 万元 for money, the field's unit, or the unit its
// label gives in brackets (职工总数（人）).
func kindUnit(kind, unit, label string) string {
	switch {
	case kind == TypeMoney:
		return "万元"
	case unit != "":
		return unit
	case kind == TypeInteger:
		if u := bracketUnit(label); u != "" {
			return u
		}
	}
	return ""
}

// bracketUnit is a short unit at the end of a label: "（人）" → 人.
func bracketUnit(label string) string {
	body, ok := strings.CutSuffix(label, "）")
	if !ok {
		return ""
	}
	i := strings.LastIndex(body, "（")
	if i < 0 || utf8.RuneCountInString(body[i+len("（"):]) > 2 {
		return ""
	}
	return body[i+len("（"):]
}

// bare is a label without its bracketed unit.
func bare(label, unit string) string {
	if unit == "" {
		return label
	}
	return strings.TrimSuffix(label, "（"+unit+"）")
}

// gapOf measures the unmet rule r on this evaluation; "" when its shape is not understood.
func (e *Evaluation) gapOf(r compiledRule) string {
	terms := e.Programme.gaps().terms[r.ID.S]
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
func (e *Evaluation) decs(progs ...*vm.Program) ([]decimal.D, bool) {
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
	switch t.kind {
	case gapDays:
		n, ok1 := l.(int)
		m, ok2 := r.(int)
		if !ok1 || !ok2 {
			return ""
		}
		days = m - n
		if t.op == ">" || t.op == "<" {
			days++
		}
		when = e.AppliedOn.AddDate(0, 0, days)
	case gapYears:
		m, ok := r.(int)
		s, err := run(t.since, e.env)
		start, isTime := s.(time.Time)
		if !ok || err != nil || !isTime || !grows(t.op) || !t.toApplied {
			return ""
		}
		if t.op == ">" {
			m++
		}
		when = start.AddDate(m, 0, 0)
		days = daysBetween(e.AppliedOn, when)
	case gapDate:
		a, ok1 := asDate(l)
		b, ok2 := asDate(r)
		if !ok1 || !ok2 {
			return ""
		}
		days = daysBetween(a, b)
		switch t.op { // strictly after or before: one day further
		case ">":
			b = b.AddDate(0, 0, 1)
		case "<":
			b = b.AddDate(0, 0, -1)
		}
		days = daysBetween(a, b)
		if !grows(t.op) {
			return fmt.Sprintf("%s已超过 %d 天（应不晚于 %s）", label, -days, b.Format("2006-01-02"))
		}
		when = b
	}
	if !grows(t.op) {
		return fmt.Sprintf("%s超出 %d 天", label, -days)
	}
	out := fmt.Sprintf("%s还差 %d 天", label, days)
	if t.toApplied || t.kind == gapDate {
		out += fmt.Sprintf("（%s 起满足）", when.Format("2006-01-02"))
	}
	return out
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
func precision(kind string) decimal.D {
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
