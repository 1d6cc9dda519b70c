package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
	"dossier/templates"
)

// style is an enum; a letter key wants style: letter.
func TestLetterStyleChecked(t *testing.T) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{"style: letter", "style: lettre", "lettre"},
		{"    style: letter\n", "", "应写 style: letter"},
	} {
		bad := strings.Replace(string(src), c.from, c.to, 1)
		_, err := programme.Parse("shanxi-techinnov-2019.yaml", []byte(bad), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q: %v", c.from, c.to, err)
		}
	}
}

func TestLetterKind(t *testing.T) {
	for title, want := range map[string]string{
		"太原市工业和信息化局关于申报项目的请示": "请示", "关于报送项目的报告": "报告", "关于推荐企业的函": "函",
		"关于意见的复函": "函", "项目资金申请报告": "报告", "承诺书": "",
	} {
		if got := programme.LetterKind(title); got != want {
			t.Errorf("%s: %q, want %q", title, got, want)
		}
	}
}

// A file name longer than a disc takes is shortened inside its last bracket.
func TestLongFileNameShortened(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-techinnov-2019")
	f.Answers["project_name"] = strings.Repeat("年产十二万套智能控制系统", 5)
	ev := programme.Evaluate(set.Get("shanxi-techinnov-2019"), f, today)
	for _, spec := range ev.Outputs() {
		name := ev.FileName(spec)
		if n := len([]rune(name)); n > programme.MaxFileName {
			t.Errorf("%s: %d characters", name, n)
		}
		if spec.ID == "report" && (!strings.HasPrefix(name, "项目资金申请报告（山西汾河智能装备有限公司—年产") || !strings.HasSuffix(name, "…）.pdf")) {
			t.Errorf("report file name %q", name)
		}
	}
}
