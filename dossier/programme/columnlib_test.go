package programme_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
	"dossier/templates"
)

// The 高企 summary sheets take their indicator columns from the base's named columns: the
// header, kind and unit are the base's, a use may give its own header, and a child replacing
// a named column by id changes every sheet that uses it.
func TestNamedColumns(t *testing.T) {
	child := fstest.MapFS{"ningbo-hightech-2020.yaml": {Data: []byte(`format: 1
id: ningbo-hightech-2020
extends: ningbo-hightech-2019
title: 宁波市2020年度高新技术企业认定
columns:
  - {id: rd_ratio, header: 研发费用占销售收入比例, kind: percent, value: rd_ratio}
`)}}
	set, err := programme.LoadSet(templates.FS, child)
	if err != nil {
		t.Fatal(err)
	}
	heads := func(id, out string) map[string]programme.Column {
		m := map[string]programme.Column{}
		for _, c := range output(t, set.Get(id), out).Sheet.Columns {
			m[c.Header] = c
		}
		return m
	}
	sx := heads("shanxi-hightech-2019", "summary")
	if c := sx["研发费用占比"]; c.Kind != "percent" || c.Value != "rd_ratio" {
		t.Errorf("山西 研发费用占比: %+v", c)
	}
	if c := sx["近三年研发费用合计"]; c.Kind != "money" || c.Unit != "万元" {
		t.Errorf("山西 近三年研发费用合计: %+v", c)
	}
	if c := sx["序号"]; c.Kind != "int" || c.Value != "row_no" { // profile.yaml's row_no
		t.Errorf("山西 序号: %+v", c)
	}
	if c := sx["所在市"]; c.Value != "enterprise.city" {
		t.Errorf("山西 所在市: %+v", c)
	}
	nb := heads("ningbo-hightech-2019", "review_summary")
	if c := nb["2018年总收入"]; c.Kind != "money" || c.Unit != "万元" || c.Value != "income_last" {
		t.Errorf("宁波 2018年总收入 (use with its own header): %+v", c)
	}
	if _, ok := nb["研发费用占比"]; !ok {
		t.Error("宁波 has no 研发费用占比 column")
	}
	nb20 := heads("ningbo-hightech-2020", "review_summary")
	if c := nb20["研发费用占销售收入比例"]; c.Value != "rd_ratio" {
		t.Errorf("2020 child's named column not used: %v", nb20)
	}
	if _, ok := nb20["2018年总收入"]; !ok {
		t.Error("2020 child lost the inherited use's own header")
	}
	ev := programme.Evaluate(set.Get("shanxi-hightech-2019"), demo(t, set, "shanxi-hightech-2019"), today)
	sh, err := programme.BuildSheet(outputOf(t, ev, "summary"), []*programme.Evaluation{ev})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range sh.Columns {
		if c.Header == "研发费用占比" && sh.Rows[0][i].Number == "" {
			t.Errorf("研发费用占比 cell is empty: %+v", sh.Rows[0][i])
		}
	}
}

// Mistakes in named columns and lines, and in their uses, are each reported at their line.
func TestNamedColumnProblems(t *testing.T) {
	const src = `format: 1
id: nc
title: 列
sections:
  - id: s
    fields:
      - {id: budget, label: 项目总投资, type: money}
columns:
  - {id: budget, header: 总投资, kind: money, value: budget}
  - {header: 无名, value: budget}
  - {id: budget, header: 重复, value: budget}
  - {id: broken, header: 坏, value: nosuch + 1}
  - {id: chained, use: budget}
outputs:
  - id: sheet
    kind: sheet
    file: a.xlsx
    sheet:
      name: 表
      columns:
        - {use: budget}
        - {use: nosuch}
        - {id: mine, header: 自己, value: budget}
        - {use: budgte}
  - id: report
    kind: report
    file: a.pdf
    blocks:
      - signature:
          lines:
            - {use: legal_rep_sign}
            - {use: no_such_line}
            - {id: x, label: 甲, value: ""}
      - keyvalues:
          columns: 2
          items:
            - {id: a, label: 甲, value: "1"}
            - {id: a, label: 乙, value: "2"}
`
	_, err := programme.Parse("nc.yaml", []byte(src), nil)
	if err == nil {
		t.Fatal("no problems reported")
	}
	for _, want := range []string{
		"nc.yaml:10:", "每一列都要有 id",
		"nc.yaml:11:", "共用的列 id “budget” 重复：第 9 行",
		"nc.yaml:12:", "nosuch",
		"nc.yaml:13:", "不能再写 use",
		"nc.yaml:22:", "use “nosuch” 不是共用的列（可用：", "applied_on、broken、budget",
		"use “budgte” 不是共用的列（是不是想写 “budget”？）",
		"nc.yaml:23:", "列不能写 id",
		"nc.yaml:32:", "use “no_such_line” 不是共用的行（可用：", "legal_rep_sign",
		"nc.yaml:33:", "签字栏的行不能写 id",
		"nc.yaml:38:", "id “a” 重复",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "nc.yaml: ") {
		t.Errorf("a problem without its line:\n%v", err)
	}
	if strings.Contains(err.Error(), "nc.yaml:21:") || strings.Contains(err.Error(), "nc.yaml:31:") {
		t.Errorf("a good use is reported:\n%v", err)
	}
}

// A {use: x} line is profile.yaml's line x, with the keys written beside use over it; a {use:
// x} column in a report table likewise.
func TestSharedLines(t *testing.T) {
	const src = `format: 1
id: sl
title: 行
sections:
  - id: s
    fields:
      - {id: items, label: 明细, type: table, columns: [{id: name, label: 名称, type: text}]}
outputs:
  - id: report
    kind: report
    file: a.pdf
    blocks:
      - table: {rows: items, columns: [{use: row_no, width: 0.5, align: center}, {field: name}]}
      - signature:
          lines:
            - {use: applicant_seal}
            - {use: legal_rep_sign, label: 法定代表人（签名）}
`
	p, err := programme.Parse("sl.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dossier.Decode(strings.NewReader(`{"format":1,"programme":"sl","enterprise":{"name":"示例有限公司"},"answers":{"items":[{"name":"甲"},{"name":"乙"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	ev := programme.Evaluate(p, f, today)
	rep := ev.Report(outputOf(t, ev, "report"), time.Time{})
	tab := tableOf(t, rep)
	if c := tab.Columns[0]; c.Header != "序号" || c.Width != 0.5 || c.Align != "center" || len(tab.Rows) != 2 || tab.Rows[1][0] != "2" {
		t.Errorf("序号 column %+v, rows %v", c, tab.Rows)
	}
	var sig *document.Signature
	for _, b := range rep.Blocks {
		if s, ok := b.(*document.Signature); ok {
			sig = s
		}
	}
	if sig == nil || len(sig.Lines) != 2 {
		t.Fatalf("signature: %+v", sig)
	}
	if l := sig.Lines[0]; l.Label != "申报单位（盖章）" || l.Value != "示例有限公司" || !l.Seal {
		t.Errorf("applicant_seal: %+v", l)
	}
	if l := sig.Lines[1]; l.Label != "法定代表人（签名）" || l.Value != "" || l.Seal {
		t.Errorf("legal_rep_sign with its own label: %+v", l)
	}
}

// kvLabels are the labels of the report's keyvalues table with that caption.
func kvLabels(t *testing.T, rep *document.Report, caption string) []string {
	t.Helper()
	for _, b := range rep.Blocks {
		if kv, ok := b.(*document.KeyValues); ok && kv.Caption == caption {
			var labels []string
			for _, p := range kv.Pairs {
				labels = append(labels, p.Label)
			}
			return labels
		}
	}
	t.Fatalf("no keyvalues %q", caption)
	return nil
}

// A child's keyvalues block written with merge: true merges its items by id: 宁波 adds two
// lines to the base's 表2 before its incident line and replaces four of the 自查表's eight
// conditions; a child can remove an item or place a new one beside another.
func TestKeyValuesItemsMergeByID(t *testing.T) {
	child := fstest.MapFS{"shanxi-hightech-2020.yaml": {Data: []byte(`format: 1
id: shanxi-hightech-2020
extends: shanxi-hightech-2019
title: 2020年山西省高新技术企业认定
outputs:
  - id: checklist
    blocks:
      - id: conditions
        merge: true
        keyvalues:
          items:
            - {id: core-ip, remove: true}
            - {label: 4a. 新条件, value: 符合, after: tech-staff}
`)}}
	set, err := programme.LoadSet(templates.FS, child)
	if err != nil {
		t.Fatal(err)
	}
	ev := programme.Evaluate(set.Get("ningbo-hightech-2019"), demo(t, set, "ningbo-hightech-2019"), today)
	got := kvLabels(t, ev.Report(outputOf(t, ev, "application"), time.Time{}), "表2 企业基本信息")
	if n := len(got); n != 12 || got[9] != "居民企业" || got[10] != "主要产品（服务）收入之和" || got[11] != "2018年内是否发生过重大安全、重大质量事故或严重环境违法行为" {
		t.Errorf("宁波 表2: %q", got)
	}
	got = kvLabels(t, ev.Report(outputOf(t, ev, "checklist"), time.Time{}), "一、认定条件（按填报数据核对）")
	if len(got) != 8 || got[0] != "1. 在宁波市注册满365日历天、居民企业" || got[1] != "2. 核心知识产权所有权" || got[7] != "8. 2018年内无重大事故或严重环境违法" {
		t.Errorf("宁波 自查表: %q", got)
	}
	ev = programme.Evaluate(set.Get("shanxi-hightech-2020"), demo(t, set, "shanxi-hightech-2019"), today)
	got = kvLabels(t, ev.Report(outputOf(t, ev, "checklist"), time.Time{}), "一、认定条件（按填报数据核对）")
	if strings.Join(got, "|") != "1. 注册成立一年以上|3. 技术领域|4. 科技人员占比不低于10%|4a. 新条件|5. 研究开发费用占比|6. 高新技术产品（服务）收入占比不低于60%|7. 创新能力评价（自评）|8. 前一年内无重大事故或严重环境违法" {
		t.Errorf("2020 child's 自查表: %q", got)
	}
}

// An item placed beside, merged over or removed from an item the parent does not have is
// reported at the child's line.
func TestKeyValuesItemsMergeMistakes(t *testing.T) {
	child := fstest.MapFS{"shanxi-hightech-2020.yaml": {Data: []byte(`format: 1
id: shanxi-hightech-2020
extends: shanxi-hightech-2019
title: 2020年山西省高新技术企业认定
outputs:
  - id: checklist
    blocks:
      - id: conditions
        merge: true
        keyvalues:
          items:
            - {label: 9. 新条件, value: 符合, after: no-such-item}
            - {id: nosuch, merge: true, label: x}
            - {id: core-ip, label: 甲, value: "1"}
            - {id: core-ip, label: 乙, value: "2"}
`)}}
	_, err := programme.LoadSet(templates.FS, child)
	if err == nil {
		t.Fatal("no problems reported")
	}
	for _, want := range []string{
		"shanxi-hightech-2020.yaml:12:", "items 中没有 id 为 “no-such-item” 的项",
		"shanxi-hightech-2020.yaml:13:", "父模板的 items 中没有 id 为 “nosuch” 的项",
		"shanxi-hightech-2020.yaml:15:", "id “core-ip” 重复：第 14 行",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}
