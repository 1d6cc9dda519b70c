// Package validate holds the named validators a template may attach to a text field
// (validator: credit_code, phone, mobile, email, postcode, idcard) and the 字数 count. Each
// validator returns "" for a valid value or a Chinese sentence saying what is wrong and what is
// expected, ready to follow the field's label.
package validate

import (
	"regexp"
	"unicode"
)

// Func checks one value; "" means valid.
type Func func(string) string

// Named lists the validators by the name templates use.
var Named = map[string]Func{
	"credit_code": CreditCode,
	"phone":       Phone,
	"mobile":      Mobile,
	"email":       Email,
	"postcode":    Postcode,
	"idcard":      IDCard,
}

var (
	mobileRe   = regexp.MustCompile(`^(?:\+?86[- ]?)?1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(?:-\d{1,6})?$`)
	emailRe    = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
	postcodeRe = regexp.MustCompile(`^\d{6}$`)
)

// Phone accepts a landline (0351-1234567, 03511234567, 0351-1234567-801) or a mobile number.
func Phone(s string) string {
	if landlineRe.MatchString(s) || mobileRe.MatchString(s) {
		return ""
	}
	return "格式不正确（固定电话如 0351-1234567，手机如 13912345678）"
}

// Mobile accepts an 11-digit mainland mobile number, optionally with +86.
func Mobile(s string) string {
	if mobileRe.MatchString(s) {
		return ""
	}
	return "格式不正确（应为11位手机号码，如 13912345678）"
}

// Email accepts an ordinary address such as contact@example.com.
func Email(s string) string {
	if emailRe.MatchString(s) {
		return ""
	}
	return "格式不正确（如 contact@example.com）"
}

// Postcode accepts six digits (内蒙古's codes start with 0, so no leading-digit rule).
func Postcode(s string) string {
	if postcodeRe.MatchString(s) {
		return ""
	}
	return "应为6位数字"
}

// IDCard checks an 18-character 居民身份证号码 (GB 11643-1999): a real birth date and the
// ISO 7064 MOD 11-2 check character.
func IDCard(s string) string {
	if len(s) != 18 {
		return "应为18位"
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "前17位应为数字"
		}
		sum += int(s[i]-'0') * weights[i]
	}
	if !realDate(s[6:14]) {
		return "出生日期无效"
	}
	if "10X98765432"[sum%11] != s[17] {
		return "校验位错误"
	}
	return ""
}

func realDate(yyyymmdd string) bool {
	y, m, d := atoi(yyyymmdd[:4]), atoi(yyyymmdd[4:6]), atoi(yyyymmdd[6:])
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return d <= days[m]
}

// CharCount counts a text's characters for a 字数 limit the way the forms do: every character
// except white space (public filler code for the national system counts len("".join(text.split()))).
func CharCount(s string) int {
	n := 0
	for _, c := range s {
		switch {
		case c > ' ' && c < 0x7f, c >= 0x4E00 && c <= 0x9FFF: // printable ASCII, CJK ideographs
			n++
		case !unicode.IsSpace(c):
			n++
		}
	}
	return n
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
