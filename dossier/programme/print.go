package programme

// Print sides (PrintSpec.Sides).
const (
	SidesDuplex  = "duplex"
	SidesSimplex = "simplex"
)

// Simplex reports whether the notice's paper copies are printed single-sided. Double-sided
// is the default: mirrored margins, every part starting on a right-hand page.
func (ps *PrintSpec) Simplex() bool { return ps != nil && ps.Sides == SidesSimplex }

// ShowSealMark reports whether the pages show the light box where the 骑缝章 goes: only when
// a seal is asked for, and unless the template says seal_mark: false.
func (ps *PrintSpec) ShowSealMark() bool {
	return ps != nil && ps.Seal && (ps.SealMark == nil || *ps.SealMark)
}

// problem is what is wrong with the print settings, in the template check's words ("" when
// nothing is).
func (ps *PrintSpec) problem() string {
	if ps == nil {
		return ""
	}
	switch ps.Sides {
	case "", SidesDuplex, SidesSimplex:
	default:
		return " print.sides “" + ps.Sides + "” 未知（可用：duplex 双面, simplex 单面）"
	}
	switch ps.Binding {
	case "", "left", "none":
	default:
		return " print.binding “" + ps.Binding + "” 未知（可用：left, none）"
	}
	return ""
}
