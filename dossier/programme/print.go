package programme

import "dossier/dossier/programme/internal/syntax"

// problem is what is wrong with the print settings, in the template check's words ("" when
// nothing is).
func printProblem(ps *syntax.Print) string {
	if ps == nil {
		return ""
	}
	switch Sides(ps.Sides) {
	case "", SidesDuplex, SidesSimplex:
	default:
		return " print.sides “" + ps.Sides + "” 未知（可用：duplex 双面, simplex 单面）"
	}
	switch Binding(ps.Binding) {
	case "", BindingLeft, BindingNone:
	default:
		return " print.binding “" + ps.Binding + "” 未知（可用：left, none）"
	}
	return ""
}

// newPrint is a checked print node's model; nil for none.
func newPrint(ps *syntax.Print) *Print {
	if ps == nil {
		return nil
	}
	return &Print{Copies: ps.Copies, Binding: Binding(ps.Binding), Seal: ps.Seal, Note: ps.Note, Sides: Sides(ps.Sides), SealMark: ps.SealMark}
}
