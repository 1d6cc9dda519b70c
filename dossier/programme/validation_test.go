package programme_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// Bad data: every problem is reported at once, each in Chinese, naming the field as the form
// labels it and saying what is expected.
func TestEveryProblemReported(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-techinnov-2019")
	f := demo(t, set, p.ID)
	f.Enterprise["credit_code"] = "91140105MA0K7D3Q0B" // wrong check character
	f.Enterprise["contact_phone"] = "12345"
	f.Enterprise["email"] = "xiaomin.li@"
	f.Enterprise["employees"] = json.Number("50")
	f.Enterprise["tech_staff"] = json.Number("97") // more than the employees
	f.Enterprise["registered_on"] = "2019-02-30"
	f.Enterprise["industry_section"] = "Z"
	delete(f.Enterprise, "name")
	rows := f.Enterprise["finance"].([]any)
	rows[0].(map[string]any)["rd_expense_domestic"] = json.Number("9999") // above rd_expense
	rows[1].(map[string]any)["year"] = json.Number("2016")                // 2016 twice
	rows[2].(map[string]any)["net_assets"] = "一万"                         // not a number
	f.Answers["requested_amount"] = json.Number("300.005")                // three decimals
	f.Answers["category_basis"] = strings.Repeat("研", 301)                // over 300 characters
	f.Answers["category"] = "subsidy"
	f.Answers["legal_person"] = "maybe"
	f.Answers["colour"] = "blue" // unknown: a warning
	ev := programme.Evaluate(p, f, today)
	want := map[string]string{
		"enterprise.credit_code":                    "统一社会信用代码：校验位错误",
		"enterprise.contact_phone":                  "联系电话：格式不正确",
		"enterprise.email":                          "电子邮箱：格式不正确",
		"enterprise.tech_staff":                     "科技人员数（97人）不能大于职工总数（50人）",
		"enterprise.registered_on":                  "注册成立日期：“2019-02-30”不是有效日期",
		"enterprise.industry_section":               "“Z”不是可选项",
		"enterprise.name":                           "企业名称：未填写",
		"enterprise.finance[0].rd_expense_domestic": "2016年境内研发费用（9,999.00万元）不能大于研发费用（702.40万元）",
		"enterprise.finance[1].year":                "与第1行重复",
		"enterprise.finance[2].net_assets":          "财务数据第3行 净资产：“一万”不是数字",
		"requested_amount":                          "申请专项资金：最多保留 2 位小数",
		"category_basis":                            "申报依据：字数超过限制（301/300字）",
		"category":                                  "申报类别：“subsidy”不是可选项",
		"legal_person":                              "应为“是”或“否”",
	}
	got := map[string]string{}
	for _, pr := range ev.Problems {
		got[pr.Field] += pr.Message + "|"
		if pr.Field == "colour" && !pr.Warning {
			t.Error("an unknown answer is an error, want a warning")
		}
	}
	for field, msg := range want {
		if !strings.Contains(got[field], msg) {
			t.Errorf("%s: want a problem containing %q, got %q", field, msg, got[field])
		}
	}
	if !ev.Invalid() || ev.Eligible() {
		t.Error("invalid data is not reported invalid")
	}
}

// Decode rejects what is not a data file with a message that says where.
func TestDecodeErrors(t *testing.T) {
	for src, want := range map[string]string{
		"{\n  \"format\": 1,\n  \"programme\": x\n}": "第 3 行",
		"":                                   "文件为空",
		"[1, 2]":                             "最外层应为 JSON 对象",
		`{"format": 1, "enterprise": "abc"}`: "“enterprise”的类型不对",
	} {
		_, err := dossier.Decode(strings.NewReader(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%q) = %v, want it to mention %q", src, err, want)
		}
	}
}

// A data file survives a round trip through Decode and MarshalJSON, unknown keys included.
func TestDataFileRoundTrip(t *testing.T) {
	set := loadShipped(t)
	src := set.Get("shanxi-techinnov-2019").Demo
	f, err := dossier.Decode(bytes.NewReader(bytes.Replace(src, []byte(`"format": 1,`), []byte(`"format": 1, "x_note": {"by": "consultant"},`), 1)))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var a, b map[string]any
	json.Unmarshal(src, &a)
	json.Unmarshal(out, &b)
	if b["x_note"] == nil {
		t.Error("unknown top-level key lost")
	}
	delete(b, "x_note")
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("round trip changed the data:\n%s\n%s", ja, jb)
	}
}

// A data file of another programme is invalid for this one.
func TestProgrammeMismatch(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-techinnov-2019")
	f.Programme = "hebei-techreform-2019"
	ev := programme.Evaluate(set.Get("shanxi-techinnov-2019"), f, today)
	if !ev.Invalid() || !strings.Contains(ev.Problems[0].Message, "数据文件属于“hebei-techreform-2019”") {
		t.Fatalf("problems: %v", ev.Problems)
	}
}
