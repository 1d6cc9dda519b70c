package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese line breaking (避头尾, after GB/T 15834 practice and W3C CLREQ): a line may not start
// with closing punctuation and may not end with opening punctuation. fpdf's SplitText and
// MultiCell break CJK text anywhere, so the renderer breaks lines itself.

// noStart are the characters a line may not start with (行首禁则): closing punctuation,
// pause and stop marks, the ellipsis and the dash (which must also never be split in two).
const noStart = "，。、；：？！）》」』】〕〉〗〙］｝…—’”％‰℃·．｡､" + ",.;:!?)]}%"

// noEnd are the characters a line may not end with (行尾禁则): opening brackets and quotes,
// and the currency sign that belongs to the number after it.
const noEnd = "（《「『【〔〈〖〘［｛“‘￥" + "([{"

// hangable are the marks that may hang past the right edge of a paragraph (标点悬挂, what
// Word's 允许标点溢出边界 does): their glyph sits in the left half of a full-width box, so a
// hanging one barely pokes into the margin while the line stays full.
const hangable = "，。、．,."

func isNoStart(r rune) bool  { return strings.ContainsRune(noStart, r) }
func isNoEnd(r rune) bool    { return strings.ContainsRune(noEnd, r) }
func isHangable(r rune) bool { return strings.ContainsRune(hangable, r) }

// isCJK reports whether r is set one per box: a line may break before or after it (subject
// to the 禁则). Everything else that is not a space belongs to an unbreakable "word", so
// Latin words, "1,500.00", "2019-05-20" and URLs stay whole.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK punctuation, kana, CJK unified …
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms （，：０…
		r >= 0x2010 && r <= 0x206F,   // general punctuation “”‘’—…
		r >= 0x20000 && r <= 0x3FFFF, // CJK extension B and later
		r == 0xB7, r == 0xA5:         // middle dot, yen sign
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r)
}

// isSpace reports a breakable space. The ideographic space U+3000 is not one: it is a
// full-width blank that people type on purpose (年　　月　　日, 目　录) and must keep.
func isSpace(r rune) bool { return r != 0x3000 && unicode.IsSpace(r) }

// atom is a piece of text that is never broken: a hanzi with the closing marks that follow
// it and the opening marks before it, a Latin word or number, or one space.
type atom struct {
	text  string
	space bool
}

// atomize cuts text into atoms. Closing marks are glued to what precedes them and opening
// marks to what follows, so breaking only between atoms obeys the 禁则; when an atom does
// not fit, it moves down whole, which is the "pull the previous character down" (推出) fix.
func atomize(text string) []atom {
	z := &atomizer{}
	rs := []rune(text)
	for i := 0; i < len(rs); {
		j := i + 1
		switch r := rs[i]; {
		case isSpace(r):
			for j < len(rs) && isSpace(rs[j]) {
				j++
			}
			z.space()
		case isCJK(r):
			z.add(string(r))
		default:
			for j < len(rs) && !isSpace(rs[j]) && !isCJK(rs[j]) {
				j++
			}
			z.add(string(rs[i:j]))
		}
		i = j
	}
	if z.open != "" {
		z.out = append(z.out, atom{text: z.open})
	}
	if n := len(z.out); n > 0 && z.out[n-1].space {
		z.out = z.out[:n-1]
	}
	return glueShortBrackets(z.out)
}

// atomizer is atomize's state: the atoms so far and the opening marks waiting for the atom
// they belong to.
type atomizer struct {
	out  []atom
	open string
}

// add takes a hanzi (or mark) or a Latin word.
func (z *atomizer) add(u string) {
	first, _ := utf8.DecodeRuneInString(u)
	last, _ := utf8.DecodeLastRuneInString(u)
	switch {
	case z.open == "" && isNoStart(first) && len(z.out) > 0:
		z.glueClosing(u)
	case isNoEnd(last):
		z.open += u
	default:
		z.out = append(z.out, atom{text: z.open + u})
		z.open = ""
	}
}

// glueClosing glues a closing mark to the atom before it.
func (z *atomizer) glueClosing(u string) {
	k := len(z.out) - 1
	switch {
	case z.out[k].space && k > 0: // "word )": keep the space inside, never break there
		z.out[k-1].text += " " + u
		z.out = z.out[:k]
	case !z.out[k].space:
		z.out[k].text += u
	default:
		z.out = append(z.out, atom{text: u})
	}
}

// space takes a run of spaces: one breakable space atom, none at the start, and none after an
// opening mark ("（ 注": the mark still starts the next atom).
func (z *atomizer) space() {
	if z.open != "" {
		return
	}
	if len(z.out) > 0 && !z.out[len(z.out)-1].space {
		z.out = append(z.out, atom{text: " ", space: true})
	}
}

// maxGlued is the longest bracketed text kept on one line: units such as （万元）, （台/套）,
// (%) or （盖章） read badly when split, a clause in brackets may break.
const maxGlued = 5

// glueShortBrackets merges the atoms from an opening （ or ( to the matching closing bracket
// when the whole is at most maxGlued characters long.
func glueShortBrackets(in []atom) []atom {
	var out []atom
	for i := 0; i < len(in); i++ {
		open := strings.IndexAny(in[i].text, "（(")
		if open < 0 || in[i].space {
			out = append(out, in[i])
			continue
		}
		n, j := 0, i
		for ; j < len(in); j++ {
			if j > i && in[j].space {
				break
			}
			n += utf8.RuneCountInString(in[j].text)
			if n > maxGlued+2 { // the brackets themselves do not count
				break
			}
			if strings.ContainsAny(in[j].text[func() int {
				if j == i {
					return open
				}
				return 0
			}():], "）)") {
				break
			}
		}
		if j < len(in) && j > i && n <= maxGlued+2 && !in[j].space {
			var b strings.Builder
			for k := i; k <= j; k++ {
				b.WriteString(in[k].text)
			}
			out = append(out, atom{text: b.String()})
			i = j
			continue
		}
		out = append(out, in[i])
	}
	return out
}

// splitLines breaks one paragraph (no newlines) into lines: the first at most first wide,
// the others at most rest wide, measured by measure. With hang, a line may end in one
// hanging ，。、 that sticks out past the width. An atom wider than a whole line (a long URL)
// is broken between characters as a last resort.
func splitLines(text string, measure func(string) float64, first, rest float64, hang bool) []string {
	sp := &splitter{measure: measure, avail: first, rest: rest, hang: hang}
	for _, a := range atomize(text) {
		if a.space {
			sp.space(measure(a.text))
		} else {
			sp.word(a.text, measure(a.text))
		}
	}
	if sp.cur.Len() > 0 || len(sp.lines) == 0 {
		sp.lines = append(sp.lines, strings.TrimRight(sp.cur.String(), " "))
	}
	return sp.lines
}

const splitEps = 1e-6

// splitter is splitLines' state: the lines so far and the one being filled.
type splitter struct {
	measure           func(string) float64
	lines             []string
	cur               strings.Builder
	curW, avail, rest float64
	hang              bool
}

func (sp *splitter) flush() {
	sp.lines = append(sp.lines, strings.TrimRight(sp.cur.String(), " "))
	sp.cur.Reset()
	sp.curW, sp.avail = 0, sp.rest
}

func (sp *splitter) put(text string, w float64) {
	sp.cur.WriteString(text)
	sp.curW += w
}

// space adds a space w wide, or ends the line there; never at the start of a line.
func (sp *splitter) space(w float64) {
	switch {
	case sp.cur.Len() == 0:
	case sp.curW+w > sp.avail+splitEps:
		sp.flush()
	default:
		sp.put(" ", w)
	}
}

// word adds an atom w wide: on this line if it fits (or fits with its last mark hanging),
// else on the next, else broken between characters.
func (sp *splitter) word(text string, w float64) {
	if sp.curW+w <= sp.avail+splitEps {
		sp.put(text, w)
		return
	}
	if sp.hanging(text, w) {
		sp.put(text, w)
		sp.flush()
		return
	}
	if sp.cur.Len() > 0 {
		sp.flush()
		if w <= sp.avail+splitEps {
			sp.put(text, w)
			return
		}
	}
	// Too wide for any line: break it between characters.
	for _, r := range text {
		rw := sp.measure(string(r))
		// Even here a closing mark stays on its line, overflowing a little.
		if sp.curW+rw > sp.avail+splitEps && sp.cur.Len() > 0 && !isNoStart(r) {
			sp.flush()
		}
		sp.put(string(r), rw)
	}
}

// hanging reports whether the atom fits on this line with its last mark (，。、) hanging past
// the edge.
func (sp *splitter) hanging(text string, w float64) bool {
	if !sp.hang || sp.cur.Len() == 0 {
		return false
	}
	last, size := utf8.DecodeLastRuneInString(text)
	return isHangable(last) && size < len(text) && sp.curW+w-sp.measure(string(last)) <= sp.avail+splitEps
}
