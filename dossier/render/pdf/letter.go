package pdf

import (
	"strings"
	"unicode"

	"dossier/dossier/document"
)

// Letters (document.Report.Letter) follow GB/T 9704-2012: the body in 3号仿宋 (16 pt) on a
// 28.95 pt line pitch (22 lines of 28 characters), the title in 2号 (22 pt, the heading face
// standing in for 小标宋) centred and broken between words, the 发文字号 line (签发人 on the
// right for a 请示 or 报告), the 附件 list and the 落款 with the date right-aligned four
// characters in.
const (
	letterSize  = 16
	letterTitle = 22
)

// letterPitches are the line pitches a letter is tried at, as multiples of 16 pt: GB/T 9704's
// 28.95 pt, then tighter, so that the 落款 does not go to a page of its own ("调整行距、字距"
// rather than a page that holds only the seal and date). Reports are laid out once.
func letterPitches(r *document.Report) []float64 {
	if r.Letter == nil {
		return []float64{0}
	}
	return []float64{28.95 / 16, 1.7, 1.6, 1.5}
}

// bodyStyle is the running-text style and line pitch: 小四 Song, or 3号 Fang in a letter.
func (d *renderer) bodyStyle() (style, float64) {
	if d.r.Letter != nil {
		return style{famSong, letterSize}, d.letterPitch // famFor sets Song text in Fang
	}
	return body, bodyPitch
}

// letterHead draws the 发文字号 line: the number left and "签发人：…" right, one character
// in from each side (上行文), or the number centred when no 签发人 is printed.
func (d *renderer) letterHead() {
	l := d.r.Letter
	if l == nil || (l.Number == "" && !l.Signed) {
		return
	}
	st, f := d.bodyStyle()
	lh := pitch(st.size, f)
	d.ensure(lh)
	if l.Signed {
		d.line(st, d.left+em(st), d.width-2*em(st), l.Number, "left", lh)
		signer := l.Signer
		if signer == "" {
			signer = "　　　"
		}
		d.line(st, d.left+em(st), d.width-2*em(st), "签发人："+signer, "right", lh)
	} else {
		d.line(st, d.left, d.width, l.Number, "center", lh)
	}
	d.y += 2 * lh
}

// letterTitle draws a letter's title: 22 pt, centred, lines broken where the words allow.
func (d *renderer) letterTitle(text string) {
	st := style{famHei, letterTitle}
	lh := pitch(st.size, 1.45)
	for _, l := range titleLines(text, d.measurer(st), d.width-em(st)) {
		d.ensure(lh)
		d.line(st, d.left, d.width, l, "center", lh)
		d.y += lh
	}
	_, f := d.bodyStyle()
	d.y += pitch(letterSize, f) // one empty line before the 主送机关
}

// annex draws the 附件 list: one empty line under the body, "附件：" two characters in, the
// items numbered when there are several, their names aligned, wrapped lines under the name.
func (d *renderer) annex(a *document.Annex) {
	if len(a.Items) == 0 {
		return
	}
	st, f := d.bodyStyle()
	lh := pitch(st.size, f)
	d.y += lh
	x := d.left + 2*em(st)
	label := "附件："
	labelW := d.measure(st, label)
	d.ensure(lh)
	d.line(st, x, labelW, label, "left", lh)
	for i, item := range a.Items {
		num := ""
		if len(a.Items) > 1 {
			num = itoa(i+1) + ". "
		}
		numW := d.measure(st, num)
		avail := d.left + d.width - x - labelW - numW
		for j, l := range d.split(st, item, avail, avail, true) {
			d.ensure(lh)
			if j == 0 && num != "" {
				d.line(st, x+labelW, numW, num, "left", lh)
			}
			d.line(st, x+labelW+numW, avail, l, "left", lh)
			d.y += lh
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// letterSignature draws the 落款: the unit centred over the date, the date four characters
// from the right edge; the seal goes over both, so no （盖章） is printed.
func (d *renderer) letterSignature(s *document.Signature) {
	st, f := d.bodyStyle()
	lh := pitch(st.size, f)
	var lines []string
	for _, l := range s.Lines {
		switch {
		case l.Label == "":
			lines = append(lines, l.Value)
		case l.Value == "":
			lines = append(lines, l.Label+"："+strings.Repeat("　", 6))
		default:
			lines = append(lines, l.Label+"："+l.Value)
		}
	}
	date := s.Date
	if d.r.Letter.Date != "" {
		date = d.r.Letter.Date
	}
	if date == "" {
		date = "　　　　年　　月　　日"
	}
	page := d.pdf.PageNo()
	d.ensure(lh * float64(len(lines)+3))
	d.signAlone = d.pdf.PageNo() != page
	d.signPage = d.pdf.PageNo()
	d.y += lh // the seal presses on the unit and the date (GB/T 9704 7.3.5.1)
	right := d.left + d.width - 4*em(st)
	dateW := d.measure(st, date)
	for _, l := range lines {
		w := d.measure(st, l)
		x := right - dateW/2 - w/2
		if x+w > d.left+d.width {
			x = d.left + d.width - w
		}
		d.line(st, max(x, d.left), w, l, "left", lh)
		d.y += lh
	}
	d.line(st, right-dateW, dateW, date, "left", lh)
	d.y += lh
}

// titleNoBreak are words a title line should not be cut inside (the title's 词).
var titleNoBreak = []string{
	"工业和信息化", "科学技术", "技术改造", "技术创新", "专项资金", "高新技术", "技术企业", "中小企业", "公共服务",
	"示范平台", "创新提升", "两化融合", "管理体系", "贯标试点", "重点", "项目", "企业", "认定", "申报",
	"推荐", "报送", "省级", "年度", "技术", "工业", "创新", "专项", "服务", "示范", "平台", "管理",
}

// titleBreakPenalty is how bad a line break before rune i of r is: 0 where a title is best
// cut (before 关于, after a closing bracket or quote, before the final 的请示/的报告/的函),
// more inside a word, forbidden (-1) inside numbers and next to brackets and punctuation.
func titleBreakPenalty(r []rune, i int) int {
	if titleBreakForbidden(r[i-1], r[i]) {
		return -1
	}
	if p, ok := titleSeamPenalty(r, i); ok {
		return p
	}
	if insideTitleWord(r, i) {
		return 200
	}
	return 60
}

// titleBreakForbidden: no break between two Latin letters or digits, before closing
// punctuation or after an opening bracket or quote.
func titleBreakForbidden(prev, next rune) bool {
	return isLatin(prev) && isLatin(next) ||
		strings.ContainsRune("，。、：；！？）》”’", next) || strings.ContainsRune("（《“‘", prev)
}

// titleEndings are the final words of a letter's title; a break before them costs little.
var titleEndings = map[string]bool{"的请示": true, "的报告": true, "的函": true, "的复函": true}

// titleSeamPenalty is the penalty of a break before rune i at a seam of the title's
// structure (before 关于, after a bracket, before the ending, after a year, after 、 or 和);
// ok is false elsewhere.
func titleSeamPenalty(r []rune, i int) (penalty int, ok bool) {
	prev, rest := r[i-1], string(r[i:])
	switch {
	case strings.HasPrefix(rest, "关于"), strings.ContainsRune("）》”", prev):
		return 0, true
	case titleEndings[rest]:
		return 5, true
	case afterYear(r, i):
		return 25, true // after a year: 2019年 / 2019年度, where 关于 is too far in
	case prev == '、' || prev == '和' && !strings.HasPrefix(rest, "信息化"):
		return 30, true
	}
	return 0, false
}

// afterYear reports whether rune i of r follows a year: 2019年 (not cutting 年度) or 2019年度.
func afterYear(r []rune, i int) bool {
	prev, next := r[i-1], r[i]
	return prev == '年' && i >= 2 && unicode.IsDigit(r[i-2]) && next != '度' ||
		prev == '度' && i >= 3 && r[i-2] == '年' && unicode.IsDigit(r[i-3])
}

// insideTitleWord reports whether a break before rune i of r would cut one of titleNoBreak.
func insideTitleWord(r []rune, i int) bool {
	for _, w := range titleNoBreak {
		wr := []rune(w)
		for k := 1; k < len(wr); k++ { // the break would fall after wr[k-1]
			if i-k >= 0 && i-k+len(wr) <= len(r) && string(r[i-k:i-k+len(wr)]) == w {
				return true
			}
		}
	}
	return false
}

func isLatin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// titleLines breaks a title into the fewest lines that fit w, choosing among those the breaks
// with the least penalty and the most even lines (GB/T 9704: 梯形 or 菱形, not a long line
// over a stub). A title that cannot be broken at allowed points falls back to splitLines.
func titleLines(text string, measure func(string) float64, w float64) []string {
	r := []rune(strings.TrimSpace(text))
	if len(r) == 0 || measure(string(r)) <= w {
		return []string{string(r)}
	}
	const inf = 1 << 40
	n := len(r)
	at := make([]float64, n+1) // at[i]: width of r[:i] (fpdf does not kern: widths add up)
	for i, c := range r {
		at[i+1] = at[i] + measure(string(c))
	}
	cost := make([]float64, n+1)
	from := make([]int, n+1)
	for b := 1; b <= n; b++ {
		cost[b] = inf
		for a := 0; a < b; a++ {
			if cost[a] >= inf {
				continue
			}
			pen := 0
			if a > 0 {
				if pen = titleBreakPenalty(r, a); pen < 0 {
					continue
				}
			}
			lw := at[b] - at[a]
			if lw > w+1e-6 {
				continue
			}
			slack := (w - lw) / w
			c := cost[a] + 1000 + float64(pen) + 80*slack*slack
			if c < cost[b] {
				cost[b], from[b] = c, a
			}
		}
	}
	if cost[n] >= inf {
		return splitLines(string(r), measure, w, w, false)
	}
	var lines []string
	for b := n; b > 0; b = from[b] {
		lines = append([]string{string(r[from[b]:b])}, lines...)
	}
	return lines
}

// afterSign reports whether block text follows a letter's 落款: it is the 附注 （联系人：…）,
// set two characters in (GB/T 9704), and must stay on the 落款's page.
func (d *renderer) afterSign() bool { return d.r.Letter != nil && d.signPage > 0 }
