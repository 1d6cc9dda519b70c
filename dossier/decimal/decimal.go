// Package decimal holds exact decimal numbers for amounts (万元) and ratios. Rules compare ratios
// against the notice's thresholds, and a ratio exactly at a threshold must pass: binary floating
// point cannot promise that (420.10/8402 is not 0.05 in float64 arithmetic once sums are involved),
// so every value is an exact rational number and only display rounds.
package decimal

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// D is an exact decimal (a rational number). The zero value is 0. Values are immutable: every
// operation returns a new D.
//
// A value that is m / 10^s with an int64 m and s ≤ maxScale (every amount a form holds) is kept
// as that pair, with the smallest s, and computed with integers; any other (1/3, a product of
// many decimals) is a *big.Rat. Each value has exactly one form (canon), so equal values are
// equal structs.
type D struct {
	r *big.Rat // nil: the value is m / 10^s
	m int64
	s int8
}

// ErrSyntax is returned by Parse for text that is not a number.
var ErrSyntax = errors.New("decimal: not a number")

// ErrTooLong is returned by Parse for text longer than MaxLen: no form holds such a number, and
// refusing it before parsing keeps a pasted million digits from costing seconds.
var ErrTooLong = errors.New("decimal: number too long")

// ErrRange is returned by Parse for an exponent beyond ±MaxExponent (1e400).
var ErrRange = errors.New("decimal: exponent out of range")

// MaxLen is the longest text Parse reads, in characters (separators and spaces included).
const MaxLen = 64

// MaxExponent bounds the exponent of numbers written as 1.5E2 (what Python and JavaScript
// write): larger ones are no amount a form holds.
const MaxExponent = 40

// ErrDivisionByZero is returned by Quo when the divisor is zero.
var ErrDivisionByZero = errors.New("decimal: division by zero")

func (d D) rat() *big.Rat {
	if d.r == nil {
		if d.s == 0 {
			return new(big.Rat).SetInt64(d.m)
		}
		return new(big.Rat).SetFrac(big.NewInt(d.m), new(big.Int).SetUint64(pow10[d.s]))
	}
	return d.r
}

// Int returns n as a D.
func Int(n int64) D { return small(n, 0) }

// Float returns f as the decimal it was written as: the shortest decimal that rounds to f
// (0.05 → 5/100 exactly), which is what an expression literal means.
func Float(f float64) D {
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], f, 'g', -1, 64)
	if d, ok := parseSmall(s); ok {
		return d // an expression's literal (0.05, 1500): no allocation
	}
	r, ok := new(big.Rat).SetString(string(s))
	if !ok {
		return D{}
	}
	return canon(r)
}

// MustParse is Parse for constants in code and tests; it panics on bad input.
func MustParse(s string) D {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Parse reads a number as people type it: "1500", "1,500.00", "１５００．５" (full-width digits),
// " -3.2 ", "+7", and as programs write it: "1e3", "1.5E2". Thousands separators (, ，) and
// spaces are ignored; fractions ("1/3") and anything else are rejected with ErrSyntax, text
// longer than MaxLen characters with ErrTooLong (before any arithmetic), and so a number that
// written out in full (String) would be longer, exponents beyond ±MaxExponent with ErrRange.
func Parse(s string) (D, error) {
	if d, ok := parseSmall(s); ok {
		return d, nil
	}
	if len(s) > 4*MaxLen || utf8.RuneCountInString(s) > MaxLen {
		return D{}, ErrTooLong
	}
	t, ok := halfWidth(strings.TrimSpace(s))
	mant, exp, hasExp := strings.Cut(t, "e")
	if !ok || !plainDecimal(mant) || (hasExp && !plainInteger(exp)) {
		return D{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	r, ok := new(big.Rat).SetString(mant)
	if !ok {
		return D{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	if hasExp {
		n, err := strconv.Atoi(exp)
		if err != nil || n > MaxExponent || n < -MaxExponent {
			return D{}, fmt.Errorf("%w: %q", ErrRange, s)
		}
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(n))), nil))
		if n < 0 {
			p.Inv(p)
		}
		r.Mul(r, p)
	}
	d := canon(r)
	if len(d.String()) > MaxLen {
		// 25 digits and e40 are 65 written out, ".000…1" of 64 gains its "0": refused here,
		// or the number would be one this package writes and cannot read back
		return D{}, fmt.Errorf("%w: %q", ErrTooLong, s)
	}
	return d, nil
}

// typed maps what people type in a number to ASCII ("" drops it: thousands separators, spaces).
var typed = map[rune]string{
	'．': ".", '。': ".", '－': "-", '−': "-", '＋': "+", 'ｅ': "e", 'Ｅ': "e", 'E': "e",
	',': "", '，': "", ' ': "", '\u00a0': "", '　': "",
	'.': ".", '-': "-", '+': "+", 'e': "e",
}

// halfWidth writes a typed number in ASCII: full-width digits and signs made half-width, E as
// e, thousands separators and spaces dropped; ok is false for any other character.
func halfWidth(s string) (string, bool) {
	var b strings.Builder
	for _, c := range s {
		if c >= '０' && c <= '９' {
			c = '0' + (c - '０')
		}
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
			continue
		}
		r, ok := typed[c]
		if !ok {
			return "", false
		}
		b.WriteString(r)
	}
	return b.String(), true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// plainInteger accepts [+-]digits (an exponent).
func plainInteger(t string) bool {
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	return t != "" && strings.Trim(t, "0123456789") == ""
}

// plainDecimal accepts [+-]digits[.digits] or [+-].digits: big.Rat alone would also take "1/3",
// which nobody types into an amount field.
func plainDecimal(t string) bool {
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	digits, dots := 0, 0
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// Digits is the number of significant decimal digits d needs (1234.50 → 5, 0.05 → 1, 0 → 1),
// or −1 when it has no finite decimal expansion. Spreadsheets keep 15: more is lost on the way.
func (d D) Digits() int {
	if d.r == nil {
		return smallDigits(d.m)
	}
	sc := d.Scale()
	if sc < 0 {
		return -1
	}
	s := strings.TrimLeft(strings.Replace(strings.TrimPrefix(d.Abs().Fixed(sc), "-"), ".", "", 1), "0")
	s = strings.TrimRight(s, "0")
	return max(len(s), 1)
}

// Abs returns |d|.
func (d D) Abs() D {
	if d.r == nil && d.m != math.MinInt64 {
		if d.m < 0 {
			d.m = -d.m
		}
		return d
	}
	return canon(new(big.Rat).Abs(d.rat()))
}

// Add returns d + e.
func (d D) Add(e D) D {
	if v, ok := addSmall(d, e); ok {
		return v
	}
	return canon(new(big.Rat).Add(d.rat(), e.rat()))
}

// Sub returns d − e.
func (d D) Sub(e D) D {
	if e.r == nil && e.m != math.MinInt64 {
		if v, ok := addSmall(d, D{m: -e.m, s: e.s}); ok {
			return v
		}
	}
	return canon(new(big.Rat).Sub(d.rat(), e.rat()))
}

// Mul returns d × e.
func (d D) Mul(e D) D {
	if v, ok := mulSmall(d, e); ok {
		return v
	}
	return canon(new(big.Rat).Mul(d.rat(), e.rat()))
}

// Quo returns d ÷ e exactly, or ErrDivisionByZero.
func (d D) Quo(e D) (D, error) {
	if e.IsZero() {
		return D{}, ErrDivisionByZero
	}
	return canon(new(big.Rat).Quo(d.rat(), e.rat())), nil
}

// Cmp compares d and e: −1, 0 or +1.
func (d D) Cmp(e D) int {
	if c, ok := cmpSmall(d, e); ok {
		return c
	}
	return d.rat().Cmp(e.rat())
}

// Sign is −1, 0 or +1.
func (d D) Sign() int {
	if d.r == nil {
		switch {
		case d.m < 0:
			return -1
		case d.m > 0:
			return 1
		}
		return 0
	}
	return d.r.Sign()
}

// IsZero reports d == 0.
func (d D) IsZero() bool { return d.Sign() == 0 }

// Scale is the number of decimal places d needs to be written exactly, or −1 when it has no
// finite decimal expansion (1/3).
func (d D) Scale() int {
	if d.r == nil {
		return int(d.s)
	}
	r := d.r
	den := new(big.Int).Set(r.Denom())
	two, five := big.NewInt(2), big.NewInt(5)
	twos, fives := 0, 0
	m := new(big.Int)
	for m.Mod(den, two).Sign() == 0 {
		den.Quo(den, two)
		twos++
	}
	for m.Mod(den, five).Sign() == 0 {
		den.Quo(den, five)
		fives++
	}
	if den.Cmp(big.NewInt(1)) != 0 {
		return -1
	}
	return max(twos, fives)
}

// Fixed writes d rounded half away from zero to n decimal places: Fixed(2) of 1234.5 is "1234.50".
func (d D) Fixed(n int) string {
	if d.r == nil && n >= 0 && n <= maxScale {
		return d.fixedSmall(n)
	}
	return d.rat().FloatString(n)
}

// Grouped writes d with n decimals and thousands separators: "1,234,567.80".
func (d D) Grouped(n int) string {
	s := d.Fixed(n)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// Percent writes d as a percentage with n decimals: Percent(2) of 0.05 is "5.00%".
func (d D) Percent(n int) string { return d.Mul(Int(100)).Fixed(n) + "%" }

// String writes d exactly when it has a finite decimal expansion ("8100.1"), else to 6 places.
func (d D) String() string {
	if s := d.Scale(); s >= 0 {
		return d.Fixed(s)
	}
	return d.Fixed(6)
}

// Float64 is d as the nearest float64, for display widgets and spreadsheets only.
func (d D) Float64() float64 {
	if d.r == nil && d.m <= 1<<53 && d.m >= -(1<<53) {
		return float64(d.m) / float64(pow10[d.s]) // both exact: one correctly rounded division
	}
	f, _ := d.rat().Float64()
	return f
}

// MarshalJSON writes d as a JSON number, exactly when it has a finite decimal expansion.
func (d D) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number or a string such as "1,500.00".
func (d *D) UnmarshalJSON(b []byte) error {
	s := string(b)
	if uq, err := strconv.Unquote(s); err == nil {
		s = uq
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
