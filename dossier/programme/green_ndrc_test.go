package programme_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/dossier/validate"
)

// The demos' credit codes carry the right GB 32100-2015 check character.
func TestGreenNDRCDemoCreditCodes(t *testing.T) {
	set := loadShipped(t)
	for _, id := range []string{"shanxi-green-2019", "ndrc-digitaleconomy-2019", "ndrc-catalogue-2019"} {
		f := demo(t, set, id)
		code := f.Enterprise["credit_code"].(string)
		if want := validate.CreditCheckChar(code[:17]); code[17] != want {
			t.Errorf("%s: credit code %s, check character should be %c", id, code, want)
		}
		ev := programme.Evaluate(set.Get(id), f, today)
		if ev.Invalid() || !ev.Eligible() {
			t.Errorf("%s demo: problems %v rules %v", id, ev.Problems, ev.Rules)
		}
	}
}

// greenAs turns the green-factory demo into a dossier of another category: the factory's
// answers are removed (they are hidden there) and the category's own are filled in.
func greenAs(t *testing.T, set *programme.Set, category string) *dossier.File {
	t.Helper()
	f := demo(t, set, "shanxi-green-2019")
	for k := range f.Answers {
		if strings.HasPrefix(k, "fb_") || strings.HasPrefix(k, "f_") || k == "factory_scores" || k == "factory_evidence" {
			delete(f.Answers, k)
		}
	}
	f.Answers["category"] = category
	text := func(ids ...string) {
		for _, id := range ids {
			f.Answers[id] = "按评价要求开展的工作及成效（示例）。"
		}
	}
	switch category {
	case "product":
		f.Answers["subject_name"] = "恒泰牌不锈钢炒锅"
		f.Answers["product_family"] = "kitchen-stainless"
		f.Answers["product_model"] = "HT-32"
		f.Answers["product_standard"] = "T/CAGP 0026-2018"
		f.Answers["product_output"] = "42万只"
		f.Answers["product_indicators"] = []any{
			map[string]any{"attribute": "resource", "indicator": "材料可回收利用率", "requirement": "≥95%", "actual": "98%", "compliant": true},
			map[string]any{"attribute": "energy", "indicator": "单位产品综合能耗", "requirement": "≤0.45 kgce", "actual": "0.38 kgce", "compliant": true},
		}
		text("product_design")
	case "park":
		f.Answers["subject_name"] = "晋中经济技术开发区"
		f.Answers["park_level"] = "provincial"
		f.Answers["park_function"] = "manufacturing"
		f.Answers["park_area"] = "48.6"
		f.Answers["park_enterprises"] = json.Number("126")
		f.Answers["park_industries"] = "装备制造、新材料"
		text("p_energy", "p_resource", "p_infrastructure", "p_industry", "p_ecology", "p_management")
	case "supply-chain":
		f.Answers["sc_industry"] = "automobile"
		f.Answers["sc_core"] = true
		f.Answers["sc_suppliers"] = json.Number("86")
		text("s_strategy", "s_suppliers", "s_production", "s_recycling", "s_platform", "s_disclosure")
	}
	return f
}

type greenCase struct {
	name     string
	category string
	rule     string
	pass     bool
	mutate   func(f *dossier.File)
}

func setScore(f *dossier.File, part string, v string) {
	f.Answers["factory_scores"].(map[string]any)[part] = json.Number(v)
}

// Every rule of shanxi-green-2019 at its boundary, in its category; nothing else fails.
func TestGreenRuleBoundaries(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-green-2019")
	cases := []greenCase{
		{"registered in Hebei", "factory", "registered-in-shanxi", false, func(f *dossier.File) { f.Enterprise["province"] = "河北省" }},
		{"park registered in Hebei", "park", "registered-in-shanxi", false, func(f *dossier.File) { f.Enterprise["province"] = "河北省" }},
		{"product: every indicator met", "product", "product-indicators-met", true, func(f *dossier.File) {}},
		{"product: one indicator not met", "product", "product-indicators-met", false, func(f *dossier.File) {
			f.Answers["product_indicators"].([]any)[1].(map[string]any)["compliant"] = false
		}},
		{"park for manufacturing", "park", "park-function", true, func(f *dossier.File) {}},
		{"park for energy supply", "park", "park-function", true, func(f *dossier.File) { f.Answers["park_function"] = "energy" }},
		{"park for logistics", "park", "park-function", false, func(f *dossier.File) { f.Answers["park_function"] = "other" }},
		{"provincial park, national pilot", "park", "park-level-national", true, func(f *dossier.File) { f.Answers["target"] = "national" }},
		{"national park, national pilot", "park", "park-level-national", true, func(f *dossier.File) {
			f.Answers["target"] = "national"
			f.Answers["park_level"] = "national"
		}},
		{"cluster, national pilot", "park", "park-level-national", false, func(f *dossier.File) {
			f.Answers["target"] = "national"
			f.Answers["park_level"] = "other"
		}},
		{"core manufacturer", "supply-chain", "supply-chain-core", true, func(f *dossier.File) {}},
		{"not a core manufacturer", "supply-chain", "supply-chain-core", false, func(f *dossier.File) { f.Answers["sc_core"] = false }},
	}
	basics := map[string]string{
		"basic-lawful": "fb_lawful", "basic-no-accident": "fb_no_accident", "basic-stakeholders": "fb_stakeholders",
		"basic-leadership": "fb_leadership", "basic-organisation": "fb_organisation", "basic-plan": "fb_plan",
		"basic-training": "fb_training",
	}
	for rule, field := range basics {
		cases = append(cases,
			greenCase{rule + " holds", "factory", rule, true, func(f *dossier.File) {}},
			greenCase{rule + " fails", "factory", rule, false, func(f *dossier.File) { f.Answers[field] = false }})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var f *dossier.File
			if c.category == "factory" {
				f = demo(t, set, p.ID)
			} else {
				f = greenAs(t, set, c.category)
			}
			c.mutate(f)
			assertBoundary(t, programme.Evaluate(p, f, today), c.rule, c.pass, true)
		})
	}
}

// The green plan has no deadline: no deadline rule, whatever the date.
func TestGreenHasNoDeadline(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-green-2019")
	f.AppliedOn = "2019-12-31"
	ev := programme.Evaluate(set.Get("shanxi-green-2019"), f, today)
	for _, r := range ev.Rules {
		if r.ID == "deadline" {
			t.Fatalf("a deadline the plan does not set: %s", r.Message)
		}
	}
	if !ev.Eligible() {
		t.Fatalf("not eligible: %v", ev.Rules)
	}
}

// Each category shows only its own section, is complete without the others' answers, and
// only its own rules apply; it gets its own report with its own number of copies.
func TestGreenConditionalSections(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-green-2019")
	sections := map[string][]string{
		"factory":      {"factory-basic", "factory-scores"},
		"product":      {"product"},
		"park":         {"park"},
		"supply-chain": {"supply-chain"},
	}
	own := map[string]string{"factory": "basic-lawful", "product": "product-indicators-met", "park": "park-function", "supply-chain": "supply-chain-core"}
	reports := map[string]struct {
		file   string
		copies int
	}{
		"factory":      {"绿色工厂自评价报告.pdf", 3},
		"product":      {"绿色设计产品申报书.pdf", 2},
		"park":         {"绿色园区自评价报告.pdf", 3},
		"supply-chain": {"绿色供应链管理企业自评价报告.pdf", 3},
	}
	for cat := range sections {
		t.Run(cat, func(t *testing.T) {
			var f *dossier.File
			if cat == "factory" {
				f = demo(t, set, p.ID)
			} else {
				f = greenAs(t, set, cat)
			}
			ev := programme.Evaluate(p, f, today)
			if ev.Invalid() || !ev.Eligible() {
				t.Fatalf("problems %v rules %v", ev.Problems, ev.Rules)
			}
			for other, ids := range sections {
				for _, id := range ids {
					if ev.Visible(id) != (other == cat) {
						t.Errorf("section %s visible=%v in category %s", id, ev.Visible(id), cat)
					}
				}
			}
			for other, rule := range own {
				if ruleOf(t, ev, rule).Applies != (other == cat) {
					t.Errorf("rule %s applies=%v in category %s", rule, !(other == cat), cat)
				}
			}
			var pdfs []string
			for _, o := range ev.Outputs() {
				if o.Kind != "report" {
					continue
				}
				pdfs = append(pdfs, ev.FileName(o))
				if o.Print == nil || o.Print.Copies != reports[cat].copies {
					t.Errorf("%s: print %+v, want %d copies", o.ID, o.Print, reports[cat].copies)
				}
			}
			if len(pdfs) != 1 || pdfs[0] != reports[cat].file {
				t.Errorf("reports %v, want [%s]", pdfs, reports[cat].file)
			}
		})
	}
	// A category's own fields are required once it is chosen.
	f := greenAs(t, set, "park")
	f.Answers["category"] = "supply-chain"
	for _, k := range []string{"sc_industry", "sc_core", "sc_suppliers", "s_strategy", "s_suppliers", "s_production", "s_recycling", "s_platform", "s_disclosure"} {
		delete(f.Answers, k)
	}
	ev := programme.Evaluate(p, f, today)
	missing := 0
	for _, pr := range ev.Problems {
		if strings.HasSuffix(pr.Message, "未填写") {
			missing++
		}
	}
	if missing != 9 {
		t.Errorf("want the 9 supply-chain fields reported missing, got %v", ev.Problems)
	}
}

// The factory's part maxima are inferred: above them is a warning, not a failed rule; the
// total is computed, and above 100 it is a data error.
func TestGreenFactoryScores(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-green-2019")
	f := demo(t, set, p.ID)
	ev := programme.Evaluate(p, f, today)
	if got := greenTotal(t, ev); got != "84" {
		t.Errorf("factory_total = %v, want 84", got)
	}
	for _, pr := range ev.Problems {
		t.Errorf("demo problem: %s", pr.Message)
	}
	parts := map[string]int{"infrastructure": 20, "management": 15, "energy": 15, "product": 10, "emissions": 10, "performance": 30}
	for part, max := range parts {
		f := demo(t, set, p.ID)
		setScore(f, part, strconv.Itoa(max))
		ev := programme.Evaluate(p, f, today)
		if len(ev.Problems) != 0 {
			t.Errorf("%s at its reference maximum %d: %v", part, max, ev.Problems)
		}
		f = demo(t, set, p.ID)
		setScore(f, part, strconv.Itoa(max+1))
		ev = programme.Evaluate(p, f, today)
		warned := false
		for _, pr := range ev.Problems {
			if pr.Warning && strings.Contains(pr.Message, "参考满分") {
				warned = true
			} else if !pr.Warning {
				t.Errorf("%s one above its maximum is an error: %s", part, pr.Message)
			}
		}
		if !warned {
			t.Errorf("%s at %d: no warning", part, max+1)
		}
		if ev.Invalid() || !ev.Eligible() {
			t.Errorf("%s above its inferred maximum made the dossier invalid or ineligible", part)
		}
	}
	// The total: exactly 100 is fine, 101 is not.
	f = demo(t, set, p.ID)
	for part, max := range parts {
		setScore(f, part, strconv.Itoa(max))
	}
	if ev := programme.Evaluate(p, f, today); ev.Invalid() || greenTotal(t, ev) != "100" {
		t.Errorf("total exactly 100: total %v, problems %v", greenTotal(t, ev), ev.Problems)
	}
	setScore(f, "performance", "31")
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Errorf("total 101 is not a data error")
	}
}

// greenTotal is the computed 自评总分 as the summary sheet prints it.
func greenTotal(t *testing.T, ev *programme.Evaluation) string {
	t.Helper()
	for _, o := range ev.Outputs() {
		if o.ID != "summary" {
			continue
		}
		for i, c := range o.Sheet.Columns {
			if c.Header == "自评总分" {
				cells, err := ev.SheetRow(o.Sheet, 1)
				if err != nil {
					t.Fatal(err)
				}
				return cells[i].Number
			}
		}
	}
	t.Fatal("no 自评总分 column in the summary sheet")
	return ""
}

// The self-assessment tables name the indicator parts and attributes by their labels.
func TestGreenIndicatorLabels(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-green-2019")
	for cat, wants := range map[string][]string{
		"factory": {"\n基础设施\n建筑\n", "\n管理体系\n", "\n绩效\n"},
		"product": {"\n资源属性\n材料可回收利用率\n", "\n能源属性\n单位产品综合能耗\n"},
	} {
		f := demo(t, set, p.ID)
		if cat != "factory" {
			f = greenAs(t, set, cat)
		}
		ev := programme.Evaluate(p, f, today)
		all := reportText(ev, outputOf(t, ev, "report-"+cat))
		for _, w := range wants {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q not in the report", cat, w)
			}
		}
	}
}

// Products outside the named families and supply chains outside the named industries are
// warnings (the plan says 等), never a failed rule.
func TestGreenNamedFamiliesAreWarnings(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-green-2019")
	f := greenAs(t, set, "product")
	f.Answers["target"] = "national"
	f.Answers["product_family"] = "other"
	ev := programme.Evaluate(p, f, today)
	if ev.Invalid() || !ev.Eligible() || len(ev.Problems) != 1 || !ev.Problems[0].Warning {
		t.Errorf("other product family, national: problems %v", ev.Problems)
	}
	f.Answers["target"] = "provincial"
	if ev := programme.Evaluate(p, f, today); len(ev.Problems) != 0 {
		t.Errorf("other product family, provincial creation: %v", ev.Problems)
	}
	f = greenAs(t, set, "supply-chain")
	f.Answers["sc_industry"] = "other"
	ev = programme.Evaluate(p, f, today)
	if ev.Invalid() || !ev.Eligible() || len(ev.Problems) != 1 || !ev.Problems[0].Warning {
		t.Errorf("other supply-chain industry: problems %v", ev.Problems)
	}
}

// The digital-economy form: the e-mail deadline (2019-04-30, inclusive) and completeness.
func TestDigitalEconomyForm(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("ndrc-digitaleconomy-2019")
	for _, c := range []struct {
		date string
		pass bool
	}{{"2019-04-03", true}, {"2019-04-30", true}, {"2019-05-01", false}} {
		f := demo(t, set, p.ID)
		f.AppliedOn = c.date
		ev := programme.Evaluate(p, f, today)
		if r := ruleOf(t, ev, "deadline"); r.Passed != c.pass || ev.Eligible() != c.pass {
			t.Errorf("%s: deadline passed=%v, want %v (%s)", c.date, r.Passed, c.pass, r.Message)
		}
		if len(ev.Rules) != 1 {
			t.Errorf("rules beyond the deadline: %v", ev.Rules)
		}
	}
	// No problem at all is incomplete; so is a problem without a suggestion.
	f := demo(t, set, p.ID)
	f.Answers["problems"] = []any{}
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("a form without any problem is not reported incomplete")
	}
	f = demo(t, set, p.ID)
	delete(f.Answers["problems"].([]any)[0].(map[string]any), "suggestion")
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("a problem without a suggestion is not reported incomplete")
	}
	// PDF and XLSX, no print copies, no disc.
	ev := programme.Evaluate(p, demo(t, set, p.ID), today)
	kinds := map[string]bool{}
	for _, o := range ev.Outputs() {
		kinds[string(o.Kind)] = true
		if o.Print != nil {
			t.Errorf("%s has print copies", o.ID)
		}
	}
	if !kinds["report"] || !kinds["sheet"] || p.Disc != "" {
		t.Errorf("outputs %v, disc %q", kinds, p.Disc)
	}
	// The spreadsheet lists one problem a line, its area by the option's label; two
	// dossiers' lines are numbered on.
	problems := demo(t, set, p.ID).Answers["problems"].([]any)
	rows := ndrcSheet(t, ev, 1)
	if len(rows) != len(problems) || len(rows) != 3 {
		t.Fatalf("sheet: %d lines, want one per problem (%d)", len(rows), len(problems))
	}
	for i, want := range []map[string]string{
		{"序号": "1", "重点领域": "与实体经济深度融合", "具体领域（对照附件2）": "工业互联网平台", "问题概述": "中小制造企业设备数据采集成本高、协议不统一", "备注": ""},
		{"序号": "2", "重点领域": "大数据", "具体领域（对照附件2）": "数据共享与开放", "涉及政策文件及条款": "—", "备注": "可提供案例材料"},
		{"序号": "3", "重点领域": "新业态新模式", "问题概述": "新业态市场准入和监管规则滞后", "影响（企业、行业）": "—"},
	} {
		row := problems[i].(map[string]any)
		want["问题描述"] = row["description"].(string)
		want["政策建议"] = row["suggestion"].(string)
		want["填报单位"] = "杭州云栖数智科技有限公司"
		want["填报日期"] = "2019-04-26"
		for h, w := range want {
			if got, ok := rows[i][h]; !ok || got != w {
				t.Errorf("line %d, %s = %q, want %q", i+1, h, got, w)
			}
		}
	}
	if rows := ndrcSheet(t, ev, 2); len(rows) != 6 || rows[5]["序号"] != "6" || rows[3]["重点领域"] != "与实体经济深度融合" {
		t.Errorf("two dossiers: %d lines, last %v", len(rows), rows[len(rows)-1])
	}
	// The PDF's table names the area by its label too.
	if all := reportText(ev, outputOf(t, ev, "form")); !strings.Contains(all, "与实体经济深度融合：工业互联网平台") || !strings.Contains(all, "新业态新模式：平台经济与共享经济") {
		t.Errorf("form: areas not labelled:\n%s", all)
	}
}

// outputOf is the output of that id.
func outputOf(t *testing.T, ev *programme.Evaluation, id string) *programme.Output {
	t.Helper()
	for _, o := range ev.Outputs() {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("no output %s", id)
	return nil
}

// ndrcSheet is the "sheet" output built from n copies of one dossier: its lines, each by header.
func ndrcSheet(t *testing.T, ev *programme.Evaluation, n int) []map[string]string {
	t.Helper()
	evs := make([]*programme.Evaluation, n)
	for i := range evs {
		evs[i] = ev
	}
	sh, err := programme.BuildSheet(outputOf(t, ev, "sheet"), evs)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range sh.Rows {
		row := map[string]string{}
		for i, c := range sh.Columns {
			row[c.Header] = r[i].Text + r[i].Number
		}
		out = append(out, row)
	}
	return out
}

// The catalogue feedback: the window 2019-04-08 … 2019-05-07 at both edges, and 允许类 is not
// a class of the catalogue.
func TestCatalogueFeedback(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("ndrc-catalogue-2019")
	for _, c := range []struct {
		date, rule string
		pass       bool
	}{
		{"2019-04-07", "window-open", false},
		{"2019-04-08", "window-open", true},
		{"2019-05-07", "deadline", true},
		{"2019-05-08", "deadline", false},
	} {
		f := demo(t, set, p.ID)
		f.AppliedOn = c.date
		ev := programme.Evaluate(p, f, today)
		r := ruleOf(t, ev, c.rule)
		if r.Passed != c.pass || ev.Eligible() != c.pass {
			t.Errorf("%s: %s passed=%v, want %v (%s)", c.date, c.rule, r.Passed, c.pass, r.Message)
		}
		for _, other := range ev.Rules {
			if other.ID != c.rule && !other.Passed {
				t.Errorf("%s: %s failed too", c.date, other.ID)
			}
		}
		if ev.Invalid() {
			t.Errorf("%s: %v", c.date, ev.Problems)
		}
	}
	for _, class := range []string{"encouraged", "restricted", "eliminated"} {
		f := demo(t, set, p.ID)
		f.Answers["opinions"].([]any)[0].(map[string]any)["category"] = class
		if ev := programme.Evaluate(p, f, today); ev.Invalid() {
			t.Errorf("%s: %v", class, ev.Problems)
		}
	}
	f := demo(t, set, p.ID)
	f.Answers["opinions"].([]any)[0].(map[string]any)["category"] = "allowed"
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("an opinion on 允许类 is accepted")
	}
	for _, o := range p.Sections[1].Fields[0].Columns[0].Options {
		if strings.Contains(o.Label, "允许") {
			t.Errorf("允许类 is an option: %v", o)
		}
	}
	// Row checks: an existing item needs its number and wording; only a deletion may leave
	// the new wording empty.
	f = demo(t, set, p.ID)
	delete(f.Answers["opinions"].([]any)[0].(map[string]any), "item_text")
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("a modification without the item's wording is accepted")
	}
	f = demo(t, set, p.ID)
	row := f.Answers["opinions"].([]any)[0].(map[string]any)
	delete(row, "proposed")
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("a modification without new wording is accepted")
	}
	row["change"] = "delete"
	if ev := programme.Evaluate(p, f, today); ev.Invalid() {
		t.Errorf("a deletion without new wording: %v", ev.Problems)
	}
	if ev := programme.Evaluate(p, f, today); ndrcSheet(t, ev, 1)[0]["修改意见"] != "删除" || ndrcSheet(t, ev, 1)[0]["修改后表述"] != "—" {
		t.Errorf("a deletion's line: %v", ndrcSheet(t, ev, 1)[0])
	}

	// The spreadsheet lists one opinion a line, class and change by their labels.
	f = demo(t, set, p.ID)
	opinions := f.Answers["opinions"].([]any)
	ev := programme.Evaluate(p, f, today)
	rows := ndrcSheet(t, ev, 1)
	if len(rows) != len(opinions) || len(rows) != 3 {
		t.Fatalf("sheet: %d lines, want one per opinion (%d)", len(rows), len(opinions))
	}
	for i, want := range []map[string]string{
		{"序号": "1", "目录类别": "鼓励类", "行业": "十一、石化化工", "条目序号": "第13条", "条目原文": "生物可降解塑料及其系列产品开发、生产与应用", "修改意见": "修改"},
		{"序号": "2", "目录类别": "鼓励类", "条目序号": "（新增条目）", "条目原文": "—", "修改意见": "新增", "修改后表述": "化工园区危险废物和废盐的资源化利用技术开发与应用"},
		{"序号": "3", "目录类别": "淘汰类", "条目序号": "落后生产工艺装备 第9条", "修改意见": "修改"},
	} {
		want["理由及依据"] = opinions[i].(map[string]any)["reason"].(string)
		want["单位名称"] = "江苏常润新材料有限公司"
		for h, w := range want {
			if got, ok := rows[i][h]; !ok || got != w {
				t.Errorf("line %d, %s = %q, want %q", i+1, h, got, w)
			}
		}
	}
	if rows := ndrcSheet(t, ev, 3); len(rows) != 9 || rows[8]["序号"] != "9" || rows[8]["目录类别"] != "淘汰类" {
		t.Errorf("three dossiers: %d lines", len(rows))
	}
	if all := reportText(ev, outputOf(t, ev, "form")); !strings.Contains(all, "\n淘汰类\n") || !strings.Contains(all, "\n鼓励类\n") {
		t.Errorf("form: classes not labelled")
	}
}
