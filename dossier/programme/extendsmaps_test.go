package programme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"dossier/dossier/programme"
	"dossier/templates"
)

// A child that gives one key of a parent output's sheet: keeps the rest of the sheet (its
// name, columns and totals): what template check accepts, build can write.
func TestChildSheetMergesKeyByKey(t *testing.T) {
	child := fstest.MapFS{"shanxi-hightech-2020.yaml": {Data: []byte(`format: 1
id: shanxi-hightech-2020
extends: shanxi-hightech-2019
title: 2020年山西省高新技术企业认定
outputs:
  - id: summary
    sheet:
      subtitle: "批次：{{applied_year}}"
  - id: letter
    print: {copies: 3}
`)}}
	set, err := programme.LoadSet(templates.FS, child)
	if err != nil {
		t.Fatal(err)
	}
	parent := output(t, set.Get("shanxi-hightech-2019"), "summary")
	got := output(t, set.Get("shanxi-hightech-2020"), "summary")
	if got.Sheet.Subtitle != "批次：{{applied_year}}" || got.Sheet.Name != parent.Sheet.Name || got.Sheet.Name == "" ||
		len(got.Sheet.Columns) != len(parent.Sheet.Columns) || len(got.Sheet.Total) != len(parent.Sheet.Total) {
		t.Errorf("merged sheet: name %q subtitle %q, %d columns (parent %d)", got.Sheet.Name, got.Sheet.Subtitle, len(got.Sheet.Columns), len(parent.Sheet.Columns))
	}
	parent = output(t, set.Get("shanxi-hightech-2019"), "letter")
	got = output(t, set.Get("shanxi-hightech-2020"), "letter")
	if got.Print == nil || got.Print.Copies != 3 || got.Print.Note == "" || got.Print.Note != parent.Print.Note || got.Print.Binding != "none" {
		t.Errorf("merged print: %+v", got.Print)
	}
}

// A sheet without columns is a load error at the output, not a failed build.
func TestSheetWithoutColumns(t *testing.T) {
	src := "format: 1\nid: x\ntitle: 专项\noutputs:\n  - id: summary\n    kind: sheet\n    file: 汇总表.xlsx\n    sheet: {title: 汇总表}\n"
	_, err := programme.Parse("x.yaml", []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:5:9: 输出 “summary”的 sheet 没有 columns") {
		t.Errorf("sheet without columns: %v", err)
	}
	src = "format: 1\nid: x\ntitle: 专项\noutputs:\n  - id: letter\n    kind: report\n    file: 函.pdf\n    title: 函\n"
	_, err = programme.Parse("x.yaml", []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:5:9: 输出 “letter”是报告，但既没有 cover 也没有 blocks") {
		t.Errorf("empty report: %v", err)
	}
}

func output(t *testing.T, p *programme.Programme, id string) *programme.Output {
	t.Helper()
	if p == nil {
		t.Fatal("programme not loaded")
	}
	for i := range p.Outputs {
		if p.Outputs[i].ID == id {
			return &p.Outputs[i]
		}
	}
	t.Fatalf("no output %s", id)
	return nil
}

// An id written twice in one of a child's own lists is reported with both lines (it used to
// replace the first silently); after: naming the item itself says so.
func TestChildDuplicateIDs(t *testing.T) {
	child := fstest.MapFS{"shanxi-hightech-2020.yaml": {Data: []byte(`format: 1
id: shanxi-hightech-2020
extends: shanxi-hightech-2019
title: 2020年山西省高新技术企业认定
deadlines:
  - {id: batch-1, label: 第一批, date: 2020-06-30}
  - {id: batch-1, label: 第一批补报, date: 2020-10-15}
rules:
  - {id: registered-one-year, label: 注册成立时间, assert: "true", threshold: 一年}
  - {id: registered-one-year, label: 注册成立时间, assert: "true", threshold: 两年}
  - {id: new-rule, after: new-rule, label: 新条件, assert: "true", threshold: 有}
sections:
  - id: application
    fields:
      - {id: in_db, label: 入库, type: bool}
      - {id: in_db, label: 入库, type: bool}
`)}}
	_, err := programme.LoadSet(templates.FS, child)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	for _, want := range []string{
		"shanxi-hightech-2020.yaml:7:10: deadlines 中 id “batch-1” 重复：第 6 行已经写过",
		"shanxi-hightech-2020.yaml:10:10: rules 中 id “registered-one-year” 重复：第 9 行已经写过",
		"shanxi-hightech-2020.yaml:11:20: rules 中 id 为 “new-rule” 的项不能放在它自己的前后",
		"shanxi-hightech-2020.yaml:16:14: fields 中 id “in_db” 重复：第 15 行已经写过",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "没有 id 为") {
		t.Errorf("misleading message:\n%s", msg)
	}
}
