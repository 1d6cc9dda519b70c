package dossier

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// checkEncoding refuses what encoding/json would silently turn into U+FFFD: a file that is not
// UTF-8 (UTF-16 from Notepad, GBK), bytes that are not UTF-8, and \uD800-style escapes of lone
// surrogates. Messages give the line, column and byte position.
func checkEncoding(src []byte) error {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) ||
		(len(src) >= 2 && (src[0] == 0 || src[1] == 0)) {
		return fmt.Errorf("文件是 UTF-16 编码，请另存为 UTF-8（记事本：文件 → 另存为 → 编码选 UTF-8）")
	}
	if !utf8.Valid(src) {
		off := invalidAt(src)
		line, col := position(src, int64(off))
		return fmt.Errorf("第 %d 行第 %d 列（第 %d 字节）不是有效的 UTF-8 编码（可能是 GBK 等编码），请另存为 UTF-8", line, col, off+1)
	}
	if off, ok := loneSurrogate(src); ok {
		line, col := position(src, int64(off))
		return fmt.Errorf("第 %d 行第 %d 列：转义“%s”是不成对的代理码位，不代表任何字符，请删除或改为实际的文字", line, col, src[off:off+6])
	}
	return nil
}

func invalidAt(src []byte) int {
	for i := 0; i < len(src); {
		c, n := utf8.DecodeRune(src[i:])
		if c == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// loneSurrogate finds a \uD800–\uDFFF escape inside a JSON string that is not a high
// surrogate followed by a low one.
func loneSurrogate(src []byte) (int, bool) {
	inString := false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(src):
			n, bad := escape(src, i)
			if bad {
				return i, true
			}
			i += n
		}
	}
	return 0, false
}

// escape looks at the escape at src[i] ('\\'): how many bytes after the backslash it spans,
// and whether it is a lone surrogate.
func escape(src []byte, i int) (skip int, lone bool) {
	if src[i+1] != 'u' {
		return 1, false
	}
	v, ok := hex4(src, i+2)
	switch {
	case !ok:
		return 1, false
	case v >= 0xDC00 && v <= 0xDFFF:
		return 0, true
	case v >= 0xD800 && v <= 0xDBFF:
		low, ok := hex4(src, i+8)
		if i+7 >= len(src) || src[i+6] != '\\' || src[i+7] != 'u' || !ok || low < 0xDC00 || low > 0xDFFF {
			return 0, true
		}
		return 11, false
	}
	return 5, false
}

func hex4(src []byte, at int) (rune, bool) {
	if at+4 > len(src) {
		return 0, false
	}
	var v rune
	for _, c := range src[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
