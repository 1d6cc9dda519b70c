package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
)

// The mistakes a consultant made writing the 2020 child, each reported once, at the line to
// fix, in Chinese, and all of them in one run.
func TestOneRunSyntaxCulprits(t *testing.T) {
	cases := map[string]struct {
		src  string
		want []string
	}{
		// The parser gives up at line 6 ("value is not allowed"); the quote opened on line 4.
		"unclosed quote": {"format: 1\nid: x\nrules:\n  - {id: r, message: \"未闭合}\n  - id: s\n    label: a\ntitle: t\n",
			[]string{"x.yaml:4:22: 引号没有闭合：这一行开始的引号在行末还没有结束"}},
		"tab": {"format: 1\nid: x\ntitle: t\nsections:\n  - id: s\n\ttitle: a\n\thelp: b\n",
			[]string{"x.yaml:6:1: 缩进请用空格，不要用制表符（Tab）", "x.yaml:7:1: 缩进请用空格，不要用制表符（Tab）"}},
		"unquoted {{": {"format: 1\nid: x\ntitle: {{applied_year}}年专项\nissued: 2019-01-01\n",
			[]string{`x.yaml:3:8: 以 {{ 开头的值要加引号：写成 "{{applied_year}}年专项"`}},
	}
	for name, c := range cases {
		_, err := programme.Parse("x.yaml", []byte(c.src), nil)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: want %q, got:\n%s", name, w, msg)
			}
		}
		if n := strings.Count(msg, "\n") + 1; n != len(c.want) || strings.Contains(msg, "YAML 语法错误") {
			t.Errorf("%s: %d problems, want %d:\n%s", name, n, len(c.want), msg)
		}
	}
	// A block scalar's text may start with {{ and hold quotes: a tab elsewhere is the only culprit.
	src := "format: 1\nid: x\ntitle: t\nnotice: |-\n  {{applied_year}} \"x\n  \"y\nsections:\n\t- id: s\n"
	_, err := programme.Parse("x.yaml", []byte(src), nil)
	if err == nil || err.Error() != "x.yaml:8:1: 缩进请用空格，不要用制表符（Tab）" {
		t.Errorf("block scalar: %v", err)
	}
}

// A bad enum value does not hide the next stage's problems, and a field of an unknown type is
// reported once, without expr's English about every expression that reads it.
func TestOneRunStages(t *testing.T) {
	src := `format: 1
id: x
title: 专项
sections:
  - id: s
    title: 基本
    fields:
      - {id: amount, label: 金额, type: monye}
      - {id: ok, label: 是否, type: bool}
rules:
  - {id: r, label: 金额, assert: amount > 10, value: amount, format: boolean, threshold: 大于10}
  - {id: r2, label: 是否, assert: ok, threshold: 是}
outputs:
  - {id: o, kind: repot, file: a.pdf, title: 报告}
`
	_, err := programme.Parse("x.yaml", []byte(src), nil)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	for _, w := range []string{
		"x.yaml:8:39: 字段 “amount” 的类型 “monye” 未知",
		"x.yaml:11:68: format 的值 “boolean” 无效（可用：money、percent、integer、text、bool、date）",
		"x.yaml:14:19: 输出 “o”的 kind “repot” 未知（可用：report, sheet）",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("want %q in:\n%s", w, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 3 || strings.Contains(msg, "expected") || strings.Contains(msg, "type") {
		t.Errorf("%d problems, want 3 (no English):\n%s", n, msg)
	}
}

// A likely misspelling of a key or of a name in an expression is named, and expr's (1:1) is
// not shown.
func TestDidYouMean(t *testing.T) {
	src := "format: 1\nid: x\ntitle: 专项\nisued: 2019-01-01\nsections:\n  - id: s\n    title: 基本\n    fields:\n      - {id: in_db, label: 入库, type: bool}\n" +
		"rules:\n  - {id: r, label: 入库, assert: in_bd, threshold: 入库}\n"
	_, err := programme.Parse("x.yaml", []byte(src), nil)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if !strings.Contains(msg, "x.yaml:4:1: 未知的键 “isued”（是不是想写 “issued”？）") {
		t.Errorf("key hint:\n%s", msg)
	}
	src = strings.Replace(src, "isued", "issued", 1)
	_, err = programme.Parse("x.yaml", []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "未知的名称 “in_bd”（不是字段、计算值或函数）（是不是想写 “in_db”？）（表达式：in_bd）") {
		t.Errorf("name hint: %v", err)
	}
}
