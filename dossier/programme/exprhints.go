package programme

import (
	"regexp"

	"dossier/dossier/programme/internal/syntax"
)

// All problems of a template in one run, on the compile side: a field of an unknown type is
// reported once, not again by every expression that reads it, and an unknown name in an
// expression that is a likely misspelling is named (syntax.DidYouMean).

var identRe = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// readsBadType reports whether an expression reads a field whose type is unknown (already
// reported by checkField): its compile error would only repeat that problem, in expr's
// English.
func (c *compiler) readsBadType(src string) bool {
	if c.p == nil {
		return false
	}
	for _, name := range identRe.FindAllString(src, -1) {
		if f := c.p.fields[name]; f != nil && !fieldTypes[string(f.Type)] {
			return true
		}
		for _, f := range c.p.fields {
			for i := range f.Columns {
				if col := &f.Columns[i]; col.ID == name && !fieldTypes[string(col.Type)] {
					return true
				}
			}
		}
	}
	return false
}

// exprPosRe is the (line:column) expr puts after its compile errors.
var exprPosRe = regexp.MustCompile(`\s*\((\d+):(\d+)\)\s*$`)

// nameHint suggests, for an expression's unknown name, the name it likely misspells.
func nameHint(msg string, env map[string]any) string {
	m := unknownNameRe.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	return syntax.DidYouMean(m[1], syntax.SortedKeys(env))
}

// exprColumn says where in a long expression the error is; at its start it says nothing.
func exprColumn(pos string) string {
	m := exprPosRe.FindStringSubmatch(pos)
	if m == nil || m[2] == "1" || m[2] == "0" {
		return ""
	}
	return "（第 " + m[2] + " 个字符处）"
}
