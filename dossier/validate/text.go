package validate

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text checks that s can be printed and stored as typed: valid UTF-8, no control characters
// (NUL, ESC…), no bidirectional or zero-width formatting characters (U+202E would reverse what
// a reviewer reads, U+200B hides text), no line or paragraph separators (U+2028/2029), and only
// characters of the Basic Multilingual Plane, which are all the PDF fonts can draw (𠮷 U+20BB7
// and emoji are not). TAB and LF are allowed only when multiline (a textarea). It returns "" or
// a Chinese sentence naming the first offending character and its position.
func Text(s string, multiline bool) string {
	pos := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b >= 0x20 && b < 0x7f { // printable ASCII: the common case, always fine
			pos++
			i++
			continue
		}
		if cjkIdeograph(s, i) { // the other common case, judged without decoding
			pos++
			i += 3
			continue
		}
		c, n := decodeRune(s, i)
		pos++
		if plainBMP(c) {
			i += n
			continue
		}
		if c == utf8.RuneError && n <= 1 {
			return fmt.Sprintf("第%d个字符处含有无效的编码（不是 UTF-8），请重新输入该处文字", pos)
		}
		if msg := badRune(c, multiline); msg != "" {
			return fmt.Sprintf("第%d个字符%s", pos, msg)
		}
		i += n
	}
	return ""
}

// cjkIdeograph reports whether s[i:] starts with the UTF-8 of a CJK Unified Ideograph
// (U+4E00–U+9FFF: lead byte E4 with a second byte from B8, or E5–E9, then two continuation
// bytes), which plainBMP accepts.
func cjkIdeograph(s string, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	b, b1, b2 := s[i], s[i+1], s[i+2]
	return (b >= 0xE5 && b <= 0xE9 || b == 0xE4 && b1 >= 0xB8) && b1&0xC0 == 0x80 && b2&0xC0 == 0x80
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), with the three-byte sequences of Chinese text
// (lead bytes E1–EC, EE, EF: no overlong or surrogate forms among them) decoded inline.
func decodeRune(s string, i int) (rune, int) {
	if b := s[i]; b >= 0xE1 && b <= 0xEF && b != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// plainBMP is true for the characters of Chinese text that badRune always accepts: CJK
// Unified Ideographs, CJK punctuation (U+3000–303F), full-width forms (U+FF01–FFEF).
func plainBMP(c rune) bool {
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFFEF)
}

// Char says what is wrong with the character c in a one-line text ("是不可见的控制字符
// （U+0007），请删除"), or "" when it is fine: Text's words for one character, for the readers
// that meet it outside a field (a raw control character inside a data file's JSON string).
func Char(c rune) string { return badRune(c, false) }

func badRune(c rune, multiline bool) string {
	switch {
	case c == '\t' || c == '\n':
		if multiline {
			return ""
		}
		if c == '\t' {
			return "是制表符（Tab），此处只能填一行文字，请删除"
		}
		return "是换行，此处只能填一行文字，请删除换行"
	case c == '\r':
		if multiline {
			return "" // CRLF from Windows: normalised to LF by the caller
		}
		return "是换行，此处只能填一行文字，请删除换行"
	case c >= 0xD800 && c <= 0xDFFF:
		return "是无效的代理码位，请重新输入该处文字"
	case c == utf8.RuneError:
		return "是替换符“\uFFFD”（原文的编码已损坏），请重新输入该处文字"
	case c == '\u2028' || c == '\u2029':
		return fmt.Sprintf("是不可见的分行符（U+%04X），请删除后用普通换行", c)
	case unicode.IsControl(c):
		return fmt.Sprintf("是不可见的控制字符（U+%04X），请删除", c)
	case isFormat(c):
		return fmt.Sprintf("是不可见的格式字符（U+%04X，如零宽字符或文字方向控制符），请删除", c)
	case c > 0xFFFF:
		return fmt.Sprintf("“%c”（U+%X）是生僻字或表情符号，申报材料的字体无法打印；"+
			"表情符号请删除；生僻字请按通行做法以拼音或拆字说明代替（如“\U00020BB7”写作“吉（上为土）”），并与营业执照等证照核对一致", c, c)
	}
	return ""
}

// isFormat reports the invisible formatting characters (Unicode category Cf: zero-width
// space and joiners, bidirectional marks and overrides, the BOM, soft hyphen…) and the
// variation selectors that follow emoji.
func isFormat(c rune) bool {
	return unicode.Is(unicode.Cf, c) || (c >= 0xFE00 && c <= 0xFE0F)
}

// Quote is s as a message may quote it back: at most 30 characters (then …), with control and
// formatting characters written as \uXXXX so that a message never carries them to a terminal.
func Quote(s string) string {
	var b strings.Builder
	n := 0
	for _, c := range s {
		if n == 30 {
			b.WriteString("…")
			break
		}
		if c == utf8.RuneError || badRune(c, false) != "" && c <= 0xFFFF {
			fmt.Fprintf(&b, "\\u%04X", c)
		} else {
			b.WriteRune(c)
		}
		n++
	}
	return b.String()
}
