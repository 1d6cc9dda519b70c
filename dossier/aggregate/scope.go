package aggregate

import (
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"dossier/dossier/programme"
)

// What an expression may read, by the root names it uses.
var (
	// enterpriseRoots read the enterprise profile: the same for every project of an enterprise.
	enterpriseRoots = map[string]bool{"enterprise": true, "fin": true, "has_year": true}
	// neutralRoots are the same for every dossier or are functions of their arguments.
	neutralRoots = map[string]bool{
		"applied_on": true, "applied_year": true, "row_no": true,
		"dec": true, "total": true, "percent": true, "money": true, "chars": true,
		"days_between": true, "years_since": true,
	}
)

// scoper tells enterprise quantities from project quantities in one programme.
type scoper struct {
	computed map[string]string // computed id → expression
	memo     map[string]scope
}

type scope struct{ enterprise, project bool }

func newScoper(p *programme.Programme) *scoper {
	sc := &scoper{computed: map[string]string{}, memo: map[string]scope{}}
	for _, c := range p.Computed {
		sc.computed[c.ID] = c.Expr
	}
	return sc
}

// perEnterprise reports whether a column's value expression is an enterprise quantity: it
// reads the enterprise profile (enterprise.*, fin(year), has_year, or a computed value that
// reads only those) and nothing of the project's own answers. An expression that cannot be
// parsed, or names anything unknown, is a project quantity: summed per row, as before.
func (sc *scoper) perEnterprise(src string) bool {
	s := sc.of(src, map[string]bool{})
	return s.enterprise && !s.project
}

func (sc *scoper) of(src string, visiting map[string]bool) scope {
	tree, err := parser.Parse(src)
	if err != nil {
		return scope{project: true}
	}
	v := &rootVisitor{declared: map[string]bool{}}
	ast.Walk(&tree.Node, v)
	var s scope
	for _, name := range v.roots {
		switch {
		case v.declared[name] || neutralRoots[name]:
		case enterpriseRoots[name]:
			s.enterprise = true
		case sc.computed[name] != "":
			c := sc.computedScope(name, visiting)
			s.enterprise = s.enterprise || c.enterprise
			s.project = s.project || c.project
		default:
			s.project = true
		}
	}
	return s
}

func (sc *scoper) computedScope(id string, visiting map[string]bool) scope {
	if s, ok := sc.memo[id]; ok {
		return s
	}
	if visiting[id] {
		return scope{project: true}
	}
	visiting[id] = true
	s := sc.of(sc.computed[id], visiting)
	delete(visiting, id)
	sc.memo[id] = s
	return s
}

// rootVisitor collects the identifiers an expression reads (enterprise in enterprise.name,
// fin in fin(2018).main_revenue) and the names it declares itself (let x = …).
type rootVisitor struct {
	roots    []string
	declared map[string]bool
}

func (v *rootVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		v.roots = append(v.roots, n.Value)
	case *ast.VariableDeclaratorNode:
		v.declared[n.Name] = true
	}
}
