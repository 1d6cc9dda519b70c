package xlsx

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// maxDigits is the precision of an Excel number: a decimal with more significant digits
// cannot be stored exactly, so it is written as text (right-aligned like the numbers, its
// digits unchanged) rather than silently rounded or refused: whatever check accepted, the
// workbook must hold.
const maxDigits = 15

// normKind returns the column kind with the default applied, or an error for a kind this
// renderer does not know (a typo in a template must not turn money into text).
func normKind(k string) (string, error) {
	switch k {
	case "", kindText:
		return kindText, nil
	case kindMoney, kindInt, kindPercent, kindDate:
		return k, nil
	}
	return "", fmt.Errorf("unknown column kind %q", k)
}

// cellValue converts a document cell to the value excelize stores: string, float64, int64,
// time.Time, or nil for a blank cell. A numeric column whose Cell has no Number but a Text
// (a dash, "/", "不适用") stores that text as a string.
func cellValue(kind string, c document.Cell) (any, error) {
	switch kind {
	case kindMoney, kindPercent, kindInt:
		return numberValue(kind, c)
	case kindDate:
		return dateValue(c)
	}
	switch {
	case c.Text != "":
		return c.Text, nil
	case c.Number != "":
		return c.Number, nil
	}
	return nil, nil
}

// numberValue is cellValue of a money, percent or int column: a float64 (int64 for int), the
// exact text of a number too precise for Excel, the cell's text where it has no number.
func numberValue(kind string, c document.Cell) (any, error) {
	num := strings.TrimSpace(c.Number)
	if num == "" {
		if c.Text != "" {
			return c.Text, nil
		}
		return nil, nil
	}
	precise, err := checkDecimal(num)
	if err != nil {
		return nil, err
	}
	if !precise {
		return exactText(kind, num), nil
	}
	if kind == kindInt {
		v, err := parseInt(num)
		if errors.Is(err, strconv.ErrRange) {
			return exactText(kind, num), nil
		}
		return v, err
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) {
		return nil, fmt.Errorf("bad number %q", c.Number)
	}
	return v, nil
}

// dateValue is cellValue of a date column: a YYYY-MM-DD text (or number) from 1900 on.
func dateValue(c document.Cell) (any, error) {
	s := strings.TrimSpace(c.Text)
	if s == "" {
		s = strings.TrimSpace(c.Number)
	}
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
	}
	if d.Year() < 1900 {
		// Excel's date serials start in 1900; earlier dates cannot be date cells.
		return nil, fmt.Errorf("date %q before 1900", s)
	}
	return d, nil
}

// checkDecimal accepts a plain decimal: optional sign, digits, optional fraction. No
// exponents, thousands separators, NaN or Inf. precise is false when it has more than
// maxDigits significant digits (an Excel number would round it).
func checkDecimal(s string) (precise bool, err error) {
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return false, fmt.Errorf("bad number %q", s)
	}
	intPart, frac, hasDot := strings.Cut(body, ".")
	if (intPart == "" && frac == "") || (hasDot && strings.Contains(frac, ".")) {
		return false, fmt.Errorf("bad number %q", s)
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return false, fmt.Errorf("bad number %q", s)
		}
	}
	sig := strings.TrimRight(strings.TrimLeft(intPart+frac, "0"), "0")
	return len(sig) <= maxDigits, nil
}

// exactText is a number too precise for Excel, as the text the cell shows: money grouped
// with two decimals ("12,345,678,901,234.57" would round, so every digit is kept:
// "12,345,678,901,234.567"), a percentage ×100 with "%", the rest as written.
func exactText(kind, num string) string {
	d, err := decimal.Parse(num)
	if err != nil {
		return num
	}
	switch kind {
	case kindMoney:
		return d.Grouped(max(d.Scale(), 2))
	case kindPercent:
		return d.Percent(max(d.Scale()-2, 0))
	}
	return d.String()
}

// parseInt accepts "12", "-3" and "12.00" (a whole number written with a zero fraction).
func parseInt(s string) (int64, error) {
	intPart, frac, _ := strings.Cut(s, ".")
	if strings.Trim(frac, "0") != "" {
		return 0, fmt.Errorf("bad integer %q", s)
	}
	v, err := strconv.ParseInt(intPart, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("bad integer %q", s)
	}
	return v, nil
}

// displayText is how a stored value shows in the cell, for measuring column widths.
func displayText(kind string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return "2006-01-02"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if kind == kindPercent {
			return strconv.FormatFloat(x*100, 'f', 2, 64) + "%"
		}
		return decimal.Float(x).Grouped(2)
	}
	return fmt.Sprint(v)
}
