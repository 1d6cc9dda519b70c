package validate

import "strings"

const creditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditKinds maps each registration-authority character (position 1 of a 统一社会信用代码,
// GB 32100-2015 and its later assignments A and N) to the authority and its organisation-type
// characters (position 2).
var creditKinds = map[byte]struct {
	authority string
	types     string
}{
	'1': {"机构编制部门", "1239"},
	'2': {"外交部门", "19"},
	'3': {"司法行政部门", "123459"},
	'4': {"文化部门", "19"},
	'5': {"民政部门", "1239"},
	'6': {"旅游部门", "129"},
	'7': {"宗教事务部门", "129"},
	'8': {"工会", "19"},
	'9': {"市场监督管理（工商）部门", "123"},
	'A': {"中央军委改革和编制办公室", "19"},
	'N': {"农业农村部门", "1239"},
	'Y': {"其他登记管理部门", "1"},
}

// provinces are the first two digits of the administrative division codes (GB/T 2260) that
// position 3–8 of a credit code may start with; 10 is the national level (100000).
var provinces = map[string]bool{
	"10": true, "11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// CreditCode checks a 统一社会信用代码 by GB 32100-2015: 18 characters from the 31-symbol set
// (no I, O, S, V, Z); position 1 a registration authority (1–9, A, N, Y) and position 2 one of
// its organisation types; positions 3–8 an administrative division code (a real province, or
// 100000 for the national level); and the mod-31 check character at position 18. The GB 11714
// check of positions 9–17 is CreditCodeOrgCheck (a warning).
func CreditCode(s string) string {
	if n := len([]rune(s)); n != 18 {
		return "应为18位（现为" + itoa(n) + "位）"
	}
	sum := 0
	for i, c := range s {
		v := strings.IndexRune(creditCharset, c)
		if v < 0 {
			if c >= 'a' && c <= 'z' {
				return "字母应大写"
			}
			return "含有无效字符“" + string(c) + "”（不使用 I、O、S、V、Z）"
		}
		if i < 17 {
			sum += v * creditWeights[i]
		}
	}
	if msg := creditParts(s); msg != "" {
		return msg + "，请核对营业执照或登记证书"
	}
	want := creditCharset[(31-sum%31)%31]
	if s[17] != want {
		return "校验位错误（第18位应为" + string(want) + "，请核对营业执照）"
	}
	return ""
}

// creditParts checks positions 1–17 of an 18-character code from the credit charset.
func creditParts(s string) string {
	kind, ok := creditKinds[s[0]]
	if !ok {
		return "第1位（登记管理部门代码）“" + s[:1] + "”无效，应为 1–9、A、N 或 Y（企业为 9）"
	}
	if !strings.Contains(kind.types, s[1:2]) {
		return "第2位（机构类别代码）“" + s[1:2] + "”对" + kind.authority + "无效，应为 " +
			strings.Join(strings.Split(kind.types, ""), "、") + " 之一（企业为 1）"
	}
	div := s[2:8]
	if strings.Trim(div, "0123456789") != "" {
		return "第3–8位（登记管理机关行政区划码）“" + div + "”应为6位数字"
	}
	if !provinces[div[:2]] || (div[:2] == "10" && div != "100000") {
		return "第3–8位（登记管理机关行政区划码）“" + div + "”不是有效的行政区划代码（前两位应为省级代码，如山西 14）"
	}
	return ""
}

// CreditCodeOrgCheck checks the organisation-code part (positions 9–17) of a credit code that
// CreditCode accepts against its GB 11714 check character. It is a separate, softer check (a
// warning, not an error): codes in circulation, CONTRACT.md's own example among them, do not
// all satisfy it, and refusing a real licence's code would leave the user no way forward.
func CreditCodeOrgCheck(s string) string {
	if len(s) != 18 {
		return ""
	}
	if want, ok := orgCheckChar(s[8:16]); !ok || s[16] != want {
		return "第9–17位（组织机构代码）“" + s[8:17] + "”与 GB 11714 的校验位不符，请核对营业执照（核对无误可忽略此提示）"
	}
	return ""
}

// orgCheckChar is the GB 11714-1997 check character of an 8-character organisation code body
// (digits and capital letters, A=10 … Z=35): 11 − Σ(value × weight) mod 11, with 10 written X
// and 11 written 0.
func orgCheckChar(body string) (byte, bool) {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		switch {
		case c >= '0' && c <= '9':
			sum += int(c-'0') * weights[i]
		case c >= 'A' && c <= 'Z':
			sum += int(c-'A'+10) * weights[i]
		default:
			return 0, false
		}
	}
	switch r := 11 - sum%11; r {
	case 10:
		return 'X', true
	case 11:
		return '0', true
	default:
		return byte('0' + r), true
	}
}

// CreditCheckChar returns the GB 32100-2015 check character for the first 17 characters, for
// making valid demo and test codes.
func CreditCheckChar(first17 string) byte {
	sum := 0
	for i, c := range first17[:17] {
		sum += strings.IndexRune(creditCharset, c) * creditWeights[i]
	}
	return creditCharset[(31-sum%31)%31]
}

// OrgCheckChar returns the GB 11714 check character of an organisation code's first 8
// characters, for making valid demo and test codes ('?' for characters outside 0–9, A–Z).
func OrgCheckChar(first8 string) byte {
	if len(first8) < 8 {
		return '?'
	}
	c, ok := orgCheckChar(first8[:8])
	if !ok {
		return '?'
	}
	return c
}
