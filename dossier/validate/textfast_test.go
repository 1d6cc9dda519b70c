package validate

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

// textSlow is Text before its fast paths: every character decoded and judged by badRune.
func textSlow(s string, multiline bool) string {
	pos := 0
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		pos++
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

// Text's fast paths judge every character, and every malformed sequence, as badRune does.
func TestTextFastPathsAgree(t *testing.T) {
	var inputs []string
	for c := rune(0); c <= 0x10FFFF; c++ {
		if c < 0x20000 || c%97 == 0 {
			inputs = append(inputs, "a"+string(c)+"中")
		}
	}
	for _, s := range []string{"\xe4\xb8", "\xe4\xb8\x41", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "\xef\xbb\xbf",
		"\xe1\x80", "中\xe4", "\xee\x80\x80x", "\xc0\xaf", "\xf0\x9f\x98\x80"} {
		inputs = append(inputs, s, "x"+s+"y")
	}
	for _, s := range inputs {
		for _, ml := range []bool{false, true} {
			if got, want := Text(s, ml), textSlow(s, ml); got != want {
				t.Fatalf("Text(%q, %v) = %q, want %q", s, ml, got, want)
			}
		}
	}
}
