package programme

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/vm"

	"dossier/dossier/decimal"
	"dossier/dossier/programme/internal/syntax"
	"dossier/dossier/validate"
)

// Expressions are github.com/expr-lang/expr, compiled once at load against a sample environment
// of the programme's own types, so a misspelt field or a type mismatch is a load error with
// file:line, not a surprise at check time. Amounts are decimal.D; the operators below are
// overloaded so that `rd / sales >= 0.05` is exact arithmetic on rationals, and a ratio exactly
// at a threshold passes.

var (
	decType  = reflect.TypeOf(decimal.D{})
	timeType = reflect.TypeOf(time.Time{})
)

// toDec converts the operand types the overloads accept.
func toDec(v any) (decimal.D, error) {
	switch x := v.(type) {
	case decimal.D:
		return x, nil
	case int:
		return decimal.Int(int64(x)), nil
	case int64:
		return decimal.Int(x), nil
	case float64:
		return decimal.Float(x), nil
	case string:
		return decimal.Parse(x)
	case nil:
		return decimal.D{}, nil
	}
	return decimal.D{}, fmt.Errorf("不是数值：%v", v)
}

// decSignatures are the operand type pairs an overloaded binary operator accepts.
func decSignatures[R any]() []any {
	return []any{
		new(func(decimal.D, decimal.D) R), new(func(decimal.D, int) R), new(func(decimal.D, float64) R),
		new(func(int, decimal.D) R), new(func(float64, decimal.D) R),
	}
}

// decPair converts a binary operator's two operands.
func decPair(p []any) (a, b decimal.D, err error) {
	if a, err = toDec(p[0]); err != nil {
		return a, b, err
	}
	b, err = toDec(p[1])
	return a, b, err
}

func decCompare(name string, ok func(int) bool) expr.Option {
	return expr.Function(name, func(p ...any) (any, error) {
		a, b, err := decPair(p)
		if err != nil {
			return nil, err
		}
		return ok(a.Cmp(b)), nil
	}, decSignatures[bool]()...)
}

func decArith(name string, op func(a, b decimal.D) (decimal.D, error)) expr.Option {
	return expr.Function(name, func(p ...any) (any, error) {
		a, b, err := decPair(p)
		if err != nil {
			return nil, err
		}
		return op(a, b)
	}, decSignatures[decimal.D]()...)
}

// errDivZero is shown when a rule divides by an amount that is zero (no revenue entered).
var errDivZero = errors.New("除数为零")

func baseOptions() []expr.Option {
	noErr := func(f func(a, b decimal.D) decimal.D) func(a, b decimal.D) (decimal.D, error) {
		return func(a, b decimal.D) (decimal.D, error) { return f(a, b), nil }
	}
	return append([]expr.Option{
		// Results depend on the data file, never on the clock: applied_on is "today".
		expr.DisableBuiltin("now"),
		decCompare("_dec_eq", func(c int) bool { return c == 0 }), expr.Operator("==", "_dec_eq"),
		decCompare("_dec_ne", func(c int) bool { return c != 0 }), expr.Operator("!=", "_dec_ne"),
		decCompare("_dec_lt", func(c int) bool { return c < 0 }), expr.Operator("<", "_dec_lt"),
		decCompare("_dec_le", func(c int) bool { return c <= 0 }), expr.Operator("<=", "_dec_le"),
		decCompare("_dec_gt", func(c int) bool { return c > 0 }), expr.Operator(">", "_dec_gt"),
		decCompare("_dec_ge", func(c int) bool { return c >= 0 }), expr.Operator(">=", "_dec_ge"),
		decArith("_dec_add", noErr(decimal.D.Add)), expr.Operator("+", "_dec_add"),
		decArith("_dec_sub", noErr(decimal.D.Sub)), expr.Operator("-", "_dec_sub"),
		decArith("_dec_mul", noErr(decimal.D.Mul)), expr.Operator("*", "_dec_mul"),
		decArith("_dec_div", func(a, b decimal.D) (decimal.D, error) {
			q, err := a.Quo(b)
			if err != nil {
				return q, errDivZero
			}
			return q, nil
		}), expr.Operator("/", "_dec_div"),
		// dec("0.6") or dec(1500): an exact amount written in an expression.
		expr.Function("dec", func(p ...any) (any, error) { return toDec(p[0]) },
			new(func(string) decimal.D), new(func(int) decimal.D), new(func(float64) decimal.D), new(func(decimal.D) decimal.D)),
		// total(map(rows, .amount)): the exact sum of amounts.
		expr.Function("total", func(p ...any) (any, error) {
			sum := decimal.D{}
			for _, v := range toSlice(p[0]) {
				d, err := toDec(v)
				if err != nil {
					return nil, err
				}
				sum = sum.Add(d)
			}
			return sum, nil
		}, new(func([]any) decimal.D), new(func([]decimal.D) decimal.D)),
		// percent(x): "5.29%"; money(x): "1,500.00" — for texts, where {{x}} alone prints an
		// amount.
		expr.Function("percent", func(p ...any) (any, error) { return p[0].(decimal.D).Percent(2), nil },
			new(func(decimal.D) string)),
		expr.Function("money", func(p ...any) (any, error) { return p[0].(decimal.D).Grouped(2), nil },
			new(func(decimal.D) string)),
		// chars(text): the 字数 of a text, as the forms count it.
		expr.Function("chars", func(p ...any) (any, error) { return validate.CharCount(p[0].(string)), nil },
			new(func(string) int)),
		// days_between(a, b): whole calendar days from a to b.
		expr.Function("days_between", func(p ...any) (any, error) {
			a, b := p[0].(time.Time), p[1].(time.Time)
			return int(b.Sub(a).Hours() / 24), nil
		}, new(func(time.Time, time.Time) int)),
		// years_since(a, b): whole years from date a to date b (注册成立一年以上 is years_since(…) >= 1).
		expr.Function("years_since", func(p ...any) (any, error) {
			a, b := p[0].(time.Time), p[1].(time.Time)
			if a.IsZero() || b.IsZero() {
				return 0, nil
			}
			y := b.Year() - a.Year()
			if b.Month() < a.Month() || (b.Month() == a.Month() && b.Day() < a.Day()) {
				y--
			}
			return y, nil
		}, new(func(time.Time, time.Time) int)),
	}, costOptions()...)
}

func toSlice(v any) []any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return nil
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

// compiler compiles the expressions of one template against one sample environment.
type compiler struct {
	file      string
	env       map[string]any
	opts      []expr.Option
	errs      *ErrorList
	pr        *Profile
	p         *Programme // nil while compiling the profile itself
	rowChecks []*Check
	// scope, when set, is the environment of the blocks being compiled (a repeat's row).
	scope map[string]any
	// columnLib are the template's named columns, by id (columnlib.go).
	columnLib map[string]*syntax.Column
	// natures are the environments' type information (envNature).
	natures map[uintptr]natureEntry
	cfg     *conf.Config  // expr's configuration with opts applied (compileExpr)
	ntCache *nature.Cache // the environments' types' natures (envNature)
}

// base is the environment expressions are compiled against by default.
func (c *compiler) base() map[string]any {
	if c.scope != nil {
		return c.scope
	}
	return c.env
}

// compile returns the program for src, or records a problem at src's position. kind is the
// result wanted: "bool", "any" (interpolation), or "value" (computed: any type but nil).
func (c *compiler) compile(src Str, what string, env map[string]any, wantBool bool) *program {
	if env == nil {
		env = c.base()
	}
	p, err := c.compileExpr(src.S, env, wantBool)
	if err != nil {
		if c.readsBadType(src.S) {
			return nil
		}
		msg, _, _ := strings.Cut(err.Error(), "\n")
		c.errs.Add(c.file, src.Pos, "%s的表达式有误：%s（表达式：%s）", what, explainExprError(msg)+nameHint(msg, env), src.S)
		return nil
	}
	return c.newProgram(p, src, what)
}

var (
	noFieldRe     = regexp.MustCompile(`type struct \{.*\} has no field (\S+)`)
	unknownNameRe = regexp.MustCompile(`^unknown name (\S+)`)
)

// explainExprError puts expr's commonest compile errors in the template author's terms: our
// records are generated struct types whose Go spelling means nothing to them.
func explainExprError(msg string) string {
	msg = noFieldRe.ReplaceAllString(msg, "没有字段 “$1”")
	msg = unknownNameRe.ReplaceAllString(msg, "未知的名称 “$1”（不是字段、计算值或函数）")
	msg = strings.Replace(msg, "unexpected token EOF", "表达式不完整", 1)
	// expr's (line:column): an expression is one line, so only the column is worth saying.
	return exprPosRe.ReplaceAllStringFunc(msg, exprColumn)
}

// run evaluates a compiled program; a runtime error (division by zero) is returned as is.
func run(p *program, env map[string]any) (any, error) {
	if p == nil {
		return nil, errors.New("表达式未编译")
	}
	m := machines.Get().(*vm.VM)
	defer machines.Put(m)
	return m.Run(p.Program, env)
}

// machines are reused virtual machines: expr's own Run makes a new one (and its stack) for
// every evaluation, and a data file's check runs a few hundred expressions.
var machines = sync.Pool{New: func() any { return new(vm.VM) }}
