package validate

import (
	"strings"
	"testing"
)

// FuzzCreditCode: the validator never panics; a code it accepts has the GB 32100-2015 shape
// and its own check characters.
func FuzzCreditCode(f *testing.F) {
	for _, s := range []string{"91350200776049653A", "000000000000000000", "91140105MA0K7D3Q0A", "91100000100010433L", "9135020077604965", "ＡＢＣ", "91350100m000100y43"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CreditCode(s) != "" {
			return
		}
		if len(s) != 18 || !strings.ContainsRune("123456789ANY", rune(s[0])) || !provinces[s[2:4]] {
			t.Fatalf("accepted %q", s)
		}
		if CreditCheckChar(s[:17]) != s[17] {
			t.Fatalf("accepted %q with wrong check characters", s)
		}
	})
}

// FuzzText: Text never panics, and what it accepts holds nothing a terminal or a PDF font
// would misread.
func FuzzText(f *testing.F) {
	for _, s := range []string{"山西示例", "a\x00b", "\x1b[2J", "\u202e", "𠮷", "a\r\nb", "\xff"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		if Text(s, multiline) != "" {
			return
		}
		for _, c := range s {
			if c > 0xFFFF || c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				t.Fatalf("accepted U+%04X in %q", c, s)
			}
			if !multiline && (c == '\n' || c == '\t' || c == '\r') {
				t.Fatalf("accepted a line break in one-line %q", s)
			}
		}
		if q := Quote(s); strings.ContainsAny(q, "\x00\x1b") {
			t.Fatalf("Quote kept a control character: %q", q)
		}
	})
}
