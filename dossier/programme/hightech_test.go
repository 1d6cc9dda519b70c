package programme_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/document"
	"dossier/dossier/programme"
	"dossier/dossier/validate"
)

// The two 高新技术企业认定 templates (shanxi-hightech-2019, ningbo-hightech-2019): every rule at
// its boundary, the deadline batches, the conditional 入库登记编号, and the cross-references of the
// 申请书's numbered tables.

var hightechIDs = []string{"shanxi-hightech-2019", "ningbo-hightech-2019"}

func num(s string) json.Number { return json.Number(s) }

// rows returns a table of the answers as raw rows.
func rows(f *dossier.File, table string) []map[string]any {
	var out []map[string]any
	for _, r := range f.Answers[table].([]any) {
		out = append(out, r.(map[string]any))
	}
	return out
}

func yearOf(v any) int {
	n, _ := v.(json.Number).Int64()
	return int(n)
}

// setRD sets one year's R&D expense and its domestic part, and keeps the 申请书's tables
// consistent with it: the year's cost-structure row (domestic part as staff cost, the rest as
// foreign contracted R&D) and the R&D activities' spending of that year (all on RD01).
func setRD(f *dossier.File, year int, rd, domestic string) {
	setFin(f, year, "rd_expense", num(rd))
	setFin(f, year, "rd_expense_domestic", num(domestic))
	external := decimal.MustParse(rd).Sub(decimal.MustParse(domestic)).String()
	for _, r := range rows(f, "rd_costs") {
		if yearOf(r["year"]) != year {
			continue
		}
		for _, k := range []string{"direct", "depreciation", "amortization", "design", "trial", "other", "external_domestic"} {
			r[k] = num("0")
		}
		r["staff"] = num(domestic)
		r["external"] = num(external)
	}
	// The year's structure by activity: all of it on RD01.
	items := []any{map[string]any{"cost_year": num(fmt.Sprint(year)), "activity": "RD01", "staff": num(domestic), "external": num(external),
		"direct": num("0"), "depreciation": num("0"), "amortization": num("0"), "design": num("0"), "trial": num("0"), "other": num("0"), "external_domestic": num("0")}}
	for _, it := range rows(f, "rd_cost_items") {
		if yearOf(it["cost_year"]) != year {
			items = append(items, it)
		}
	}
	f.Answers["rd_cost_items"] = items
	col := fmt.Sprintf("spend_%d", year-2015) // the demos' three years are 2016–2018
	for i, r := range rows(f, "rd") {
		r[col] = num("0")
		if i == 0 {
			r[col] = num(rd)
		}
	}
}

// setSales sets the sales revenue of 2016, 2017 and 2018.
func setSales(f *dossier.File, y2016, y2017, y2018 string) {
	setFin(f, 2016, "sales_revenue", num(y2016))
	setFin(f, 2017, "sales_revenue", num(y2017))
	setFin(f, 2018, "sales_revenue", num(y2018))
}

// setRD3 sets the three years' R&D expense, all of it domestic.
func setRD3(f *dossier.File, y2016, y2017, y2018 string) {
	setRD(f, 2016, y2016, y2016)
	setRD(f, 2017, y2017, y2017)
	setRD(f, 2018, y2018, y2018)
}

// setProducts sets the products' incomes (PS01, PS02 are the main products) and the 2018
// high-tech income and main-products income to match.
func setProducts(f *dossier.File, ps1, ps2, ps3 string) {
	ps := rows(f, "ps")
	ps[0]["income"], ps[1]["income"], ps[2]["income"] = num(ps1), num(ps2), num(ps3)
	d := decimal.MustParse
	setFin(f, 2018, "hightech_income", num(d(ps1).Add(d(ps2)).Add(d(ps3)).String()))
	f.Answers["main_products_income"] = num(d(ps1).Add(d(ps2)).String())
}

// setEmployees changes the head count and keeps the HR table's totals consistent.
func setEmployees(f *dossier.File, employees, tech int) {
	f.Enterprise["employees"] = num(fmt.Sprint(employees))
	f.Enterprise["tech_staff"] = num(fmt.Sprint(tech))
	part, _ := f.Answers["staff_parttime"].(json.Number).Int64()
	f.Answers["staff_fulltime"] = num(fmt.Sprint(int64(employees) - part))
	var others int64
	for _, k := range []string{"edu_doctor", "edu_master", "edu_bachelor"} {
		n, _ := f.Answers[k].(json.Number).Int64()
		others += n
	}
	f.Answers["edu_college"] = num(fmt.Sprint(int64(employees) - others))
	others = 0
	for _, k := range []string{"age_30", "age_31_40", "age_41_50"} {
		n, _ := f.Answers[k].(json.Number).Int64()
		others += n
	}
	f.Answers["age_51"] = num(fmt.Sprint(int64(employees) - others))
}

func scores(ip, conversion, rdManagement, growth int) map[string]any {
	return map[string]any{"ip": num(fmt.Sprint(ip)), "conversion": num(fmt.Sprint(conversion)),
		"rd_management": num(fmt.Sprint(rdManagement)), "growth": num(fmt.Sprint(growth))}
}

// errors are the problems that make the data invalid (warnings, such as a self-score above the
// growth band after a test changed the sales, are allowed).
func errorsOf(ev *programme.Evaluation) []programme.Problem {
	var out []programme.Problem
	for _, p := range ev.Problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

type ruleCase struct {
	name   string
	rule   string
	pass   bool
	mutate func(f *dossier.File)
}

// runRuleCases checks each case: the data stays valid, the named rule applies and passes or
// fails as wanted, and no other rule fails.
func runRuleCases(t *testing.T, id string, cases []ruleCase) {
	set := loadShipped(t)
	p := set.Get(id)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := demo(t, set, id)
			c.mutate(f)
			assertBoundary(t, programme.Evaluate(p, f, today), c.rule, c.pass, true)
		})
	}
}

// The rules both templates share (the national conditions 国科发火〔2016〕32号 第十一条).
func commonCases() []ruleCase {
	return []ruleCase{
		{"tech staff exactly 10%", "tech-staff-ratio", true, func(f *dossier.File) { setEmployees(f, 420, 42) }},
		{"tech staff just under 10%", "tech-staff-ratio", false, func(f *dossier.File) { setEmployees(f, 421, 42) }},

		// One rule, rd-ratio, whose threshold follows the last year's sales (TestHightechRDTier).
		// 最近一年销售收入 5,000万元（含）以下: 5%.
		{"sales 5000 exactly, R&D exactly 5%", "rd-ratio", true, func(f *dossier.File) {
			setSales(f, "2000.00", "3000.00", "5000.00")
			setRD3(f, "150.00", "150.00", "200.00")
		}},
		{"sales 5000 exactly, R&D just under 5%", "rd-ratio", false, func(f *dossier.File) {
			setSales(f, "2000.00", "3000.00", "5000.00")
			setRD3(f, "150.00", "150.00", "199.99")
		}},
		{"sales 5000 exactly, R&D 4% is not enough", "rd-ratio", false, func(f *dossier.File) {
			setSales(f, "2000.00", "3000.00", "5000.00")
			setRD3(f, "100.00", "100.00", "200.00")
		}},
		// 5,000万元至2亿元（含）: 4%.
		{"sales 5000.01, R&D exactly 4%", "rd-ratio", true, func(f *dossier.File) {
			setSales(f, "2000.00", "2999.99", "5000.01")
			setRD3(f, "100.00", "100.00", "200.00")
		}},
		{"sales 20000 exactly, R&D exactly 4%", "rd-ratio", true, func(f *dossier.File) {
			setSales(f, "10000.00", "10000.00", "20000.00")
			setRD3(f, "500.00", "500.00", "600.00")
		}},
		{"sales 20000 exactly, R&D just under 4%", "rd-ratio", false, func(f *dossier.File) {
			setSales(f, "10000.00", "10000.00", "20000.00")
			setRD3(f, "500.00", "500.00", "599.99")
		}},
		{"sales 20000 exactly, R&D 3% is not enough", "rd-ratio", false, func(f *dossier.File) {
			setSales(f, "10000.00", "10000.00", "20000.00")
			setRD3(f, "400.00", "400.00", "400.00")
		}},
		// 2亿元以上: 3%.
		{"sales 20000.01, R&D exactly 3%", "rd-ratio", true, func(f *dossier.File) {
			setSales(f, "9999.99", "10000.00", "20000.01")
			setRD3(f, "400.00", "400.00", "400.00")
		}},
		{"sales 20000.01, R&D just under 3%", "rd-ratio", false, func(f *dossier.File) {
			setSales(f, "9999.99", "10000.00", "20000.01")
			setRD3(f, "400.00", "400.00", "399.99")
		}},

		{"domestic R&D exactly 60%", "rd-domestic", true, func(f *dossier.File) {
			setSales(f, "10000.00", "10000.00", "15000.00")
			setRD(f, 2016, "500.00", "300.00")
			setRD(f, 2017, "500.00", "300.00")
			setRD(f, 2018, "600.00", "360.00")
		}},
		{"domestic R&D just under 60%", "rd-domestic", false, func(f *dossier.File) {
			setSales(f, "10000.00", "10000.00", "15000.00")
			setRD(f, 2016, "500.00", "300.00")
			setRD(f, 2017, "500.00", "300.00")
			setRD(f, 2018, "600.00", "359.99")
		}},

		{"high-tech income exactly 60%", "hightech-income", true, func(f *dossier.File) {
			setFin(f, 2018, "total_income", num("25000.00"))
			setProducts(f, "9000.00", "4500.00", "1500.00")
		}},
		{"high-tech income just under 60%", "hightech-income", false, func(f *dossier.File) {
			setFin(f, 2018, "total_income", num("25000.01"))
			setProducts(f, "9000.00", "4500.00", "1500.00")
		}},

		{"innovation score 71", "innovation-score", true, func(f *dossier.File) { f.Answers["innovation_scores"] = scores(27, 18, 17, 9) }},
		{"innovation score 70", "innovation-score", false, func(f *dossier.File) { f.Answers["innovation_scores"] = scores(27, 18, 17, 8) }},
		{"innovation score at every maximum", "innovation-score", true, func(f *dossier.File) { f.Answers["innovation_scores"] = scores(30, 30, 20, 20) }},

		{"no core IP", "core-ip-owned", false, func(f *dossier.File) { f.Answers["core_ip_owned"] = false }},
		{"another of the 8 fields", "tech-field", true, func(f *dossier.File) { f.Answers["tech_field"] = "电子信息" }},
		{"outside the 8 fields", "tech-field", false, func(f *dossier.File) { f.Answers["tech_field"] = "其他" }},
		{"major incident", "no-major-incident", false, func(f *dossier.File) { f.Answers["major_incident_last_year"] = true }},
	}
}

func TestShanxiHightechRuleBoundaries(t *testing.T) {
	cases := append(commonCases(),
		// 注册成立一年以上 (applied 2019-05-20).
		ruleCase{"registered exactly one year", "registered-one-year", true, func(f *dossier.File) { f.Enterprise["registered_on"] = "2018-05-20" }},
		ruleCase{"registered one day short of a year", "registered-one-year", false, func(f *dossier.File) { f.Enterprise["registered_on"] = "2018-05-21" }},
		ruleCase{"registered in Hebei", "registered-in-shanxi", false, func(f *dossier.File) { f.Enterprise["province"] = "河北省" }},
		// 三批：5月31日、7月31日、9月30日; the next batch on or after the application date applies.
		ruleCase{"first batch on its last day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-05-31" }},
		ruleCase{"second batch on its first day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-06-01" }},
		ruleCase{"second batch on its last day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-07-31" }},
		ruleCase{"third batch on its last day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-09-30" }},
		ruleCase{"after the third batch", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-10-01" }},
	)
	runRuleCases(t, "shanxi-hightech-2019", cases)
}

func TestNingboHightechRuleBoundaries(t *testing.T) {
	cases := append(commonCases(),
		// 在我市注册成立一年（满365日历天数）以上 (applied 2019-06-20).
		ruleCase{"registered exactly 365 days", "registered-365-days", true, func(f *dossier.File) { f.Enterprise["registered_on"] = "2018-06-20" }},
		ruleCase{"registered 364 days", "registered-365-days", false, func(f *dossier.File) { f.Enterprise["registered_on"] = "2018-06-21" }},
		ruleCase{"registered in Hangzhou", "registered-in-ningbo", false, func(f *dossier.File) { f.Enterprise["city"] = "杭州市" }},
		ruleCase{"not a resident enterprise", "resident-enterprise", false, func(f *dossier.File) { f.Answers["resident_enterprise"] = false }},
		// 主要产品（服务）收入之和在同期高新技术产品（服务）收入中超过50%.
		ruleCase{"main products exactly 50%", "main-products-income", false, func(f *dossier.File) {
			setProducts(f, "5000.00", "3825.40", "8825.40")
		}},
		ruleCase{"main products just over 50%", "main-products-income", true, func(f *dossier.File) {
			setProducts(f, "5000.01", "3825.40", "8825.39")
		}},
		ruleCase{"online filing on its last day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-06-30" }},
		ruleCase{"online filing a day late", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-07-01" }},
	)
	runRuleCases(t, "ningbo-hightech-2019", cases)
}

// The deadline that applies is the batch the application date falls into.
func TestShanxiHightechBatches(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-hightech-2019")
	for _, c := range []struct{ applied, label, date string }{
		{"2019-04-10", "第一批", "2019-05-31"},
		{"2019-05-31", "第一批", "2019-05-31"},
		{"2019-06-01", "第二批", "2019-07-31"},
		{"2019-07-31", "第二批", "2019-07-31"},
		{"2019-08-01", "第三批", "2019-09-30"},
		{"2019-10-01", "第三批", "2019-09-30"},
	} {
		f := demo(t, set, p.ID)
		f.AppliedOn = c.applied
		ev := programme.Evaluate(p, f, today)
		if ev.DeadlineLabel != c.label || ev.Deadline.Format("2006-01-02") != c.date {
			t.Errorf("applied %s: deadline %s %s, want %s %s", c.applied, ev.DeadlineLabel, ev.Deadline.Format("2006-01-02"), c.label, c.date)
		}
	}
}

// A 科技型中小企业 must give its 入库登记编号; other firms need not, and the field is hidden.
func TestHightechSMENumber(t *testing.T) {
	set := loadShipped(t)
	for _, id := range hightechIDs {
		p := set.Get(id)
		f := demo(t, set, id)
		f.Answers["is_tech_sme"] = true
		delete(f.Answers, "sme_registration_no")
		ev := programme.Evaluate(p, f, today)
		if !ev.Visible("sme_registration_no") || !hasProblem(ev, "sme_registration_no", "未填写") {
			t.Errorf("%s: an SME without its number: %v", id, ev.Problems)
		}
		f.Answers["sme_registration_no"] = "   "
		if ev = programme.Evaluate(p, f, today); !hasProblem(ev, "sme_registration_no", "未填写") {
			t.Errorf("%s: an SME with a blank number: %v", id, ev.Problems)
		}
		f.Answers["sme_registration_no"] = "201914010500000217"
		if ev = programme.Evaluate(p, f, today); len(errorsOf(ev)) != 0 || !ev.Eligible() {
			t.Errorf("%s: an SME with its number: %v", id, ev.Problems)
		}
		f.Answers["is_tech_sme"] = false
		delete(f.Answers, "sme_registration_no")
		ev = programme.Evaluate(p, f, today)
		if ev.Visible("sme_registration_no") || len(errorsOf(ev)) != 0 || !ev.Eligible() {
			t.Errorf("%s: a firm that is no SME needs no number: visible=%v %v", id, ev.Visible("sme_registration_no"), ev.Problems)
		}
	}
}

func hasProblem(ev *programme.Evaluation, field, want string) bool {
	for _, pr := range ev.Problems {
		if pr.Field == field && strings.Contains(pr.Message, want) && !pr.Warning {
			return true
		}
	}
	return false
}

// The 申请书's tables must agree with each other and with the finance data: references name
// existing rows, each year's costs add up, products add up to the high-tech income, and the
// innovation scores stay within each part's maximum in whole points.
func TestHightechDataProblems(t *testing.T) {
	cases := []struct {
		name, field, want string
		mutate            func(f *dossier.File)
	}{
		{"RD refers to a missing IP", "rd[1].ip_refs", "引用的编号“IP09”不存在", func(f *dossier.File) {
			rows(f, "rd")[1]["ip_refs"] = []any{"IP02", "IP09"}
		}},
		{"product refers to a missing IP", "ps[0].ip_refs", "引用的编号“IP07”不存在", func(f *dossier.File) {
			rows(f, "ps")[0]["ip_refs"] = "IP01、IP07"
		}},
		{"conversion refers to a missing RD", "conversions[0].rd_refs", "引用的编号“RD09”不存在", func(f *dossier.File) {
			rows(f, "conversions")[0]["rd_refs"] = "RD09"
		}},
		{"conversion refers to a missing product", "conversions[0].ps_refs", "引用的编号“PS04”不存在", func(f *dossier.File) {
			rows(f, "conversions")[0]["ps_refs"] = "PS04"
		}},
		{"main product without IP", "ps[0].ip_refs", "应填写对其发挥核心支持作用的知识产权编号", func(f *dossier.File) {
			rows(f, "ps")[0]["ip_refs"] = ""
		}},
		{"a year's cost structure does not add up", "rd_costs[1].staff", "与财务数据中的研发费用", func(f *dossier.File) {
			r := rows(f, "rd_costs")[1]
			r["other"] = num(decimal.MustParse(string(r["other"].(json.Number))).Add(decimal.MustParse("0.01")).String())
		}},
		{"activities' spending of a year does not add up", "rd", "年支出合计", func(f *dossier.File) {
			rows(f, "rd")[1]["spend_2"] = num("150.01")
		}},
		{"products do not add up to the high-tech income", "ps", "应等于2018年高新技术产品（服务）收入", func(f *dossier.File) {
			rows(f, "ps")[2]["income"] = num("1000.00")
		}},
		{"main-products income differs from the product table", "main_products_income", "应等于产品表中标为主要产品", func(f *dossier.File) {
			f.Answers["main_products_income"] = num("1.00")
		}},
		{"IP class does not match its kind", "ip[2].class", "类别与类型不符", func(f *dossier.File) {
			rows(f, "ip")[2]["class"] = "I"
		}},
		{"IP part of the score over 30", "innovation_scores.ip", "应不大于 30", func(f *dossier.File) {
			f.Answers["innovation_scores"] = scores(31, 18, 17, 10)
		}},
		{"growth part of the score over 20", "innovation_scores.growth", "应不大于 20", func(f *dossier.File) {
			f.Answers["innovation_scores"] = scores(26, 18, 17, 21)
		}},
		{"a score in half points", "innovation_scores.conversion", "不是整数", func(f *dossier.File) {
			f.Answers["innovation_scores"] = map[string]any{"ip": num("26"), "conversion": num("18.5"), "rd_management": num("17"), "growth": num("10")}
		}},
		{"an essay over 400 字", "essay_ip", "字数超过限制", func(f *dossier.File) {
			f.Answers["essay_ip"] = strings.Repeat("知", 401)
		}},
		{"HR does not add up", "staff_fulltime", "应等于职工总数", func(f *dossier.File) {
			f.Answers["staff_parttime"] = num("100")
		}},
		{"no cost row for 2017", "rd_costs", "每年填一行", func(f *dossier.File) {
			var keep []any
			for _, r := range rows(f, "rd_costs") {
				if yearOf(r["year"]) != 2017 {
					keep = append(keep, r)
				}
			}
			f.Answers["rd_costs"] = keep
		}},
	}
	set := loadShipped(t)
	for _, id := range hightechIDs {
		for _, c := range cases {
			t.Run(id+"/"+c.name, func(t *testing.T) {
				f := demo(t, set, id)
				c.mutate(f)
				ev := programme.Evaluate(set.Get(id), f, today)
				if !hasProblem(ev, c.field, c.want) {
					t.Fatalf("want a problem at %s containing %q, got %+v", c.field, c.want, ev.Problems)
				}
				if ev.Eligible() {
					t.Error("invalid data judged eligible")
				}
			})
		}
	}
}

// Ningbo's notice: co-owned IP needs the other owners' waiver, and IP must be in force in China.
func TestNingboIPNotes(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("ningbo-hightech-2019")
	f := demo(t, set, p.ID)
	rows(f, "ip")[1]["waiver_provided"] = false
	rows(f, "ip")[2]["in_force"] = false
	ev := programme.Evaluate(p, f, today)
	if !hasProblem(ev, "ip[1].waiver_provided", "放弃") || !hasProblem(ev, "ip[2].in_force", "有效保护期") {
		t.Fatalf("problems: %+v", ev.Problems)
	}
}

// The demos' credit codes carry their GB 32100 check characters, and the 申请书 lists the IP
// table with its numbers (Ningbo: Ⅰ类 before Ⅱ类).
func TestHightechDemos(t *testing.T) {
	set := loadShipped(t)
	for _, id := range hightechIDs {
		f := demo(t, set, id)
		for _, code := range []string{f.Enterprise["credit_code"].(string), f.Answers["agency_credit_code"].(string)} {
			if got := validate.CreditCheckChar(code[:17]); got != code[17] {
				t.Errorf("%s: %s check character %c, want %c", id, code, code[17], got)
			}
		}
		p := set.Get(id)
		ev := programme.Evaluate(p, f, today)
		if len(ev.Problems) != 0 {
			t.Errorf("%s demo has problems (warnings included): %v", id, ev.Problems)
		}
		rep := ev.Report(ev.Outputs()[0], today)
		if rep.Cover == nil || !strings.Contains(fmt.Sprint(rep.Cover.Lines), f.Answers["system_no"].(string)) {
			t.Errorf("%s: cover lacks the 系统填报号: %+v", id, rep.Cover)
		}
		found := false
		for _, b := range rep.Blocks {
			if strings.Contains(fmt.Sprintf("%+v", b), "本申请书上填写的有关内容和提交的资料均准确、真实、合法、有效、无涉密信息，本企业愿为此承担有关法律责任。") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: the 声明 is missing", id)
		}
	}
}

// The R&D-ratio rule names the tier that applies in its threshold: the last year's sales, the
// notice's band and its percentage, and nothing of the other bands.
func TestHightechRDTier(t *testing.T) {
	set := loadShipped(t)
	tiers := []struct{ y2018, band, min string }{
		{"5000.00", "小于5,000万元（含）", "不低于5%"},
		{"5000.01", "在5,000万元至2亿元（含）", "不低于4%"},
		{"20000.00", "在5,000万元至2亿元（含）", "不低于4%"},
		{"20000.01", "在2亿元以上", "不低于3%"},
	}
	for _, id := range hightechIDs {
		for _, c := range tiers {
			f := demo(t, set, id)
			setSales(f, "10000.00", "10000.00", c.y2018)
			setRD3(f, "1000.00", "1000.00", "1000.00")
			r := ruleOf(t, programme.Evaluate(set.Get(id), f, today), "rd-ratio")
			amount := decimal.MustParse(c.y2018).Grouped(2)
			if !strings.Contains(r.Threshold, c.band) || !strings.Contains(r.Threshold, c.min) || !strings.Contains(r.Threshold, amount) {
				t.Errorf("%s, 2018 sales %s: threshold %q, want %q, %q and %s", id, c.y2018, r.Threshold, c.band, c.min, amount)
			}
			for _, other := range []string{"不低于5%", "不低于4%", "不低于3%"} {
				if other != c.min && strings.Contains(r.Threshold, other) {
					t.Errorf("%s, 2018 sales %s: threshold %q also names %s", id, c.y2018, r.Threshold, other)
				}
			}
		}
	}
}

// The 申请书 has one 研究开发活动情况表 per RD and one 上年度高新技术产品（服务）情况表 per PS
// (按单一活动填报), each with its three ≤400字 texts; 近三年经营情况 has the three years with
// 利润总额; Ningbo lists Ⅰ类 and Ⅱ类 IP in separate tables.
func TestHightechApplicationTables(t *testing.T) {
	set := loadShipped(t)
	for _, id := range hightechIDs {
		f := demo(t, set, id)
		ev := programme.Evaluate(set.Get(id), f, today)
		rep := ev.Report(ev.Outputs()[0], today)
		var kvs []*document.KeyValues
		var tables []*document.Table
		for _, b := range rep.Blocks {
			switch x := b.(type) {
			case *document.KeyValues:
				kvs = append(kvs, x)
			case *document.Table:
				tables = append(tables, x)
			}
		}
		pairs := func(prefix string) map[string][]document.Pair {
			out := map[string][]document.Pair{}
			for _, kv := range kvs {
				if strings.HasPrefix(kv.Caption, prefix) {
					out[kv.Caption] = kv.Pairs
				}
			}
			return out
		}
		value := func(ps []document.Pair, label string) string {
			for _, p := range ps {
				if strings.HasPrefix(p.Label, label) {
					return p.Value
				}
			}
			return "（缺）"
		}
		rd, ps := rows(f, "rd"), rows(f, "ps")
		rdTables, psTables := pairs("表8-"), pairs("表11-")
		if len(rdTables) != len(rd) || len(psTables) != len(ps) {
			t.Fatalf("%s: %d 研究开发活动情况表 for %d RD, %d 产品（服务）情况表 for %d PS", id, len(rdTables), len(rd), len(psTables), len(ps))
		}
		for i, r := range rd {
			no := fmt.Sprintf("RD%02d", i+1)
			kv := rdTables[fmt.Sprintf("表8-%d 企业研究开发活动情况表（%s）", i+1, no)]
			if value(kv, "研发活动编号") != no || value(kv, "研发活动名称") != r["name"] || value(kv, "核心技术及创新点") != r["innovation"] {
				t.Errorf("%s: the table of %s: %+v", id, no, kv)
			}
			amount := func(k string) string { return decimal.MustParse(string(r[k].(json.Number))).Grouped(2) + " 万元" }
			if value(kv, "研发经费总预算") != amount("budget") || value(kv, "其中：第一年") != amount("spend_1") || value(kv, "第三年") != amount("spend_3") {
				t.Errorf("%s: %s amounts: %+v", id, no, kv)
			}
		}
		for i, r := range ps {
			no := fmt.Sprintf("PS%02d", i+1)
			kv := psTables[fmt.Sprintf("表11-%d 上年度高新技术产品（服务）情况表（%s）", i+1, no)]
			if value(kv, "产品（服务）名称") != r["name"] || value(kv, "关键技术及主要技术指标") != r["key_tech"] || value(kv, "知识产权获得情况") != r["ip_support"] {
				t.Errorf("%s: the table of %s: %+v", id, no, kv)
			}
		}
		byCaption := map[string]*document.Table{}
		for _, tb := range tables {
			byCaption[strings.Fields(tb.Caption)[0]] = tb
		}
		if fin := byCaption["表3"]; fin == nil || len(fin.Rows) != 3 || fin.Columns[3].Header != "利润总额" || fin.Rows[2][3] == "" {
			t.Errorf("%s: 近三年经营情况: %+v", id, fin)
		}
		if id != "ningbo-hightech-2019" {
			continue
		}
		class := map[string]string{}
		for i, r := range rows(f, "ip") {
			class[fmt.Sprintf("IP%02d", i+1)] = r["class"].(string)
		}
		for caption, want := range map[string]string{"表5-1": "I", "表5-2": "II"} {
			tb := byCaption[caption]
			n := 0
			for _, c := range class {
				if c == want {
					n++
				}
			}
			if tb == nil || len(tb.Rows) != n {
				t.Fatalf("%s: %s should list the %d IP of class %s: %+v", id, caption, n, want, tb)
			}
			for _, row := range tb.Rows {
				if class[row[0]] != want {
					t.Errorf("%s: %s lists %s of class %s", id, caption, row[0], class[row[0]])
				}
			}
		}
	}
}
