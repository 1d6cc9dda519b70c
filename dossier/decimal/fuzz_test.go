package decimal

import (
	"strings"
	"testing"
)

// FuzzParse: Parse never panics, refuses long input before parsing, and what it accepts reads
// back equal from String().
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1500", "1,500.00", "１５００．５", "-3.2", "1e3", "1.5E2", "2.5e-1", "1e400", ".5", "1/3", strings.Repeat("9", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		if len([]rune(s)) > MaxLen {
			t.Fatalf("accepted %d characters", len([]rune(s)))
		}
		again, err := Parse(d.String())
		if err != nil || again.Cmp(d) != 0 {
			t.Fatalf("%q → %s does not round-trip: %v", s, d, err)
		}
		if d.Digits() < 1 {
			t.Fatalf("%q → %s has %d digits", s, d, d.Digits())
		}
	})
}
