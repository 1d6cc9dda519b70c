package programme_test

import (
	"encoding/json"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

const hebei = "hebei-techreform-2019"

// hebeiInvest sets a consistent investment (total, of which fixed assets) so that only the
// amount under test changes: the fixed assets are all equipment, the rest working capital, all
// of it the enterprise's own funds, no equipment list.
func hebeiInvest(f *dossier.File, total, fixed string) {
	t, x := decimal.MustParse(total), decimal.MustParse(fixed)
	a := f.Answers
	a["total_investment"] = json.Number(total)
	a["fixed_asset_investment"] = json.Number(fixed)
	a["construction_cost"] = json.Number("0")
	a["equipment_investment"] = json.Number(fixed)
	a["other_fixed_cost"] = json.Number("0")
	a["working_capital"] = json.Number(t.Sub(x).String())
	a["self_funds"] = json.Number(total)
	a["bank_loans"] = json.Number("0")
	a["other_funds"] = json.Number("0")
	a["plan_2019"] = json.Number("0")
	a["completed_investment"] = json.Number("0")
	a["equipment"] = []any{}
}

func hebeiKind(f *dossier.File, kind, subtype string, poverty bool) {
	f.Answers["project_kind"] = kind
	f.Answers["project_subtype"] = subtype
	f.Answers["poverty_county"] = poverty
}

// hebeiContinuing makes the demo a continuing project that started in 2018.
func hebeiContinuing(f *dossier.File) {
	f.Answers["stage"] = "continuing"
	f.Answers["start_date"] = "2018-09-01"
	f.Answers["completed_investment"] = json.Number("3100")
}

// Every rule of hebei-techreform-2019 at its boundary: it passes at the threshold and fails
// just past it, and nothing else changes.
func TestHebeiRuleBoundaries(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(hebei)
	cases := []struct {
		name   string
		rule   string
		pass   bool
		mutate func(f *dossier.File)
	}{
		// 二、（三）产业发展项目总投资 2000 万元以上.
		{"industry project exactly 2000", "industry-investment", true, func(f *dossier.File) { hebeiInvest(f, "2000", "1800") }},
		{"industry project 1999.99", "industry-investment", false, func(f *dossier.File) { hebeiInvest(f, "1999.99", "1800") }},
		// 软件、“两化”融合项目投资 1000 万元以上.
		{"software project exactly 1000", "software-investment", true, func(f *dossier.File) {
			hebeiKind(f, "industry", "software", false)
			hebeiInvest(f, "1000", "600")
		}},
		{"software project 999.99", "software-investment", false, func(f *dossier.File) {
			hebeiKind(f, "industry", "software", false)
			hebeiInvest(f, "999.99", "600")
		}},
		{"两化融合 project exactly 1000", "software-investment", true, func(f *dossier.File) {
			hebeiKind(f, "industry", "lianghua", false)
			hebeiInvest(f, "1000", "600")
		}},
		{"两化融合 project 999.99", "software-investment", false, func(f *dossier.File) {
			hebeiKind(f, "industry", "lianghua", false)
			hebeiInvest(f, "999.99", "600")
		}},
		// 公共服务平台项目固定资产投资在 300 万元以上 (the total investment does not matter).
		{"platform fixed assets exactly 300", "platform-fixed-investment", true, func(f *dossier.File) {
			hebeiKind(f, "platform", "general", false)
			hebeiInvest(f, "450", "300")
		}},
		{"platform fixed assets 299.99", "platform-fixed-investment", false, func(f *dossier.File) {
			hebeiKind(f, "platform", "general", false)
			hebeiInvest(f, "5000", "299.99")
		}},
		// 省级及以上贫困县：产业发展项目 1000 万元、公共服务平台项目 200 万元以上即可.
		{"poverty county, industry project exactly 1000", "poverty-industry-investment", true, func(f *dossier.File) {
			hebeiKind(f, "industry", "general", true)
			hebeiInvest(f, "1000", "900")
		}},
		{"poverty county, industry project 999.99", "poverty-industry-investment", false, func(f *dossier.File) {
			hebeiKind(f, "industry", "general", true)
			hebeiInvest(f, "999.99", "900")
		}},
		{"poverty county, software project exactly 1000", "poverty-industry-investment", true, func(f *dossier.File) {
			hebeiKind(f, "industry", "software", true)
			hebeiInvest(f, "1000", "500")
		}},
		{"poverty county, software project 999.99", "poverty-industry-investment", false, func(f *dossier.File) {
			hebeiKind(f, "industry", "software", true)
			hebeiInvest(f, "999.99", "500")
		}},
		{"poverty county, platform fixed assets exactly 200", "poverty-platform-fixed-investment", true, func(f *dossier.File) {
			hebeiKind(f, "platform", "general", true)
			hebeiInvest(f, "260", "200")
		}},
		{"poverty county, platform fixed assets 199.99", "poverty-platform-fixed-investment", false, func(f *dossier.File) {
			hebeiKind(f, "platform", "general", true)
			hebeiInvest(f, "260", "199.99")
		}},
		// 二、（二）.
		{"not a legal person", "legal-person", false, func(f *dossier.File) { f.Answers["legal_person"] = false }},
		{"not capable of the project", "capable", false, func(f *dossier.File) { f.Answers["capable"] = false }},
		{"unlawful", "lawful", false, func(f *dossier.File) { f.Answers["lawful"] = false }},
		{"blacklisted", "not-blacklisted", false, func(f *dossier.File) { f.Enterprise["credit_blacklisted"] = true }},
		{"implemented outside Hebei", "in-hebei", false, func(f *dossier.File) { f.Answers["location_city"] = "outside" }},
		{"implemented in 雄安新区", "in-hebei", true, func(f *dossier.File) {
			f.Answers["location_city"] = "xiongan"
			f.Enterprise["city"] = "雄安新区"
		}},
		// 二、（一）.
		{"outside industrial policy", "fits-policy", false, func(f *dossier.File) { f.Answers["fits_policy"] = false }},
		// 二、（四）续建项目：备案（核准）、环评、土地.
		{"continuing with all approvals", "continuing-filing", true, hebeiContinuing},
		{"continuing without filing", "continuing-filing", false, func(f *dossier.File) {
			hebeiContinuing(f)
			f.Answers["has_filing_or_approval"] = false
		}},
		{"continuing without EIA", "continuing-eia", false, func(f *dossier.File) {
			hebeiContinuing(f)
			f.Answers["has_eia"] = false
		}},
		{"continuing without land", "continuing-land", false, func(f *dossier.File) {
			hebeiContinuing(f)
			f.Answers["has_land"] = false
		}},
		// 新开工项目：备案或核准，2019年拟开工; no EIA or land needed.
		{"new project without EIA and land", "new-filing", true, func(f *dossier.File) {
			f.Answers["has_eia"] = false
			f.Answers["has_land"] = false
		}},
		{"new project without filing", "new-filing", false, func(f *dossier.File) { f.Answers["has_filing_or_approval"] = false }},
		{"new project not starting in 2019", "new-starts-2019", false, func(f *dossier.File) {
			f.Answers["starts_2019"] = false
			f.Answers["start_date"] = "2020-03-01"
		}},
		// 前期项目：正在做可行研究或进行初步设计.
		{"preliminary, feasibility study", "preliminary-work", true, func(f *dossier.File) {
			f.Answers["stage"] = "preliminary"
			f.Answers["preliminary_work"] = "feasibility"
		}},
		{"preliminary, preliminary design", "preliminary-work", true, func(f *dossier.File) {
			f.Answers["stage"] = "preliminary"
			f.Answers["preliminary_work"] = "design"
		}},
		{"preliminary, nothing started", "preliminary-work", false, func(f *dossier.File) {
			f.Answers["stage"] = "preliminary"
			f.Answers["preliminary_work"] = "not-started"
		}},
		// 二、（五）往年计划项目尚未竣工.
		{"earlier list, unfinished", "earlier-list-unfinished", true, func(f *dossier.File) {
			hebeiContinuing(f)
			f.Answers["listed_before"] = true
			f.Answers["listed_before_year"] = json.Number("2018")
			f.Answers["listed_before_completed"] = false
		}},
		{"earlier list, completed", "earlier-list-unfinished", false, func(f *dossier.File) {
			hebeiContinuing(f)
			f.Answers["listed_before"] = true
			f.Answers["listed_before_year"] = json.Number("2017")
			f.Answers["listed_before_completed"] = true
		}},
		// 三、（二）网上申报截止日期为 2019 年 5 月 10 日.
		{"online filing on the deadline day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-05-10" }},
		{"online filing a day late", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-05-11" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := demo(t, set, hebei)
			c.mutate(f)
			assertBoundary(t, programme.Evaluate(p, f, today), c.rule, c.pass, false)
		})
	}
}

// Exactly one investment threshold applies to each kind of project, and the poverty-county
// reduction replaces the normal threshold rather than adding to it.
func TestHebeiOneInvestmentThreshold(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(hebei)
	thresholds := []string{"industry-investment", "software-investment", "poverty-industry-investment",
		"platform-fixed-investment", "poverty-platform-fixed-investment"}
	cases := []struct {
		kind, subtype string
		poverty       bool
		want          string
	}{
		{"industry", "general", false, "industry-investment"},
		{"industry", "software", false, "software-investment"},
		{"industry", "lianghua", false, "software-investment"},
		{"industry", "general", true, "poverty-industry-investment"},
		{"industry", "lianghua", true, "poverty-industry-investment"},
		{"platform", "general", false, "platform-fixed-investment"},
		{"platform", "software", true, "poverty-platform-fixed-investment"},
	}
	for _, c := range cases {
		f := demo(t, set, hebei)
		hebeiKind(f, c.kind, c.subtype, c.poverty)
		ev := programme.Evaluate(p, f, today)
		for _, id := range thresholds {
			if got := ruleOf(t, ev, id).Applies; got != (id == c.want) {
				t.Errorf("%s/%s poverty=%v: %s applies=%v", c.kind, c.subtype, c.poverty, id, got)
			}
		}
	}
	// A platform's total investment far below 2000 does not matter.
	f := demo(t, set, hebei)
	hebeiKind(f, "platform", "general", false)
	hebeiInvest(f, "320", "300")
	if ev := programme.Evaluate(p, f, today); !ev.Eligible() {
		t.Errorf("platform with 300 fixed assets of 320 total: problems %v rules %v", ev.Problems, ev.Rules)
	}
}

// The stage-specific questions show only for their stage and are only required there.
func TestHebeiStageQuestions(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(hebei)

	// A preliminary project: no approvals asked, but the preliminary work is.
	f := demo(t, set, hebei)
	f.Answers["stage"] = "preliminary"
	for _, k := range []string{"has_filing_or_approval", "filing_no", "has_eia", "eia_doc", "has_land", "land_doc", "energy_doc", "starts_2019"} {
		delete(f.Answers, k)
	}
	ev := programme.Evaluate(p, f, today)
	if ev.Visible("approvals") || ev.Visible("starts_2019") || !ev.Visible("preliminary") {
		t.Error("preliminary project: wrong sections visible")
	}
	if len(ev.Problems) != 1 || !strings.Contains(ev.Problems[0].Message, "前期工作进展") || !strings.HasSuffix(ev.Problems[0].Message, "未填写") {
		t.Fatalf("want only 前期工作进展 missing, got %v", ev.Problems)
	}
	f.Answers["preliminary_work"] = "design"
	ev = programme.Evaluate(p, f, today)
	if ev.Invalid() || !ev.Eligible() {
		t.Fatalf("preliminary project in design: problems %v rules %v", ev.Problems, ev.Rules)
	}
	for _, id := range []string{"continuing-filing", "continuing-eia", "continuing-land", "new-filing", "new-starts-2019"} {
		if ruleOf(t, ev, id).Applies {
			t.Errorf("%s applies to a preliminary project", id)
		}
	}

	// A continuing project is not asked whether it starts in 2019, and needs no answer to it.
	f = demo(t, set, hebei)
	hebeiContinuing(f)
	delete(f.Answers, "starts_2019")
	ev = programme.Evaluate(p, f, today)
	if ev.Visible("starts_2019") || !ev.Visible("has_eia") {
		t.Error("continuing project: wrong questions visible")
	}
	if ev.Invalid() || !ev.Eligible() {
		t.Fatalf("continuing project: problems %v rules %v", ev.Problems, ev.Rules)
	}

	// A new project must answer the approval questions; a missing document number is reported.
	f = demo(t, set, hebei)
	delete(f.Answers, "starts_2019")
	delete(f.Answers, "filing_no")
	ev = programme.Evaluate(p, f, today)
	missing := 0
	for _, pr := range ev.Problems {
		if strings.HasSuffix(pr.Message, "未填写") {
			missing++
		}
	}
	if missing != 2 {
		t.Errorf("want 2 fields missing (starts_2019, filing_no), got %v", ev.Problems)
	}

	// A platform is not asked for an industry subtype or a 改造类型.
	f = demo(t, set, hebei)
	f.Answers["project_kind"] = "platform"
	delete(f.Answers, "project_subtype")
	delete(f.Answers, "reform_type")
	f.Answers["platform_services"] = []any{"检测", "技术支持"}
	ev = programme.Evaluate(p, f, today)
	if ev.Visible("project_subtype") || ev.Visible("reform_type") || !ev.Visible("platform_services") {
		t.Error("platform project: wrong questions visible")
	}
	if ev.Invalid() || !ev.Eligible() {
		t.Fatalf("platform project: problems %v rules %v", ev.Problems, ev.Rules)
	}
}

// Inconsistent investment figures are shown as warnings; they do not hide the rules' verdict.
func TestHebeiInvestmentWarnings(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(hebei)
	f := demo(t, set, hebei)
	f.Answers["total_investment"] = json.Number("1999.99")
	ev := programme.Evaluate(p, f, today)
	if ev.Invalid() {
		t.Fatalf("a mismatched total made the data invalid: %v", ev.Problems)
	}
	var got []string
	for _, pr := range ev.Problems {
		if !pr.Warning {
			t.Errorf("not a warning: %s", pr.Message)
		}
		got = append(got, pr.Message)
	}
	for _, want := range []string{"不能大于项目总投资", "应等于项目总投资"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("no warning %q in %v", want, got)
		}
	}
	if r := ruleOf(t, ev, "industry-investment"); r.Passed || !strings.Contains(r.Message, "尚差 0.01 万元") {
		t.Errorf("industry-investment: %s", r.Message)
	}
	f = demo(t, set, hebei)
	f.Answers["end_date"] = "2019-01-01"
	if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
		t.Error("a completion date before the start is accepted")
	}
}

// The summary sheet is titled with the enterprise's city; the reports render every text.
func TestHebeiOutputs(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(hebei)
	f := demo(t, set, hebei)
	f.Answers["stage"] = "preliminary"
	f.Answers["preliminary_work"] = "feasibility"
	f.Enterprise["city"] = "石家庄市"
	f.Answers["location_city"] = "shijiazhuang"
	f.Answers["location_county"] = "行唐县"
	f.Answers["poverty_county"] = true
	ev := programme.Evaluate(p, f, today)
	if !ev.Eligible() {
		t.Fatalf("not eligible: %v %v", ev.Problems, ev.Rules)
	}
	var files []string
	for _, o := range ev.Outputs() {
		files = append(files, o.File)
		switch o.Kind {
		case programme.KindSheet:
			sh, err := programme.BuildSheet(o, []*programme.Evaluation{ev})
			if err != nil {
				t.Fatal(err)
			}
			if sh.Title != "2019年石家庄市上报千项技改项目汇总表" {
				t.Errorf("sheet title %q", sh.Title)
			}
			row := map[string]string{}
			for i, c := range sh.Columns {
				row[c.Header] = sh.Rows[0][i].Text + sh.Rows[0][i].Number
			}
			for h, want := range map[string]string{"设区市": "石家庄市", "项目进展": "前期项目", "备案（核准）文号": "未取得",
				"是否省级及以上贫困县": "是", "优先支持条件": "优势企业、京津产业转移重点企业", "总投资": "8600.00",
				"环评/能评/土地手续": "前期项目（正在做可行性研究）"} {
				if row[h] != want {
					t.Errorf("sheet column %s = %q, want %q", h, row[h], want)
				}
			}
		case programme.KindReport:
			all := reportText(ev, o)
			if strings.Contains(all, "无法计算") {
				t.Errorf("%s: a text could not be computed", o.File)
			}
			if !strings.Contains(all, "石家庄市") {
				t.Errorf("%s does not name the city", o.File)
			}
		}
	}
	if len(files) != 3 {
		t.Errorf("outputs %v, want the 申报表, the 汇总表 and the letter", files)
	}
}
