package validate

import (
	"strings"
	"testing"
)

func TestCreditCode(t *testing.T) {
	// Real codes verified in DOMAIN.md §3.5.
	for _, c := range []string{"91350200776049653A", "913502000728319549", "91350100M000100Y43",
		"9135021359498494XQ", "91350213678251743X", "123502001549897397"} {
		if msg := CreditCode(c); msg != "" {
			t.Errorf("%s: %s", c, msg)
		}
	}
	bad := map[string]string{
		"91350200776049653B":  "校验位错误",
		"9135020077604965":    "应为18位",
		"91350200776O49653A":  "无效字符",
		"91350100m000100y43":  "大写",
		"91350200776049653A1": "应为18位",
	}
	for c, want := range bad {
		if msg := CreditCode(c); !strings.Contains(msg, want) {
			t.Errorf("%s: got %q, want it to mention %q", c, msg, want)
		}
	}
	if got := CreditCheckChar("91350200776049653"); got != 'A' {
		t.Errorf("CreditCheckChar = %c", got)
	}
}

func TestPhoneEmailPostcode(t *testing.T) {
	cases := []struct {
		f    Func
		in   string
		good bool
	}{
		{Phone, "0351-1234567", true}, {Phone, "03511234567", true}, {Phone, "010-12345678-801", true},
		{Phone, "13912345678", true}, {Phone, "1234567", false}, {Phone, "0351-12", false},
		{Mobile, "+8613912345678", true}, {Mobile, "12912345678", false},
		{Email, "contact@example.com", true}, {Email, "a.b+c@mail.sx.gov.cn", true}, {Email, "contact@", false}, {Email, "无@例子.中国", false},
		{Postcode, "030006", true}, {Postcode, "010000", true}, {Postcode, "3000", false},
		{IDCard, "11010519491231002X", true}, {IDCard, "110105194912310021", false}, {IDCard, "110105194913310028", false},
	}
	for _, c := range cases {
		if got := c.f(c.in) == ""; got != c.good {
			t.Errorf("%q: valid=%v, want %v (%s)", c.in, got, c.good, c.f(c.in))
		}
	}
}

func TestCharCount(t *testing.T) {
	if n := CharCount("企业 技术\n中心，ABC 1"); n != 11 {
		t.Fatalf("CharCount = %d", n)
	}
}

func FuzzCreditCode(f *testing.F) {
	f.Add("91350200776049653A")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		msg := CreditCode(s)
		if msg == "" && len([]rune(s)) != 18 {
			t.Fatalf("accepted %q", s)
		}
	})
}
