package programme

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
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
	test *program // the conjunct itself
	kind gapKind
	op   string // >= > <= <, the data side on the left
	// left op right (amounts, days, years, dates); for a ratio a op kB/kA · b.
	left, right *program
	a, b        *program
	kA, kB      *program // nil: 1
	q           quantity // the left side (amounts), a (ratios)
	// since is the start date of days_between / years_since; toApplied, that its end is the
	// application date (so that the gap is a day the enterprise can wait for).
	since     *program
	toApplied bool
}

// quantity is what a side of a comparison measures, as the form labels it.
type quantity struct {
	label string
	kind  FieldType // money integer percent, or "" when unknown
	unit  string    // 万元, 人, …
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
	for _, r := range p.Rules {
		tree, err := parser.Parse(r.assert.source())
		if err != nil {
			continue
		}
		for _, n := range conjuncts(tree.Node) {
			plan.terms[r.ID] = append(plan.terms[r.ID], p.planTerm(n, env))
		}
	}
	return plan
}

// compileEnv is the sample environment rules were compiled against, computed values included.
func (p *Programme) compileEnv() map[string]any {
	var errs ErrorList
	c := newCompiler(p.File, p.profile, p, &errs)
	for _, cm := range p.Computed {
		c.env[cm.ID] = sampleOf(cm.prog)
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
	if !planElapsed(&t, left, env) {
		p.planCompare(&t, left, right, env)
	}
	return t
}

// planCompare classifies a comparison of dates (or texts that are dates), ratios, amounts.
func (p *Programme) planCompare(t *gapTerm, left, right ast.Node, env map[string]any) {
	switch lt := t.left.Node().Type(); {
	case lt == timeType || (lt != nil && lt.Kind() == reflect.String):
		t.kind = gapDate // texts compare as dates when both sides are dates (applied_on.Format(…) >= "2019-04-08")
	case p.planRatio(t, left, right, env):
		t.kind = gapRatio
	case lt == decType || (lt != nil && lt.Kind() == reflect.Int):
		t.kind, t.q = gapAmount, p.quantityOf(left)
		if t.q.kind == "" && lt.Kind() == reflect.Int {
			t.q.kind = TypeInteger
		}
	}
}

// planElapsed recognises days_between(x, y) and years_since(x, y) on the left.
func planElapsed(t *gapTerm, left ast.Node, env map[string]any) bool {
	call, ok := left.(*ast.CallNode)
	if !ok || len(call.Arguments) != 2 {
		return false
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok || (id.Value != "days_between" && id.Value != "years_since") {
		return false
	}
	t.kind = gapDays
	if id.Value == "years_since" {
		t.kind = gapYears
	}
	t.since = compileSub(call.Arguments[0], env, false)
	end, isID := call.Arguments[1].(*ast.IdentifierNode)
	t.toApplied = isID && end.Value == "applied_on"
	return true
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
	var okA, okB bool
	t.kA, okA = compileFactor(kA, env)
	t.kB, okB = compileFactor(kB, env)
	t.q = p.quantityOf(a)
	return t.a != nil && t.b != nil && okA && okB
}

// compileFactor compiles an optional constant factor: nil (meaning 1) when there is none; ok
// is false when there is one that does not compile.
func compileFactor(k ast.Node, env map[string]any) (*program, bool) {
	if k == nil {
		return nil, true
	}
	prog := compileSub(k, env, false)
	return prog, prog != nil
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
func compileSub(n ast.Node, env map[string]any, asBool bool) *program {
	opts := append([]expr.Option{expr.Env(env)}, baseOptions()...)
	if asBool {
		opts = append(opts, expr.AsBool())
	}
	prog, err := expr.Compile(n.String(), opts...)
	if err != nil {
		return nil
	}
	return &program{Program: prog}
}

// quantityOf names what a side measures: an answer, a computed value, an enterprise field, a
// year's finance column (fin(2018).main_revenue).
func (p *Programme) quantityOf(n ast.Node) quantity {
	var f *Field
	switch x := n.(type) {
	case *ast.IdentifierNode:
		for _, cm := range p.Computed {
			if cm.ID == x.Value {
				return quantity{label: cm.Label, kind: FieldType(cm.Type), unit: kindUnit(&Field{Label: cm.Label, Type: FieldType(cm.Type)})}
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
	return quantity{label: f.Label, kind: f.Type, unit: kindUnit(f)}
}

// kindUnit is the unit a gap is counted in: 万元 for money, the field's unit, or the unit its
// label gives in brackets (职工总数（人）).
func kindUnit(f *Field) string {
	if u := f.Unit(); u != "" {
		return u
	}
	if f.Type == TypeInteger {
		return bracketUnit(f.Label)
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
