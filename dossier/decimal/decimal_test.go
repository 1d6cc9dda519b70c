package decimal

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	ok := map[string]string{
		"1500":       "1500",
		"1,500.00":   "1500",
		" 8100.10 ":  "8100.1",
		"１５００．５":     "1500.5",
		"１,５００":      "1500",
		"-3.25":      "-3.25",
		"+7":         "7",
		".5":         "0.5",
		"12，345.678": "12345.678",
		"1e3":        "1000",
		"1.5E2":      "150",
		"2.5e-1":     "0.25",
		"１ｅ３":        "1000",
		"1E+2":       "100",
	}
	for in, want := range ok {
		d, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if d.String() != want {
			t.Errorf("Parse(%q) = %s, want %s", in, d, want)
		}
	}
	for _, in := range []string{"", "abc", "1/3", "1e", "e5", "1e2.5", "1.2.3", "--1", "1,5a", "万元", "."} {
		if _, err := Parse(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) err = %v, want ErrSyntax", in, err)
		}
	}
}

// A ratio exactly at a threshold must compare equal: this is the whole point of the package.
func TestExactRatioAtThreshold(t *testing.T) {
	rd := MustParse("140.01").Add(MustParse("140.03")).Add(MustParse("140.06"))
	sales := MustParse("2800.20").Add(MustParse("2800.60")).Add(MustParse("2801.20"))
	q, err := rd.Quo(sales)
	if err != nil {
		t.Fatal(err)
	}
	if q.Cmp(Float(0.05)) != 0 {
		t.Fatalf("420.10/8402.00 = %s, want exactly 0.05", q)
	}
	// float64 gets this wrong, which is why the package exists.
	if (140.01+140.03+140.06)/(2800.20+2800.60+2801.20) >= 0.05 {
		t.Log("float64 happened to agree on this machine")
	}
	if _, err := rd.Quo(D{}); !errors.Is(err, ErrDivisionByZero) {
		t.Fatalf("Quo by zero: %v", err)
	}
}

func TestFormatting(t *testing.T) {
	d := MustParse("1234567.805")
	if got := d.Grouped(2); got != "1,234,567.81" {
		t.Errorf("Grouped = %s", got)
	}
	if got := MustParse("-1234.5").Grouped(2); got != "-1,234.50" {
		t.Errorf("Grouped negative = %s", got)
	}
	if got := MustParse("0.05").Percent(2); got != "5.00%" {
		t.Errorf("Percent = %s", got)
	}
	third, _ := Int(1).Quo(Int(3))
	if third.Scale() != -1 || third.String() != "0.333333" {
		t.Errorf("1/3: scale %d string %s", third.Scale(), third)
	}
	if MustParse("8100.10").Scale() != 1 || MustParse("12").Scale() != 0 || MustParse("0.125").Scale() != 3 {
		t.Error("Scale")
	}
	var z D
	if z.String() != "0" || !z.IsZero() {
		t.Error("zero value")
	}
}

func TestJSON(t *testing.T) {
	var d D
	if err := d.UnmarshalJSON([]byte(`"1,500.50"`)); err != nil || d.String() != "1500.5" {
		t.Fatalf("string: %v %s", err, d)
	}
	if err := d.UnmarshalJSON([]byte(`8100.10`)); err != nil || d.String() != "8100.1" {
		t.Fatalf("number: %v %s", err, d)
	}
	b, _ := MustParse("420.10").MarshalJSON()
	if string(b) != "420.1" {
		t.Fatalf("marshal %s", b)
	}
}

func TestParseBounded(t *testing.T) {
	long := strings.Repeat("9", 1_000_000)
	if _, err := Parse(long); !errors.Is(err, ErrTooLong) {
		t.Errorf("Parse(1M digits) err = %v, want ErrTooLong", err)
	}
	for _, in := range []string{"1000000000000000000000000e40", "1.23456789012345678901234e-40", "." + strings.Repeat("0", 62) + "1"} {
		if _, err := Parse(in); !errors.Is(err, ErrTooLong) { // 65, 66 and 65 characters written out
			t.Errorf("Parse(%q) err = %v, want ErrTooLong", in, err)
		}
	}
	for _, in := range []string{"1e400", "1e-400", "1e99999999999999999999"} {
		if _, err := Parse(in); !errors.Is(err, ErrRange) {
			t.Errorf("Parse(%q) err = %v, want ErrRange", in, err)
		}
	}
}

func TestDigits(t *testing.T) {
	for in, want := range map[string]int{"0": 1, "1500": 2, "1234.50": 5, "0.05": 1, "-123456789012345.6": 16, "1e12": 1} {
		if got := MustParse(in).Digits(); got != want {
			t.Errorf("Digits(%s) = %d, want %d", in, got, want)
		}
	}
}

func BenchmarkParseMillionDigits(b *testing.B) {
	long := strings.Repeat("9", 1_000_000)
	for b.Loop() {
		_, _ = Parse(long)
	}
}
