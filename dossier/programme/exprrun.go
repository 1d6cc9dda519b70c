package programme

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"

	"dossier/dossier/decimal"
)

// What an expression may cost at run time. expr counts the memory of the lists and ranges it
// builds against its budget (conf.DefaultMemoryBudget), but not the length of the strings that
// `+` concatenates: reduce(1..40, #acc + #acc, "x") would ask for 2^40 bytes. Every `+` that
// may join strings is therefore rewritten into _plus, which refuses a string longer than
// maxExprString; nodes are bounded at compile time.
const (
	// bytes: far beyond any text a form holds, and small enough that growing a string one
	// byte at a time up to it (quadratic copying) stays well under a second
	maxExprString = 64 << 10
	maxExprNodes  = 5000
)

// errTooLarge is the error of an expression whose result would be too large.
var errTooLarge = errors.New("表达式生成的数据过大，超出计算限制")

// plusPatch rewrites a + b into _plus(a, b) when both sides are strings, and into
// _plus_any(a, b) when both may be strings (values of unknown type, such as reduce's #acc).
// It runs with the operator overloads (repeatedly, after them in each pass), and leaves alone
// an operand that is still an arithmetic operation the decimal overloads have not resolved.
type plusPatch struct{ applied bool }

func (p *plusPatch) Reset()             { p.applied = false }
func (p *plusPatch) ShouldRepeat() bool { return p.applied }

func (p *plusPatch) Visit(n *ast.Node) {
	b, ok := (*n).(*ast.BinaryNode)
	if !ok || b.Operator != "+" {
		return
	}
	kind := func(x ast.Node) reflect.Kind {
		if op, ok := x.(*ast.BinaryNode); ok && strings.Contains("+-*/%**", op.Operator) {
			return reflect.Invalid // not resolved yet
		}
		if t := x.Type(); t != nil {
			return t.Kind()
		}
		return reflect.Interface
	}
	l, r := kind(b.Left), kind(b.Right)
	fn := ""
	switch {
	case l == reflect.String && r == reflect.String:
		fn = "_plus"
	case (l == reflect.String || l == reflect.Interface) && (r == reflect.String || r == reflect.Interface):
		fn = "_plus_any"
	default:
		return // a known number on either side: not a concatenation; type errors stay compile errors
	}
	ast.Patch(n, &ast.CallNode{Callee: &ast.IdentifierNode{Value: fn}, Arguments: []ast.Node{b.Left, b.Right}})
	p.applied = true
}

// plus is `+` on operands whose types were not both known numbers at compile time.
func plus(p ...any) (any, error) {
	if a, ok := p[0].(string); ok {
		if b, ok := p[1].(string); ok {
			if len(a)+len(b) > maxExprString {
				return nil, errTooLarge
			}
			return a + b, nil
		}
	}
	_, da := p[0].(decimal.D)
	_, db := p[1].(decimal.D)
	if da || db {
		a, b, err := decPair(p)
		if err != nil {
			return nil, err
		}
		return a.Add(b), nil
	}
	return runtime.Add(p[0], p[1]), nil
}

// costOptions bound what one expression may cost; they come after the operator overloads.
func costOptions() []expr.Option {
	return []expr.Option{
		expr.MaxNodes(maxExprNodes),
		expr.Function("_plus", plus, new(func(string, string) string)),
		expr.Function("_plus_any", plus),
		expr.Patch(&plusPatch{}),
	}
}

// progInfo is what evaluation needs to know about a compiled expression: where it is in the
// template (for a message naming file:line), what it is, and which inputs it reads.
type progInfo struct {
	where string // file:line
	what  string // 规则 “x” 的 assert
	src   string
	refs  []string // names read: an answer id, enterprise.x, object.sub, a computed id
}

// program is a compiled expression together with where it is written and what it reads: the
// expression owns its description, so whoever holds it can run it and explain a failure.
type program struct {
	*vm.Program
	info *progInfo // nil for the parts gap.go compiles out of an assert
}

// newProgram wraps a compiled expression with its place and references.
func (c *compiler) newProgram(p *vm.Program, src Str, what string) *program {
	return &program{Program: p, info: &progInfo{where: fmt.Sprintf("%s:%d", c.file, src.Pos.Line), what: what, src: src.S, refs: refsOf(p)}}
}

// source is the expression as written; "" for none.
func (p *program) source() string {
	if p == nil || p.info == nil {
		return ""
	}
	return p.info.src
}

// refsOf lists the names a program reads: identifiers, and ident.property member accesses.
func refsOf(p *vm.Program) []string {
	v := &refVisitor{seen: map[string]bool{}}
	node := p.Node()
	ast.Walk(&node, v)
	return v.refs
}

type refVisitor struct {
	refs []string
	seen map[string]bool
}

func (v *refVisitor) add(name string) {
	if !v.seen[name] {
		v.seen[name] = true
		v.refs = append(v.refs, name)
	}
}

func (v *refVisitor) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.IdentifierNode:
		v.add(x.Value)
	case *ast.MemberNode:
		id, ok := x.Node.(*ast.IdentifierNode)
		prop, isStr := x.Property.(*ast.StringNode)
		if ok && isStr {
			v.add(id.Value + "." + prop.Value)
		}
	}
}

// runErrorText says in Chinese why an expression could not be evaluated: expr's own messages
// are Go's English.
func runErrorText(err error) string {
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	switch {
	case strings.Contains(msg, errDivZero.Error()), strings.Contains(msg, "divide by zero"):
		return "除数为零"
	case strings.Contains(msg, errTooLarge.Error()), strings.Contains(msg, "memory budget exceeded"):
		return errTooLarge.Error()
	case strings.Contains(msg, "out of range"):
		return "下标超出范围（表格的行数或列表的长度不够）"
	case strings.Contains(msg, "nil"):
		return "取到了空值"
	case strings.Contains(msg, "不是数值"):
		return msg
	}
	return "运行时出错"
}
