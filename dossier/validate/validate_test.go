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
		// GB 32100-2015 structure, each with a correct check character (issue 6 item 14).
		"000000000000000000": "第1位（登记管理部门代码）",
		"B1350200776049653A": "第1位",
		"95350200776049653A": "第2位（机构类别代码）",
		"Y2350200776049653A": "第2位",
		"91000000776049653A": "行政区划",
		"91990000776049653A": "行政区划",
		"91101010776049653A": "行政区划",
	}
	for c, want := range bad {
		if msg := CreditCode(c); !strings.Contains(msg, want) {
			t.Errorf("%s: got %q, want it to mention %q", c, msg, want)
		}
	}
	for c, want := range bad {
		if len(c) == 18 && (strings.Contains(want, "第") || strings.Contains(want, "行政") || strings.Contains(want, "组织")) {
			// the structural cases must fail on structure, not on the check character
			fixed := c[:17] + string(CreditCheckChar(c))
			if msg := CreditCode(fixed); !strings.Contains(msg, want) {
				t.Errorf("%s: got %q, want it to mention %q", fixed, msg, want)
			}
		}
	}
	if msg := CreditCodeOrgCheck("91140100MA0GRX123G"); !strings.Contains(msg, "GB 11714") || CreditCode("91140100MA0GRX123G") != "" {
		t.Errorf("CONTRACT.md's example: CreditCode %q, org check %q", CreditCode("91140100MA0GRX123G"), msg)
	}
	if msg := CreditCodeOrgCheck("91350200776049653A"); msg != "" {
		t.Errorf("org check of a real code: %q", msg)
	}
	national := "91100000" + "10001043" + string(OrgCheckChar("10001043"))
	national += string(CreditCheckChar(national))
	if msg := CreditCode(national); msg != "" {
		t.Errorf("national-level code %s: %s", national, msg)
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

func TestText(t *testing.T) {
	for _, s := range []string{"山西示例科技有限公司", "A&B（北京）", "第一行"} {
		if msg := Text(s, false); msg != "" {
			t.Errorf("Text(%q) = %q", s, msg)
		}
	}
	if msg := Text("第一行\n\t第二行\r\n", true); msg != "" {
		t.Errorf("multi-line: %q", msg)
	}
	bad := map[string]string{
		"a\x00b":      "控制字符（U+0000）",
		"a\x1b[31m":   "控制字符（U+001B）",
		"abc\u202e":   "第4个字符是不可见的格式字符（U+202E",
		"零\u200b宽":    "U+200B",
		"a\u2028b":    "分行符（U+2028）",
		"吉\U00020BB7": "第2个字符“\U00020BB7”（U+20BB7）是生僻字或表情符号",
		"👍":           "表情符号",
		"a\nb":        "换行",
		"a\tb":        "制表符",
		"a\xffb":      "第2个字符处含有无效的编码",
		"a\uFFFDb":    "替换符",
	}
	for s, want := range bad {
		if msg := Text(s, false); !strings.Contains(msg, want) {
			t.Errorf("Text(%q) = %q, want it to mention %q", s, msg, want)
		}
	}
	if msg := Text("a\x00b", true); msg == "" {
		t.Error("NUL accepted in a textarea")
	}
}
