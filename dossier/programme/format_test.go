package programme_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

func loadSample(t *testing.T) (*programme.Programme, *dossier.File) {
	t.Helper()
	src, err := os.ReadFile("testdata/hitech-sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	demoSrc, err := os.ReadFile("testdata/hitech-sample.demo.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := programme.Parse("hitech-sample.yaml", src, demoSrc)
	if err != nil {
		t.Fatalf("the format test template does not load:\n%v", err)
	}
	f, err := dossier.Decode(bytes.NewReader(demoSrc))
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func answersRow(f *dossier.File, table string, i int) map[string]any {
	return f.Answers[table].([]any)[i].(map[string]any)
}

// The format carries numbered tables that reference each other, a per-year table checked
// against the enterprise's finance, and exact three-year ratios (hitech-sample.yaml).
func TestHarderFormat(t *testing.T) {
	p, f := loadSample(t)
	ev := programme.Evaluate(p, f, today)
	for _, pr := range ev.Problems {
		t.Errorf("sample data: %s", pr.Message)
	}
	// 420.10 / 8402.00 is exactly 5%: the ratio passes at its threshold.
	r := ruleOf(t, ev, "rd-ratio")
	if !r.Passed || r.Value != "5.00%" {
		t.Fatalf("rd-ratio at exactly 5%%: %s", r.Message)
	}
	if !ev.Eligible() {
		t.Fatalf("sample not eligible: %v", ev.Rules)
	}

	// One cent less of R&D in 2018 (and in its cost table, to stay consistent) fails the ratio.
	p, f = loadSample(t)
	setFin(f, 2018, "rd_expense", json.Number("140.05"))
	setFin(f, 2018, "rd_expense_domestic", json.Number("140.05"))
	answersRow(f, "rd_costs", 2)["other"] = json.Number("9.99")
	ev = programme.Evaluate(p, f, today)
	if len(ev.Problems) != 0 {
		t.Fatalf("problems: %v", ev.Problems)
	}
	if r := ruleOf(t, ev, "rd-ratio"); r.Passed {
		t.Fatalf("rd-ratio just under 5%% passed: %s", r.Message)
	}
}

func TestHarderFormatProblems(t *testing.T) {
	cases := []struct {
		name, field, want string
		mutate            func(f *dossier.File)
	}{
		{"reference to a missing IP", "rd[1].ip_refs", "引用的编号“IP07”不存在", func(f *dossier.File) {
			answersRow(f, "rd", 1)["ip_refs"] = []any{"IP01", "IP07"}
		}},
		{"text reference to a missing IP", "ps[0].ip_refs", "引用的编号“IP03”不存在", func(f *dossier.File) {
			answersRow(f, "ps", 0)["ip_refs"] = "IP01、IP03"
		}},
		{"a year's costs do not add up to its R&D expense", "rd_costs[1].staff", "2017年研究开发费用合计（140.04万元）与财务数据中的研发费用（140.03万元）不一致", func(f *dossier.File) {
			answersRow(f, "rd_costs", 1)["other"] = json.Number("10.01")
		}},
		{"a year twice in the per-year table", "rd_costs[2].year", "与第2行重复", func(f *dossier.File) {
			answersRow(f, "rd_costs", 2)["year"] = json.Number("2017")
		}},
		{"product incomes do not add up", "ps", "应等于上年度高新技术产品（服务）收入", func(f *dossier.File) {
			answersRow(f, "ps", 1)["income"] = json.Number("700")
		}},
		{"no IP rows", "ip", "至少需要 1 行", func(f *dossier.File) {
			f.Answers["ip"] = []any{}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, f := loadSample(t)
			c.mutate(f)
			ev := programme.Evaluate(p, f, today)
			for _, pr := range ev.Problems {
				if pr.Field == c.field && strings.Contains(pr.Message, c.want) && !pr.Warning {
					return
				}
			}
			t.Fatalf("want a problem at %s containing %q, got %+v", c.field, c.want, ev.Problems)
		})
	}
}

// Numbered rows get their numbers by position, and a report table reads them.
func TestNumberedRowsInReport(t *testing.T) {
	p, f := loadSample(t)
	ev := programme.Evaluate(p, f, today)
	rep := ev.Report(ev.Outputs()[0], today)
	tbl, ok := rep.Blocks[1].(*document.Table)
	if !ok || len(tbl.Rows) != 2 {
		t.Fatalf("want a 2-row IP table, got %#v", rep.Blocks)
	}
	if got := strings.Join(tbl.Rows[1], "|"); got != "IP02|控制器外壳|2018-03-05" {
		t.Fatalf("row 2 = %q", got)
	}
	if h := tbl.Columns[2].Header; h != "授权日期（至2018年）" {
		t.Errorf("a header with {{ }}: %q", h)
	}
}

// A table's where keeps some rows; a repeat block makes one set of blocks per row, written over
// the row's columns; thresholds and texts can format amounts and ratios.
func TestRepeatWhereAndFormatting(t *testing.T) {
	p, f := loadSample(t)
	ev := programme.Evaluate(p, f, today)
	rep := ev.Report(ev.Outputs()[0], today)
	if len(rep.Blocks) != 7 {
		t.Fatalf("want heading, 2 tables and 2×(heading, keyvalues), got %d blocks", len(rep.Blocks))
	}
	classI := rep.Blocks[2].(*document.Table)
	if len(classI.Rows) != 1 || strings.Join(classI.Rows[0], "|") != "1|一种液压支架电液控制方法" {
		t.Errorf("where-filtered table: %v", classI.Rows)
	}
	if h := rep.Blocks[5].(*document.Heading); h.Text != "RD02 通信网络研发" || h.Level != 2 {
		t.Errorf("second repeat heading: %+v", h)
	}
	kv := rep.Blocks[6].(*document.KeyValues)
	got := []string{kv.Pairs[0].Value, kv.Pairs[1].Value, kv.Pairs[2].Value}
	if strings.Join(got, "|") != "200.00 万元|IP01、IP02|47.61%" {
		t.Errorf("repeat values: %v", got)
	}
	if r := ruleOf(t, ev, "rd-ratio"); r.Threshold != "最近一年销售收入2,801.20万元，不低于5%" {
		t.Errorf("threshold text: %q", r.Threshold)
	}
}

// An object field (CONTRACT.md's innovation_scores) is one group of typed sub-fields: checked
// field by field, and read in expressions as scores.ip.
func TestObjectField(t *testing.T) {
	src := []byte(`format: 1
id: obj
title: 对象字段
sections:
  - id: s
    title: 评分
    fields:
      - id: scores
        label: 创新能力评价
        type: object
        required: true
        columns:
          - {id: ip, label: 知识产权, type: integer, required: true, min: 0, max: 30}
          - {id: growth, label: 企业成长性, type: integer, required: true, min: 0, max: 20}
rules:
  - {id: total, label: 总分, threshold: 70分以上（不含70分）, assert: scores.ip + scores.growth > 70, value: scores.ip + scores.growth}
`)
	p, err := programme.Parse("obj.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	eval := func(scores string) *programme.Evaluation {
		f, err := dossier.Decode(strings.NewReader(`{"format":1,"programme":"obj","enterprise":{},"answers":{"scores":` + scores + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		return programme.Evaluate(p, f, today)
	}
	ev := eval(`{"ip": 31, "growth": "x"}`)
	var msgs []string
	for _, pr := range ev.Problems {
		if !strings.HasPrefix(pr.Field, "enterprise") {
			msgs = append(msgs, pr.Field+" "+pr.Message)
		}
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, "scores.ip 创新能力评价 知识产权：应不大于 30") || !strings.Contains(got, "scores.growth 创新能力评价 企业成长性：请填整数（“x”不是整数）") {
		t.Fatalf("object problems:\n%s", got)
	}
	ev = eval(`{"ip": 30, "growth": 20}`)
	if r := ruleOf(t, ev, "total"); r.Passed || r.Value != "50" {
		t.Fatalf("total rule: %+v", r)
	}
	// A sub-field is addressable by path, for outputs and screens.
	if f := p.Field("scores.growth"); f == nil || f.Label != "企业成长性" {
		t.Errorf("Field(scores.growth) = %+v", f)
	}
	if got := ev.FieldText("scores.growth"); got != "20" {
		t.Errorf("FieldText(scores.growth) = %q", got)
	}
	ev = eval(`[1]`)
	if !strings.Contains(fmtProblems(ev), "应为一组数据") {
		t.Fatalf("non-object: %s", fmtProblems(ev))
	}
}

func fmtProblems(ev *programme.Evaluation) string {
	var b strings.Builder
	for _, p := range ev.Problems {
		b.WriteString(p.Message + "\n")
	}
	return b.String()
}

// Informational deadlines are listed, never judged; file names may be texts; required_if
// makes a field required when its condition holds.
func TestDeadlinesFileNamesRequiredIf(t *testing.T) {
	src := []byte(`format: 1
id: misc
title: 其他格式
deadlines:
  - {id: online, label: 网上申报, date: 2019-05-10}
  - {id: city, label: 市局汇总上报, date: 2019-05-13, informational: true}
sections:
  - id: s
    title: 项目
    fields:
      - {id: stage, label: 项目阶段, type: enum, required: true, options: [{value: new}, {value: continuing}]}
      - {id: done, label: 截至上月完成投资, type: money, required_if: 'stage == "continuing"'}
outputs:
  - id: sum
    kind: sheet
    file: "2019年{{enterprise.city}}上报汇总表.xlsx"
    sheet: {title: x, columns: [{header: 企业, value: enterprise.name}]}
`)
	p, err := programme.Parse("misc.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	eval := func(answers string) *programme.Evaluation {
		f, err := dossier.Decode(strings.NewReader(`{"format":1,"programme":"misc","applied_on":"2019-05-11","enterprise":{"city":"唐山/市"},"answers":` + answers + `}`))
		if err != nil {
			t.Fatal(err)
		}
		return programme.Evaluate(p, f, today)
	}
	ev := eval(`{"stage": "new"}`)
	if r := ruleOf(t, ev, "deadline"); r.Passed || !strings.Contains(r.Message, "2019-05-10") {
		t.Errorf("deadline: %+v", r)
	}
	if len(ev.Milestones) != 1 || ev.Milestones[0].Label != "市局汇总上报" {
		t.Errorf("milestones: %+v", ev.Milestones)
	}
	if strings.Contains(fmtProblems(ev), "截至上月完成投资") {
		t.Errorf("done is required for a new project: %s", fmtProblems(ev))
	}
	ev = eval(`{"stage": "continuing"}`)
	if !strings.Contains(fmtProblems(ev), "截至上月完成投资：未填写") {
		t.Errorf("done not required for a continuing project: %s", fmtProblems(ev))
	}
	if got := ev.FileName(&p.Outputs[0]); got != "2019年唐山_市上报汇总表.xlsx" {
		t.Errorf("file name = %q", got)
	}
}

// date("2019-05-31") means that calendar day wherever the machine is: users in China run
// UTC+8, and a batch deadline must still hold on its own day.
func TestDateLiteralsIgnoreTheMachinesZone(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	t.Cleanup(func() { time.Local = saved })
	set := loadShipped(t)
	f := demo(t, set, "shanxi-hightech-2019")
	f.AppliedOn = "2019-05-31"
	ev := programme.Evaluate(set.Get("shanxi-hightech-2019"), f, today)
	r := ruleOf(t, ev, "deadline")
	if !r.Passed || !strings.Contains(r.Threshold, "2019-05-31") {
		t.Fatalf("applied on the first batch's last day, under UTC+8: %s", r.Message)
	}
}

// labels.<field> is checked at load, and inside a table's rows it also names the row's enum
// columns.
func TestLabels(t *testing.T) {
	src := `format: 1
id: lab
title: 选项标签
sections:
  - id: s
    title: 项目
    fields:
      - {id: kind, label: 类别, type: enum, options: [{value: a, label: 甲类}, {value: b, label: 乙类}]}
      - id: items
        label: 明细
        type: table
        columns:
          - {id: level, label: 级别, type: enum, options: [{value: n, label: 国家级}, {value: p, label: 省级}]}
        checks:
          - {id: c, assert: "false", message: "{{labels.kind}}第{{row_no}}行：{{labels.level}}"}
outputs:
  - {id: o, kind: report, file: a.pdf, blocks: [{paragraph: "{{labels.KIND}}"}]}
`
	if _, err := programme.Parse("lab.yaml", []byte(src), nil); err == nil || !strings.Contains(err.Error(), "lab.yaml:17:") || !strings.Contains(err.Error(), "KIND") {
		t.Fatalf("a misspelt label name: %v", err)
	}
	p, err := programme.Parse("lab.yaml", []byte(strings.Replace(src, "labels.KIND", "labels.kind", 1)), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := dossier.Decode(strings.NewReader(`{"format":1,"programme":"lab","enterprise":{},"answers":{"kind":"b","items":[{"level":"p"}]}}`))
	ev := programme.Evaluate(p, f, today)
	if !strings.Contains(fmtProblems(ev), "乙类第1行：省级") {
		t.Fatalf("row labels: %s", fmtProblems(ev))
	}
}

// A sheet with rows: one line per row of a table, numbered across all dossiers.
func TestSheetRowsFromTable(t *testing.T) {
	p, f := loadSample(t)
	ev := programme.Evaluate(p, f, today)
	var spec *programme.Output
	for _, o := range ev.Outputs() {
		if o.ID == "ip-list" {
			spec = o
		}
	}
	sh, err := programme.BuildSheet(spec, []*programme.Evaluation{ev, ev})
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Rows) != 4 {
		t.Fatalf("want 2 IP rows × 2 dossiers, got %d", len(sh.Rows))
	}
	last := sh.Rows[3]
	if last[0].Number != "4" || last[2].Text != "IP02" || last[3].Text != "Ⅱ类" {
		t.Errorf("last row: %+v", last)
	}
}
