package pack

import (
	"dossier/dossier/programme"
	"dossier/dossier/render/bind"
	"dossier/dossier/render/pdf"
)

// simplex reports whether a report's print copies are laid out for single-sided printing:
// when the template says so (print: {sides: simplex}) or the build was asked to (--simplex).
func simplex(ps *programme.Print, o Options) bool { return o.Simplex || ps.Simplex() }

// printOptions is the layout of a report's print copies: page numbers on the outer edge
// (GB/T 9704) whether or not the copy is bound; the 订口 only when it is.
func printOptions(ps *programme.Print, o Options) pdf.Options {
	return pdf.Options{Draft: o.Draft, Print: true, Simplex: simplex(ps, o), Unbound: ps.Binding == "none", Seal: ps.ShowSealMark()}
}

// bindOptions is how a report's copies are put together.
func bindOptions(ps *programme.Print, o Options) bind.Options {
	return bind.Options{Copies: ps.Copies, Simplex: simplex(ps, o)}
}

// sealNote is what the print list says about the 骑缝章 of one document.
func sealNote(ps *programme.Print) string {
	switch {
	case !ps.Seal:
		return ""
	case ps.ShowSealMark():
		return "，骑缝章盖在书口（外侧边缘）正中的浅灰色虚线框处"
	}
	return "，骑缝章盖在书口（外侧边缘）正中（页面上未画位置框）"
}

// sidesNote is the print list's closing paragraph: how to print and bind.
func sidesNote(specs []*programme.Output, o Options) string {
	duplex, single := false, false
	for _, spec := range specs {
		if spec.Print == nil {
			continue
		}
		if simplex(spec.Print, o) {
			single = true
		} else {
			duplex = true
		}
	}
	var s string
	if duplex {
		s += "双面打印（长边翻转）：每份、每份中的封面、承诺书（声明）、目录和正文均从右页（奇数页）开始，其间的空白页是有意留出的，请勿删除；" +
			"左侧装订，订口在每页内侧，页码和骑缝章位置在外侧。" +
			"空白页计入页码（不印出），所以打印稿的页码和目录与电子版不同；打印稿的目录按打印稿自己的页码编排，请勿用电子版的目录替换。"
	}
	if single {
		if s != "" {
			s += "\n"
		}
		s += "单面打印：左侧装订，页码在每页右下，骑缝章位置在右侧边缘。"
	}
	return s
}
