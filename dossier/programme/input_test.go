package programme_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

func field(typ programme.FieldType) *programme.Field {
	return &programme.Field{ID: "x", Label: "X", Type: typ}
}

// One parser per field type: what is typed becomes the same value in the data file, the
// session and the GUI (issue 10 item 7, issue 6 items 9–11 and 17).
func TestParseInput(t *testing.T) {
	ok := []struct {
		typ  programme.FieldType
		in   string
		want any
	}{
		{programme.TypeDate, "2019-5-20", time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)},
		{programme.TypeDate, "2019年5月20日", time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)},
		{programme.TypeDate, "2019/5/20", time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)},
		{programme.TypeDate, "2019.5.20", time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)},
		{programme.TypeMoney, "2500万", decimal.Int(2500)},
		{programme.TypeMoney, "2500 万元", decimal.Int(2500)},
		{programme.TypeMoney, "1,500.00", decimal.Int(1500)},
		{programme.TypeMoney, "１，５００．５０", decimal.MustParse("1500.5")},
		{programme.TypeMoney, "1.5E2", decimal.Int(150)},
		{programme.TypeMoney, "999999999999.99", decimal.MustParse("999999999999.99")},
		{programme.TypePercent, "60%", decimal.MustParse("0.6")},
		{programme.TypePercent, "６０％", decimal.MustParse("0.6")},
		{programme.TypeInteger, "３５", 35},
		{programme.TypeInteger, "1e3", 1000},
		{programme.TypeBool, "1", true},
		{programme.TypeBool, "是", true},
		{programme.TypeBool, "FALSE", false},
		{programme.TypeBool, "0", false},
		{programme.TypeTextarea, "第一段\r\n第二段\r", "第一段\n第二段\n"},
		{programme.TypeText, "山西示例科技有限公司", "山西示例科技有限公司"},
	}
	for _, c := range ok {
		v, msg := field(c.typ).Parse(c.in)
		if msg != "" || !same(v, c.want) {
			t.Errorf("%s.Parse(%q) = %v, %q; want %v", c.typ, c.in, v, msg, c.want)
		}
	}
	bad := []struct {
		typ      programme.FieldType
		in, want string
	}{
		{programme.TypeInteger, "35.5", "请填整数"},
		{programme.TypeInteger, "abc", "请填整数"},
		{programme.TypeMoney, "abc", "“abc”不是数字"},
		{programme.TypeMoney, "2500元", "单位应为万元"},
		{programme.TypeMoney, "1000000000000", "超出可填写的范围"},
		{programme.TypeMoney, "123456789.1234567", "有效数字超过 15 位"},
		{programme.TypeMoney, strings.Repeat("9", 1_000_000), "数字过长"},
		{programme.TypeMoney, "1000000000000000000000000e40", "数字过长（写全超过 64 个字符）"},
		{programme.TypeMoney, "1e400", "超出可填写的范围"},
		{programme.TypeDate, "0001-01-01", "不是有效日期"},
		{programme.TypeDate, "2019-02-30", "不是有效日期"},
		{programme.TypeBool, "maybe", "应为“是”或“否”"},
		{programme.TypeText, "张\U00020BB7", "无法打印"},
		{programme.TypeText, "a\nb", "只能填一行"},
		{programme.TypeText, "a\u202eb", "U+202E"},
		{programme.TypeTextarea, "a\x00b", "U+0000"},
		{programme.TypeTextarea, "a\u2028b", "U+2028"},
		{programme.TypeMulti, "甲、乙\u200b", "U+200B"},
	}
	for _, c := range bad {
		v, msg := field(c.typ).Parse(c.in)
		if v != nil || !strings.Contains(msg, c.want) {
			t.Errorf("%s.Parse(%.40q) = %v, %q; want a message with %q", c.typ, c.in, v, msg, c.want)
		}
	}
	if v, msg := field(programme.TypeMoney).Parse("  "); v != nil || msg != "" {
		t.Errorf("blank = %v, %q; want not given", v, msg)
	}
}

func same(a, b any) bool {
	if da, ok := a.(decimal.D); ok {
		db, ok := b.(decimal.D)
		return ok && da.Cmp(db) == 0
	}
	if ta, ok := a.(time.Time); ok {
		return ta.Equal(b.(time.Time))
	}
	return a == b
}

// The data file goes through the same parser, and every bad value names its field once
// (no second 未填写), with the default caps of fields and tables that set none.
func TestDataFileValuesParsed(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-techinnov-2019")
	f := demo(t, set, p.ID)
	f.Enterprise["registered_on"] = "2012年5月18日"
	f.Enterprise["employees"] = json.Number("3.2e2")
	f.Answers["requested_amount"] = "300万"
	ev := programme.Evaluate(p, f, today)
	for _, pr := range ev.Problems {
		if !pr.Warning {
			t.Errorf("valid entries refused: %s", pr.Message)
		}
	}
	if got := ev.FieldText("enterprise.employees"); got != "320" {
		t.Errorf("employees = %q", got)
	}
	f = demo(t, set, p.ID)
	f.Enterprise["name"] = "山西\U0001F600科技有限公司"
	f.Enterprise["employees"] = json.Number("35.5")
	f.Enterprise["city"] = strings.Repeat("路", 501)
	f.Enterprise["legal_representative"] = "张\x1b[2J三"
	f.Answers["requested_amount"] = json.Number("12345678901234.5")
	rows := f.Enterprise["finance"].([]any)
	row := rows[0].(map[string]any)
	for len(rows) < 1001 {
		rows = append(rows, row)
	}
	f.Enterprise["finance"] = rows
	ev = programme.Evaluate(p, f, today)
	want := map[string]string{
		"enterprise.name":                 "企业名称：第3个字符“\U0001F600”（U+1F600）是生僻字或表情符号，申报材料的字体无法打印",
		"enterprise.employees":            "请填整数（“35.5”不是整数）",
		"enterprise.city":                 "字数超过限制（501/500字）",
		"enterprise.legal_representative": "控制字符（U+001B）",
		"requested_amount":                "超出可填写的范围",
		"enterprise.finance":              "最多 1000 行（现有 1001 行）",
	}
	got := map[string][]string{}
	for _, pr := range ev.Problems {
		got[pr.Field] = append(got[pr.Field], pr.Message)
	}
	for path, msg := range want {
		if len(got[path]) != 1 || !strings.Contains(got[path][0], msg) {
			t.Errorf("%s: got %q, want one problem with %q", path, got[path], msg)
		}
	}
}
