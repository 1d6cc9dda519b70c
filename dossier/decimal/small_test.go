package decimal

import (
	"math/big"
	"math/rand"
	"testing"
)

// ref is the plain big.Rat value of d, what every D was before the integer form.
func ref(d D) *big.Rat { return new(big.Rat).Set(d.rat()) }

// The integer form computes what big.Rat computes, across scales, signs, overflow and rounding.
func TestIntegerFormAgreesWithRat(t *testing.T) {
	rnd := rand.New(rand.NewSource(8))
	texts := []string{"0", "-0", "1", "-1", "0.5", "-0.5", "0.005", "-0.005", "0.015", "1234567.805", "-1234.5",
		"999999999999999999", "-999999999999999999", "0.000000000000000001", "9223372036854775807",
		"123456789.123456789", "1e12", "2.5e-1", "420.10", "8402.00", "0.05", "1e-30", "1e30"}
	for range 300 {
		m := rnd.Int63n(1<<62) - 1<<61
		if rnd.Intn(2) == 0 {
			m = rnd.Int63n(2000000) - 1000000
		}
		s := rnd.Intn(20)
		texts = append(texts, new(big.Rat).SetFrac(big.NewInt(m), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s)), nil)).FloatString(s))
	}
	vals := make([]D, len(texts))
	for i, s := range texts {
		vals[i] = MustParse(s)
		if r, _ := new(big.Rat).SetString(s); ref(vals[i]).Cmp(r) != 0 {
			t.Fatalf("Parse(%s) = %s", s, vals[i])
		}
	}
	third, _ := Int(1).Quo(Int(3))
	vals = append(vals, third, Int(-7), Float(0.05), Float(1e300))
	for i, a := range vals {
		ra := ref(a)
		for n := range 8 {
			if got, want := a.Fixed(n), ra.FloatString(n); got != want {
				t.Fatalf("Fixed(%d) of %s = %s, want %s", n, ra, got, want)
			}
		}
		if f, _ := ra.Float64(); a.Float64() != f {
			t.Fatalf("Float64 of %s = %v, want %v", ra, a.Float64(), f)
		}
		if a.Abs().Cmp(D{r: new(big.Rat).Abs(ra)}) != 0 || a.Sign() != ra.Sign() {
			t.Fatalf("Abs/Sign of %s", ra)
		}
		if got := (D{r: ra}).Digits(); a.Digits() != got || a.Scale() != (D{r: ra}).Scale() {
			t.Fatalf("Digits/Scale of %s: %d %d", ra, a.Digits(), a.Scale())
		}
		b := vals[(i*7+3)%len(vals)]
		rb := ref(b)
		check := func(op string, got D, want *big.Rat) {
			if c := canon(want); ref(got).Cmp(want) != 0 || (got.r == nil) != (c.r == nil) || (c.r == nil && got != c) {
				t.Fatalf("%s %s %s = %s, want %s", ra, op, rb, got, want.FloatString(20))
			}
		}
		check("+", a.Add(b), new(big.Rat).Add(ra, rb))
		check("-", a.Sub(b), new(big.Rat).Sub(ra, rb))
		check("*", a.Mul(b), new(big.Rat).Mul(ra, rb))
		if a.Cmp(b) != ra.Cmp(rb) || b.Cmp(a) != rb.Cmp(ra) || a.Cmp(a) != 0 {
			t.Fatalf("Cmp(%s, %s)", ra, rb)
		}
		if b.Sign() != 0 {
			q, _ := a.Quo(b)
			check("/", q, new(big.Rat).Quo(ra, rb))
		}
	}
}

// One value, one form: however it was computed, an amount is the same struct.
func TestCanonicalForm(t *testing.T) {
	q, _ := MustParse("420.10").Quo(MustParse("8402"))
	if q != Float(0.05) || q != MustParse("0.050") || MustParse("1500.00") != Int(1500) {
		t.Errorf("%#v %#v", q, Float(0.05))
	}
	if MustParse("1e3") != Int(1000) || MustParse("１,５００") != Int(1500) {
		t.Error("the general parser's results are not canonical")
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		MustParse("12345.67")
	}
}
