package pdf

import (
	"strings"

	"dossier/dossier/document"
)

// coverScales are the sizes tried for a cover, largest first: a cover whose texts do not fit
// its page at full size (a 60-character project name, a long unit name) is set smaller, so
// that 申报单位, 推荐单位 and the date stay on the page.
var coverScales = []float64{1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6}

// coverLine is one line of a laid-out cover.
type coverLine struct {
	st        style
	x, w, y   float64
	h         float64
	text      string
	align     string
	underline bool // the value of a label/value line sits on a rule
}

// cover draws the title page: programme, big title, label/value lines, date at the bottom,
// at the largest of coverScales at which all of it fits the page.
func (d *renderer) cover(c *document.Cover) {
	d.newPage()
	var lines []coverLine
	for _, s := range coverScales {
		var bottom float64
		lines, bottom = d.coverPlan(c, s)
		if bottom <= pageH-d.bottom+1e-6 {
			break
		}
	}
	for _, l := range lines {
		d.y = l.y
		d.line(l.st, l.x, l.w, l.text, l.align, l.h)
		if l.underline {
			d.pdf.SetLineWidth(0.25)
			d.pdf.Line(l.x, l.y+l.h*0.8, l.x+l.w, l.y+l.h*0.8)
		}
	}
	d.y = pageH - d.bottom
}

// coverPlan lays the cover out at scale s (of the full sizes: 18 pt programme, 26 pt 一号
// title, 16 pt 三号 lines) and returns its lines and where the last one ends.
func (d *renderer) coverPlan(c *document.Cover, s float64) ([]coverLine, float64) {
	var out []coverLine
	x, w := d.left, d.width
	y := d.top + 20*s
	centred := func(st style, text string, factor float64) {
		h := pitch(st.size, factor)
		for _, para := range d.wrap(st, text, w-2*em(st), 0, false) {
			for _, l := range para {
				out = append(out, coverLine{st: st, x: x, w: w, y: y, h: h, text: l, align: "center"})
				y += h
			}
		}
	}
	if c.Programme != "" {
		centred(style{famHei, 18 * s}, c.Programme, 1.5)
		y += 12 * s
	}
	if c.Title != "" {
		centred(style{famHei, 26 * s}, c.Title, 1.4) // 一号
	}
	// Label/value lines in the lower half: labels right-aligned to a common column, values
	// on an underline, like the covers of the ministries' 申报书 templates.
	st := style{famSong, 16 * s} // 三号
	h := pitch(st.size, 2.2)
	labels := make([]string, len(c.Lines))
	labelW := 0.0
	for i, l := range c.Lines {
		labels[i] = l.Label
		if l.Seal && !strings.Contains(l.Label, "盖章") { // the cover is stamped whether or not a 骑缝章 is asked for
			labels[i] += "（盖章）"
		}
		labels[i] += "："
		labelW = max(labelW, d.measure(st, labels[i]))
	}
	// Smaller type gets more characters per line, not a narrower block.
	valueW := min(w-labelW-em(st), 16*em(style{famSong, 16}))
	blockX := x + (w-labelW-valueW)/2
	y = max(y+20*s, pageH*0.55-(1-s)*pageH*0.3)
	for i, l := range c.Lines {
		for j, v := range d.split(st, l.Value, valueW, valueW, false) {
			if j == 0 {
				out = append(out, coverLine{st: st, x: blockX, w: labelW, y: y, h: h, text: labels[i], align: "right"})
			}
			out = append(out, coverLine{st: st, x: blockX + labelW, w: valueW, y: y, h: h, text: v, align: "center", underline: true})
			y += h
		}
	}
	if c.Date != "" {
		y = max(y+h, pageH-d.bottom-25*s)
		out = append(out, coverLine{st: st, x: x, w: w, y: y, h: h, text: c.Date, align: "center"})
		y += h
	}
	return out, y
}
