package programme

import (
	"sort"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// RuleFields lists the fields an eligibility rule reads (its when, assert and value, through
// computed values), as data-file paths: "category", "enterprise.province",
// "enterprise.finance" (for fin(year)), "applied_on". The review screen jumps from a failed
// rule to the first of them. The deadline rule reads the application date. Unknown rule ids
// give nil.
func (p *Programme) RuleFields(id string) []string {
	if id == "deadline" {
		return []string{"applied_on"}
	}
	for i := range p.Rules {
		r := &p.Rules[i]
		if r.ID != id {
			continue
		}
		// What the rule asserts comes first, what decides whether it applies after.
		checked, when := map[string]bool{}, map[string]bool{}
		p.exprFields(r.assert.source(), checked, 0)
		p.exprFields(r.value.source(), checked, 0)
		p.exprFields(r.when.source(), when, 0)
		out := p.sortedFields(checked)
		for _, f := range p.sortedFields(when) {
			if !checked[f] {
				out = append(out, f)
			}
		}
		return out
	}
	return nil
}

func (p *Programme) sortedFields(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Slice(out, func(a, b int) bool {
		oa, ob := p.fieldOrder(out[a]), p.fieldOrder(out[b])
		if oa != ob {
			return oa < ob
		}
		return out[a] < out[b]
	})
	return out
}

// exprFields adds the fields src reads to seen.
func (p *Programme) exprFields(src string, seen map[string]bool, depth int) {
	if src == "" || depth > 8 {
		return
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return
	}
	v := &fieldVisitor{p: p, seen: seen, depth: depth}
	ast.Walk(&tree.Node, v)
}

type fieldVisitor struct {
	p     *Programme
	seen  map[string]bool
	depth int
}

// Visit records identifiers that name fields, enterprise.X members and fin() calls.
func (v *fieldVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.MemberNode:
		if id, ok := n.Node.(*ast.IdentifierNode); ok && id.Value == "enterprise" {
			if s, ok := n.Property.(*ast.StringNode); ok {
				v.seen["enterprise."+s.Value] = true
			}
		}
	case *ast.CallNode:
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && (id.Value == "fin" || id.Value == "has_year") {
			v.seen["enterprise.finance"] = true
		}
	case *ast.IdentifierNode:
		switch {
		case n.Value == "applied_on" || n.Value == "applied_year":
			v.seen["applied_on"] = true
		case v.p.Field(n.Value) != nil:
			v.seen[n.Value] = true
		default:
			for i := range v.p.Computed {
				if c := &v.p.Computed[i]; c.ID == n.Value {
					v.p.exprFields(c.Expr, v.seen, v.depth+1)
				}
			}
		}
	}
}

// fieldOrder sorts paths in form order: the application date, the profile, then the
// programme's fields as their sections list them.
func (p *Programme) fieldOrder(path string) int {
	if path == "applied_on" {
		return -1
	}
	n := 0
	for _, s := range p.Profile().Sections {
		for _, f := range s.Fields {
			if "enterprise."+f.ID == path {
				return n
			}
			n++
		}
	}
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if f.ID == path {
				return n
			}
			n++
		}
	}
	return n
}
