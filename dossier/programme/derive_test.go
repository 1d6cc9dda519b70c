package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
)

// The 高企 IP table's 类别 follows from 类型 (工作指引: 发明专利… Ⅰ类, 实用新型… Ⅱ类, 其他: none).
func TestDeriveIPClassFromKind(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	for _, c := range []struct {
		kind, want string
		ok         bool
	}{
		{"invention", "I", true},
		{"ic-layout", "I", true},
		{"utility", "II", true},
		{"software", "II", true},
		{"other", "", false},
		{"", "", false}, // 类型 not chosen yet: nothing to follow
	} {
		f := demo(t, set, p.ID)
		row := rows(f, "ip")[0]
		if c.kind == "" {
			delete(row, "kind")
		} else {
			row["kind"] = c.kind
		}
		ev := programme.Evaluate(p, f, today)
		got, from, ok := p.Derive(ev, "ip[0].class")
		if got != c.want || ok != c.ok || from != "类型" {
			t.Errorf("kind %q: Derive = %q, %q, %v; want %q, 类型, %v", c.kind, got, from, ok, c.want, c.ok)
		}
	}
	ev := programme.Evaluate(p, demo(t, set, p.ID), today)
	if _, _, ok := p.Derive(ev, "ip[99].class"); ok {
		t.Error("a row that does not exist derives a value")
	}
	if _, _, ok := p.Derive(ev, "ip[0].name"); ok {
		t.Error("a column without derive: derives a value")
	}
}

// check does not fill a derived field left empty in a data file (the file is what the user
// wrote), but its 未填写 says what it could be; a deliberate other value is kept and warned of.
func TestDeriveCheckHintsButDoesNotFill(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	f := demo(t, set, p.ID)
	delete(rows(f, "ip")[0], "class") // an invention
	rows(f, "ip")[2]["class"] = "I"   // a utility model, deliberately Ⅰ类
	ev := programme.Evaluate(p, f, today)
	var missing, mismatch string
	for _, pb := range ev.Problems {
		switch pb.Field {
		case "ip[0].class":
			missing = pb.Message
		case "ip[2].class":
			mismatch = pb.Message
		}
	}
	if want := "未填写（可由类型推出：Ⅰ类）"; !strings.HasSuffix(missing, want) {
		t.Errorf("empty 类别: %q, want it to end in %q", missing, want)
	}
	if !ev.Invalid() {
		t.Error("an empty required 类别 was filled in by check")
	}
	if _, has := rows(f, "ip")[0]["class"]; has {
		t.Error("Evaluate wrote into the data file")
	}
	if !strings.Contains(mismatch, "类别与类型不符") {
		t.Errorf("a 类别 other than the derived one: %q, want class-matches-kind", mismatch)
	}
}

// A derive: is compiled at load like a column's checks: a misspelt name or a value of the
// wrong type is a load error at its file:line.
func TestDeriveLoadErrors(t *testing.T) {
	src := `format: 1
id: d
version: 1
title: 派生
issued: 2019-01-01
sections:
  - id: s
    title: 分节
    fields:
      - {id: a, label: 甲, type: text}
      - {id: b, label: 乙, type: text, derive: 'aa + "x"'}
      - {id: c, label: 丙, type: integer, derive: 'a'}
      - id: t
        label: 表
        type: table
        derive: '1'
        columns:
          - {id: k, label: 类型, type: text}
          - {id: m, label: 类别, type: enum, options: [{value: I}], derive: 'kind == "x" ? "I" : ""'}
          - {id: n, label: 编号, type: text, derive: 'k + a'}
`
	_, err := programme.Parse("d.yaml", []byte(src), nil)
	if err == nil {
		t.Fatal("a template with broken derives loaded")
	}
	for _, want := range []string{
		`d.yaml:11:`, `字段 “b” 的 derive的表达式有误：未知的名称 “aa”`,
		`d.yaml:12:`, `字段 “c” 的 derive的结果应是integer字段的值，但表达式的结果是 string`,
		`d.yaml:16:`, `表格和对象字段不能有 derive`,
		`d.yaml:19:`, `表格 “t” 的列 “m” 的 derive的表达式有误：未知的名称 “kind”`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "d.yaml:20:") {
		t.Errorf("a column's derive over its row and the answers was refused:\n%v", err)
	}
}
