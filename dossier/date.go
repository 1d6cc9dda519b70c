package dossier

import (
	"strings"
	"time"
)

// Date bounds: year 1 (what an empty Go date prints as) and far futures are typing mistakes.
const (
	MinYear = 1900
	MaxYear = 2200
)

// ParseDate reads a date as people type it: 2019-05-20, 2019-5-20, 2019/5/20, 2019.5.20,
// 2019年5月20日, with full-width digits too (written back as 2019-05-20 by the caller). The year
// has four digits between MinYear and MaxYear and the day must exist (2019-02-30 is refused).
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return time.Time{}, false
	}
	var parts [3]int
	var digits [3]int
	n := 0
	for _, c := range strings.TrimSuffix(s, "日") {
		switch {
		case c >= '０' && c <= '９':
			c = '0' + (c - '０')
			fallthrough
		case c >= '0' && c <= '9':
			if digits[n] == 4 {
				return time.Time{}, false
			}
			parts[n] = parts[n]*10 + int(c-'0')
			digits[n]++
		case strings.ContainsRune("-/.年月－／．", c):
			if n == 2 || digits[n] == 0 || (c == '年' && n != 0) || (c == '月' && n != 1) {
				return time.Time{}, false
			}
			n++
		default:
			return time.Time{}, false
		}
	}
	if n != 2 || digits[0] != 4 || digits[1] > 2 || digits[2] == 0 || digits[2] > 2 {
		return time.Time{}, false
	}
	y, m, d := parts[0], parts[1], parts[2]
	if y < MinYear || y > MaxYear || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
