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
	parts, digits, ok := dateParts(strings.TrimSuffix(s, "日"))
	if !ok || digits[0] != 4 || digits[1] > 2 || digits[2] == 0 || digits[2] > 2 {
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

// dateParts splits s into three numbers separated by - / . (half or full width) or 年 and 月,
// with the count of digits of each.
func dateParts(s string) (parts, digits [3]int, ok bool) {
	n := 0
	for _, c := range s {
		if c >= '０' && c <= '９' {
			c = '0' + (c - '０')
		}
		switch {
		case c >= '0' && c <= '9':
			if digits[n] == 4 {
				return parts, digits, false
			}
			parts[n] = parts[n]*10 + int(c-'0')
			digits[n]++
		case strings.ContainsRune("-/.年月－／．", c) && validSeparator(c, n, digits[n]):
			n++
		default:
			return parts, digits, false
		}
	}
	return parts, digits, n == 2
}

// validSeparator: a separator follows digits, there are two, 年 comes first and 月 second.
func validSeparator(c rune, n, digits int) bool {
	return n < 2 && digits > 0 && (c != '年' || n == 0) && (c != '月' || n == 1)
}
