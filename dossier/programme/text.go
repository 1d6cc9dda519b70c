package programme

import (
	"fmt"
	"strings"
	"time"

	"dossier/dossier/decimal"
)

// Text is a template string with {{ expression }} parts, compiled at load.
type Text struct {
	parts []textPart
}

type textPart struct {
	lit  string
	prog *program // nil for a literal part
}

func (c *compiler) text(s Str, what string, env map[string]any) *Text {
	t := &Text{}
	rest := s.S
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if strings.Contains(rest, "}}") {
				c.errs.Add(c.file, s.Pos, "%s中有多余的“}}”", what)
				return nil
			}
			t.parts = append(t.parts, textPart{lit: rest})
			return t
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			c.errs.Add(c.file, s.Pos, "%s中的“{{”没有对应的“}}”", what)
			return nil
		}
		t.parts = append(t.parts, textPart{lit: rest[:i]})
		src := Str{S: strings.TrimSpace(rest[i+2 : i+j]), Pos: s.Pos}
		p := c.compile(src, what, env, false)
		if p == nil {
			return nil
		}
		t.parts = append(t.parts, textPart{prog: p})
		rest = rest[i+j+2:]
	}
}

// render fills a text in env: a part that reads an unanswered field prints empty (an empty
// answer is empty, never 否 or 0001-01-01); a part that cannot be evaluated prints
// "（无法计算）" and is an ExprError, so the dossier cannot be judged nor its package built.
func (e *Evaluation) render(t *Text, env map[string]any) string {
	if t == nil {
		return ""
	}
	if len(t.parts) == 1 && t.parts[0].prog == nil {
		return t.parts[0].lit // plain text: nothing to evaluate or copy
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.prog == nil {
			b.WriteString(p.lit)
			continue
		}
		v, st, _ := e.eval(p.prog, env)
		switch st {
		case evalOK:
			b.WriteString(Format(v, ""))
		case evalFault:
			b.WriteString("（无法计算）")
		}
	}
	return b.String()
}

// Format writes a value the way forms print it. kind refines numbers and dates: "money"
// (1,500.00), "percent" (5.00%), "date" (2019-05-20); "" picks by the value's type
// (amounts with two decimals, dates as 2019年5月20日, true/false as 是/否).
func Format(v any, kind string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case decimal.D:
		switch kind {
		case string(TypePercent):
			return x.Percent(2)
		case "text", "plain":
			return x.String()
		}
		return x.Grouped(2)
	case int:
		return fmt.Sprint(x)
	case time.Time:
		if x.Year() < minYear { // the zero date: nothing was entered
			return ""
		}
		if kind == string(TypeDate) {
			return x.Format("2006-01-02")
		}
		return fmt.Sprintf("%d年%d月%d日", x.Year(), int(x.Month()), x.Day())
	case bool:
		if x {
			return "是"
		}
		return "否"
	case []string:
		return strings.Join(x, "、")
	case string:
		return x
	}
	return fmt.Sprint(v)
}
