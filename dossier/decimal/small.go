package decimal

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// The integer form of D: m / 10^s. Every operation on two such values that stays within int64
// is done with integers; one that would overflow falls back to big.Rat, and canon brings any
// result that fits back to the integer form.

// maxScale is the most decimal places of the integer form (10^18 < 2^63).
const maxScale = 18

var pow10 = func() (p [maxScale + 1]uint64) {
	p[0] = 1
	for i := 1; i <= maxScale; i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// small is m / 10^s in its canonical form: the fewest decimal places.
func small(m int64, s int) D {
	for s > 0 && m%10 == 0 {
		m /= 10
		s--
	}
	return D{m: m, s: int8(s)}
}

// canon is r in the integer form when it has one (a denominator 2^a·5^b with a, b ≤ maxScale
// and a numerator that fits), else r itself.
func canon(r *big.Rat) D {
	num, den := r.Num(), r.Denom()
	if !num.IsInt64() || !den.IsUint64() {
		return D{r: r}
	}
	dd := den.Uint64()
	twos, fives := 0, 0
	for dd%2 == 0 {
		dd /= 2
		twos++
	}
	for dd%5 == 0 {
		dd /= 5
		fives++
	}
	s := max(twos, fives)
	if dd != 1 || s > maxScale {
		return D{r: r}
	}
	m, ok := mul64(num.Int64(), pow10[s]/den.Uint64())
	if !ok {
		return D{r: r}
	}
	return small(m, s)
}

// mul64 is a × b, ok false on overflow.
func mul64(a int64, b uint64) (int64, bool) {
	neg := a < 0
	ua := uint64(a)
	if neg {
		ua = -ua
	}
	hi, lo := bits.Mul64(ua, b)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

// aligned brings two integer-form values to the same scale.
func aligned(d, e D) (a, b int64, s int, ok bool) {
	if d.r != nil || e.r != nil {
		return 0, 0, 0, false
	}
	a, b, s = d.m, e.m, int(d.s)
	switch {
	case d.s < e.s:
		a, ok = mul64(d.m, pow10[e.s-d.s])
		s = int(e.s)
	case d.s > e.s:
		b, ok = mul64(e.m, pow10[d.s-e.s])
	default:
		ok = true
	}
	return a, b, s, ok
}

func addSmall(d, e D) (D, bool) {
	a, b, s, ok := aligned(d, e)
	if !ok {
		return D{}, false
	}
	sum := a + b
	if (a >= 0) == (b >= 0) && (sum >= 0) != (a >= 0) {
		return D{}, false // overflow
	}
	return small(sum, s), true
}

func mulSmall(d, e D) (D, bool) {
	if d.r != nil || e.r != nil || int(d.s)+int(e.s) > maxScale || e.m == math.MinInt64 {
		return D{}, false
	}
	b := uint64(e.m)
	if e.m < 0 {
		b = uint64(-e.m)
	}
	m, ok := mul64(d.m, b)
	if !ok {
		return D{}, false
	}
	if e.m < 0 {
		m = -m
	}
	return small(m, int(d.s)+int(e.s)), true
}

func cmpSmall(d, e D) (int, bool) {
	a, b, _, ok := aligned(d, e)
	switch {
	case !ok:
		return 0, false
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}

// fixedSmall is Fixed(n) of the integer form, n ≤ maxScale, rounded as big.Rat.FloatString
// rounds (half away from zero; a negative value keeps its sign even when it rounds to 0).
func (d D) fixedSmall(n int) string {
	a := uint64(d.m)
	if d.m < 0 {
		a = -a
	}
	den := pow10[d.s]
	q, r := a/den, a%den
	if s := int(d.s); n < s {
		k := pow10[s-n]
		rr, rem := r/k, r%k
		if 2*rem >= k {
			rr++
			if rr >= pow10[n] {
				q, rr = q+1, 0
			}
		}
		r = rr
	} else {
		r *= pow10[n-s]
	}
	buf := make([]byte, 0, 24)
	if d.m < 0 {
		buf = append(buf, '-')
	}
	buf = strconv.AppendUint(buf, q, 10)
	if n > 0 {
		buf = append(buf, '.')
		frac := strconv.AppendUint(make([]byte, 0, 20), r, 10)
		for i := len(frac); i < n; i++ {
			buf = append(buf, '0')
		}
		buf = append(buf, frac...)
	}
	return string(buf)
}

// smallDigits is Digits of the integer form: the digits of |m| without trailing zeros.
func smallDigits(m int64) int {
	a := uint64(m)
	if m < 0 {
		a = -a
	}
	for a != 0 && a%10 == 0 {
		a /= 10
	}
	n := 1
	for a >= 10 {
		a /= 10
		n++
	}
	return n
}

// parseSmall is Parse of the commonest text, [+-]digits[.digits] in ASCII with at most 18
// digits: ok false sends anything else (and anything longer) to the general parser.
func parseSmall[T string | []byte](t T) (D, bool) {
	i, neg := 0, false
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		neg = t[i] == '-'
		i++
	}
	var m uint64
	digits, scale, dot := 0, 0, false
	for ; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if dot {
				scale++
			}
		case c == '.' && !dot && digits > 0:
			dot = true
		default:
			return D{}, false
		}
	}
	if !smallShape(digits, scale, dot) {
		return D{}, false
	}
	v := int64(m)
	if neg {
		v = -v
	}
	return small(v, scale), true
}

// smallShape reports whether a number of digits, scale of them after the dot (dot: there is
// one), is one parseSmall reads: at least one digit, at most 18, a digit after a dot.
func smallShape(digits, scale int, dot bool) bool {
	return digits > 0 && digits <= maxScale && (!dot || scale > 0)
}
