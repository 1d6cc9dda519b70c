package programme_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// crafted is a profile-only data file just short of several thresholds: 2018 主营业务收入
// 1,499.99 万元 (1,500 required: 0.01 short), 21 of 220 staff in R&D (10% required: one person
// short), registered 364 days before the application date (one year required: one day short),
// R&D 4% of sales (5% required), 高新技术 income 25% of total (60% required).
const crafted = `{"format": 1, "applied_on": "2019-04-01", "enterprise": {
  "name": "山西边界科技有限公司", "credit_code": "91140100MA0GRX123G", "registered_on": "2018-04-02",
  "province": "山西省", "city": "太原市", "industry_section": "C", "employees": 220, "tech_staff": 21,
  "credit_blacklisted": false,
  "finance": [
    {"year": 2016, "sales_revenue": 1000, "main_revenue": 900, "total_income": 2000, "rd_expense": 40, "rd_expense_domestic": 40, "hightech_income": 500},
    {"year": 2017, "sales_revenue": 1000, "main_revenue": 900, "total_income": 2000, "rd_expense": 40, "rd_expense_domestic": 40, "hightech_income": 500},
    {"year": 2018, "sales_revenue": 1000, "main_revenue": 1499.99, "total_income": 2000, "rd_expense": 40, "rd_expense_domestic": 40, "hightech_income": 500}]}}`

func decodeString(t testing.TB, s string) *dossier.File {
	t.Helper()
	f, err := dossier.Decode(bytes.NewReader([]byte(s)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// summary is a match as one line: verdict, then the gaps (or rule ids without one).
func summary(m programme.MatchResult) string {
	parts := []string{m.Verdict}
	for _, u := range m.Unmet {
		if u.Gap != "" {
			parts = append(parts, u.Gap)
		} else {
			parts = append(parts, u.Rule+"（无差距数字）")
		}
	}
	return strings.Join(parts, " | ")
}

func matchAll(t testing.TB, set *programme.Set, src string, today time.Time) map[string]programme.MatchResult {
	t.Helper()
	results, problems := programme.MatchAll(set, decodeString(t, src), today)
	for _, p := range problems {
		if !p.Warning {
			t.Fatalf("crafted profile has a problem: %s", p.Message)
		}
	}
	out := map[string]programme.MatchResult{}
	for _, m := range results {
		out[m.Programme.ID] = m
	}
	return out
}

func TestMatchCraftedProfile(t *testing.T) {
	set := loadShipped(t)
	got := matchAll(t, set, crafted, today)
	hightechGaps := "注册成立时间还差 1 天（2019-04-02 起满足） | " +
		"科技人员占企业当年职工总数的比例 9.55%，还差 0.46 个百分点（需增加 1 名科技人员） | " +
		"近三年研究开发费用总额占同期销售收入总额的比例 4.00%，还差 1.00 个百分点（需增加近三年研究开发费用总额 30.00 万元） | "
	want := map[string]string{
		"beijing-lianghua-2019":    "not-eligible | registered-in-beijing（无差距数字）",
		"liaoning-lianghua-2019":   "not-eligible | registered-in-liaoning（无差距数字）",
		"hebei-techreform-2019":    "incomplete",
		"ndrc-catalogue-2019":      "not-eligible | 征求意见开始日期还差 7 天（2019-04-08 起满足）",
		"ndrc-digitaleconomy-2019": "eligible",
		"ningbo-hightech-2019": "not-eligible | registered-in-ningbo（无差距数字） | " + hightechGaps +
			"2018年高新技术产品（服务）收入占企业同期总收入的比例 25.00%，还差 35.00 个百分点（需增加近一年高新技术产品（服务）收入 700.00 万元）",
		"shanxi-green-2019": "incomplete",
		"shanxi-hightech-2019": "not-eligible | " + hightechGaps +
			"近一年高新技术产品（服务）收入占企业同期总收入的比例 25.00%，还差 35.00 个百分点（需增加近一年高新技术产品（服务）收入 700.00 万元）",
		"shanxi-smeplatform-2019": "incomplete",
		"shanxi-techinnov-2019":   "not-eligible | 2018年度主营业务收入还差 0.01 万元",
	}
	if len(got) != len(want) {
		t.Errorf("%d programmes matched, want %d", len(got), len(want))
	}
	for id, w := range want {
		m, ok := got[id]
		if !ok {
			t.Errorf("%s not matched", id)
			continue
		}
		if s := summary(m); s != w {
			t.Errorf("%s:\n got  %s\n want %s", id, s, w)
		}
	}
	// What a verdict still needs is listed by label, never guessed.
	if m := got["shanxi-techinnov-2019"]; !contains(m.Missing, "独立法人企业或其他法人单位") || !contains(m.Missing, "申报类别") {
		t.Errorf("techinnov missing = %v", m.Missing)
	}
	if m := got["shanxi-green-2019"]; strings.Join(m.Missing, "、") != "创建类别、申报层级" {
		t.Errorf("green missing = %v", m.Missing)
	}
	if m := got["ndrc-digitaleconomy-2019"]; m.Deadline.Format("2006-01-02") != "2019-04-30" || m.DaysLeft != 29 {
		t.Errorf("digitaleconomy deadline %v, %d days left", m.Deadline, m.DaysLeft)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// At the thresholds exactly, the same rules pass: 1,500.00 万元, 22 of 220, 365 days.
func TestMatchBoundariesMet(t *testing.T) {
	set := loadShipped(t)
	src := strings.NewReplacer(`"main_revenue": 1499.99`, `"main_revenue": 1500.00`,
		`"tech_staff": 21`, `"tech_staff": 22`, `"registered_on": "2018-04-02"`, `"registered_on": "2018-04-01"`).Replace(crafted)
	got := matchAll(t, set, src, today)
	if m := got["shanxi-techinnov-2019"]; m.Verdict != programme.VerdictIncomplete || len(m.Unmet) != 0 {
		t.Errorf("techinnov at 1,500.00 万元: %s", summary(m))
	}
	for _, u := range got["shanxi-hightech-2019"].Unmet {
		if u.Rule == "tech-staff-ratio" || u.Rule == "registered-one-year" {
			t.Errorf("at the threshold, %s still unmet: %s", u.Rule, u.Gap)
		}
	}
	for _, u := range got["ningbo-hightech-2019"].Unmet {
		if u.Rule == "registered-365-days" {
			t.Errorf("at 365 days, still unmet: %s", u.Gap)
		}
	}
}

// Without applied_on, matching asks about today: a programme whose deadline has passed is
// not eligible, with the gap 申报截止已过. A deadline that depends on an unanswered choice
// is passed only when every deadline that may apply is.
func TestMatchDeadlinePassed(t *testing.T) {
	set := loadShipped(t)
	src := strings.Replace(crafted, `"applied_on": "2019-04-01", `, "", 1)
	src = strings.Replace(src, `"main_revenue": 1499.99`, `"main_revenue": 1500`, 1)
	got := matchAll(t, set, src, time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC))
	m := got["shanxi-techinnov-2019"]
	if m.Verdict != programme.VerdictIncomplete || len(m.Unmet) != 0 || !contains(m.Missing, "申报类别") {
		t.Errorf("techinnov on 2019-06-01 (研发费用加计扣除 open until 06-10, others closed 04-20): %s, missing %v", summary(m), m.Missing)
	}
	got = matchAll(t, set, src, time.Date(2019, 6, 11, 0, 0, 0, 0, time.UTC))
	m = got["shanxi-techinnov-2019"]
	if m.Verdict != programme.VerdictNotEligible || summary(m) != "not-eligible | 申报截止已过（截止日期 2019-06-10：研发费用加计扣除奖励资金项目，已过 1 天）" {
		t.Errorf("techinnov on 2019-06-11: %s", summary(m))
	}
	if m.File.AppliedOn != "2019-06-11" {
		t.Errorf("the file made for the programme is dated %q, want today", m.File.AppliedOn)
	}
}

// A data file of one programme is eligible for it; another programme takes over only answers
// with the same id and type (legal_person), never a choice it does not offer.
func TestMatchReusesAnswers(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-techinnov-2019")
	results, _ := programme.MatchAll(set, f, today)
	for _, m := range results {
		switch m.Programme.ID {
		case "shanxi-techinnov-2019":
			if m.Verdict != programme.VerdictEligible || m.Reasons() != "全部条件符合" {
				t.Errorf("own programme: %s", summary(m))
			}
		case "hebei-techreform-2019":
			if m.File.Answers["legal_person"] != true || contains(m.Missing, "企业具有独立法人资格") {
				t.Errorf("legal_person not taken over: %v", m.Missing)
			}
			if _, ok := m.File.Answers["category"]; ok {
				t.Errorf("category taken over by a programme without that field")
			}
		}
		if _, ok := m.File.Answers["project_name"]; ok && m.Programme.ID != "shanxi-techinnov-2019" && m.Programme.Field("project_name") == nil {
			t.Errorf("%s got an answer it has no field for", m.Programme.ID)
		}
	}
}

// A 科技人员 ratio needing several people rounds up to whole persons; an amount that is over
// a ceiling says by how much.
func TestMatchRatioRoundsUpPersons(t *testing.T) {
	set := loadShipped(t)
	src := strings.Replace(crafted, `"tech_staff": 21`, `"tech_staff": 18`, 1)
	m := matchAll(t, set, src, today)["shanxi-hightech-2019"]
	want := "科技人员占企业当年职工总数的比例 8.18%，还差 1.82 个百分点（需增加 4 名科技人员）"
	found := false
	for _, u := range m.Unmet {
		found = found || u.Gap == want
	}
	if !found {
		t.Errorf("gap not %q:\n%s", want, summary(m))
	}
}

// BenchmarkMatch: one enterprise against every shipped programme.
func BenchmarkMatch(b *testing.B) {
	set := loadShipped(b)
	f := decodeString(b, crafted)
	programme.MatchAll(set, f, today) // plans the gaps once, as the first match of a session does
	b.ReportAllocs()
	for b.Loop() {
		programme.MatchAll(set, f, today)
	}
}
