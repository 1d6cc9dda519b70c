package programme_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// setFin sets a finance value of one year in the raw data file.
func setFin(f *dossier.File, year int, key string, v any) {
	for _, row := range f.Enterprise["finance"].([]any) {
		r := row.(map[string]any)
		if n, _ := r["year"].(json.Number).Int64(); int(n) == year {
			r[key] = v
		}
	}
}

func ruleOf(t *testing.T, ev *programme.Evaluation, id string) programme.RuleResult {
	t.Helper()
	for _, r := range ev.Rules {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s in %v", id, ev.Rules)
	return programme.RuleResult{}
}

// assertBoundary checks one boundary case: no data problem (warnings allowed when
// allowWarnings), the rule applies with the wanted verdict and says so, no other rule fails,
// and eligibility follows.
func assertBoundary(t *testing.T, ev *programme.Evaluation, rule string, pass, allowWarnings bool) {
	t.Helper()
	for _, pr := range ev.Problems {
		if !pr.Warning || !allowWarnings {
			t.Errorf("unexpected problem: %s", pr.Message)
		}
	}
	r := ruleOf(t, ev, rule)
	if !r.Applies || r.Passed != pass {
		t.Fatalf("%s: applies=%v passed=%v, want passed=%v (%s)", rule, r.Applies, r.Passed, pass, r.Message)
	}
	for _, other := range ev.Rules {
		if other.ID != rule && other.Applies && !other.Passed {
			t.Errorf("another rule failed too: %s", other.Message)
		}
	}
	if ev.Eligible() != pass {
		t.Errorf("Eligible() = %v, want %v", ev.Eligible(), pass)
	}
	if !pass && !strings.Contains(r.Message, "不符合") {
		t.Errorf("failing message does not say so: %s", r.Message)
	}
}

// Every rule of shanxi-techinnov-2019 at its boundary: it passes at the threshold and fails
// just past it, and nothing else changes.
func TestTechinnovRuleBoundaries(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-techinnov-2019")
	num := func(s string) json.Number { return json.Number(s) }
	cases := []struct {
		name   string
		rule   string
		pass   bool
		mutate func(f *dossier.File)
	}{
		{"main revenue exactly 1500", "main-revenue-2018", true, func(f *dossier.File) { setFin(f, 2018, "main_revenue", num("1500.00")) }},
		{"main revenue 1499.99", "main-revenue-2018", false, func(f *dossier.File) { setFin(f, 2018, "main_revenue", num("1499.99")) }},
		{"main revenue typed as text", "main-revenue-2018", true, func(f *dossier.File) { setFin(f, 2018, "main_revenue", "１,５００.００") }},
		{"software firm, operating revenue exactly 1000", "operating-revenue-2018", true, func(f *dossier.File) {
			f.Enterprise["industry_section"] = "I"
			setFin(f, 2018, "main_revenue", num("10"))
			setFin(f, 2018, "sales_revenue", num("1000"))
		}},
		{"software firm, operating revenue 999.99", "operating-revenue-2018", false, func(f *dossier.File) {
			f.Enterprise["industry_section"] = "I"
			setFin(f, 2018, "sales_revenue", num("999.99"))
		}},
		{"registered in Hebei", "registered-in-shanxi", false, func(f *dossier.File) { f.Enterprise["province"] = "河北省" }},
		{"blacklisted", "not-blacklisted", false, func(f *dossier.File) { f.Enterprise["credit_blacklisted"] = true }},
		{"not a legal person", "legal-person", false, func(f *dossier.File) { f.Answers["legal_person"] = false }},
		{"outside the catalogue", "fits-catalogue", false, func(f *dossier.File) { f.Answers["fits_catalogue"] = false }},
		{"other provincial funding", "no-other-provincial-funding", false, func(f *dossier.File) { f.Answers["other_provincial_funding"] = true }},
		{"national tech centre", "rd-tech-center", true, func(f *dossier.File) { f.Answers["tech_center_level"] = "national" }},
		{"no tech centre", "rd-tech-center", false, func(f *dossier.File) { f.Answers["tech_center_level"] = "none" }},
		{"deduction not applied in 2018", "rd-deduction-applied", false, func(f *dossier.File) { f.Answers["applied_rd_deduction_2018"] = false }},
		{"not in provincial statistics", "rd-in-statistics", false, func(f *dossier.File) { f.Answers["in_provincial_statistics"] = false }},
		{"deduction exactly 500", "rd-deduction-amount", true, func(f *dossier.File) { f.Answers["rd_deduction_amount"] = num("500") }},
		{"deduction 499.99", "rd-deduction-amount", false, func(f *dossier.File) { f.Answers["rd_deduction_amount"] = num("499.99") }},
		{"R&D category on its deadline day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-06-10" }},
		{"R&D category a day late", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-06-11" }},
		{"other category on its deadline day", "deadline", true, func(f *dossier.File) { f.Answers["category"] = "output"; f.AppliedOn = "2019-04-20" }},
		{"other category a day late", "deadline", false, func(f *dossier.File) { f.Answers["category"] = "capability"; f.AppliedOn = "2019-04-21" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := demo(t, set, p.ID)
			c.mutate(f)
			assertBoundary(t, programme.Evaluate(p, f, today), c.rule, c.pass, false)
		})
	}
}

// A failing rule names the notice's threshold and the value it saw.
func TestRuleMessageShowsThresholdAndValue(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-techinnov-2019")
	setFin(f, 2018, "main_revenue", json.Number("1234.5"))
	ev := programme.Evaluate(set.Get("shanxi-techinnov-2019"), f, today)
	r := ruleOf(t, ev, "main-revenue-2018")
	for _, want := range []string{"不符合", "1500 万元以上", "1,234.50 万元", "尚差 265.50 万元"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("message %q lacks %q", r.Message, want)
		}
	}
}

// The R&D-deduction fields only show, and are only required, in that category; other
// categories' dossiers are complete without them and those rules do not apply.
func TestConditionalSection(t *testing.T) {
	set := loadShipped(t)
	p := set.Get("shanxi-techinnov-2019")
	f := demo(t, set, p.ID)
	f.Answers["category"] = "capability"
	f.AppliedOn = "2019-04-15"
	for _, k := range []string{"applied_rd_deduction_2018", "in_provincial_statistics", "rd_deduction_amount"} {
		delete(f.Answers, k)
	}
	ev := programme.Evaluate(p, f, today)
	if ev.Visible("rd") || ev.Visible("rd_deduction_amount") {
		t.Error("the R&D section is visible in the capability category")
	}
	if ev.Invalid() || !ev.Eligible() {
		t.Fatalf("capability dossier without R&D fields: problems %v rules %v", ev.Problems, ev.Rules)
	}
	if ruleOf(t, ev, "rd-deduction-amount").Applies {
		t.Error("R&D rule applies outside its category")
	}
	f.Answers["category"] = "rd-deduction"
	ev = programme.Evaluate(p, f, today)
	if !ev.Visible("rd") {
		t.Error("the R&D section is hidden in its own category")
	}
	missing := 0
	for _, pr := range ev.Problems {
		if strings.HasSuffix(pr.Message, "未填写") {
			missing++
		}
	}
	if missing != 3 {
		t.Errorf("want the 3 R&D fields reported missing, got %v", ev.Problems)
	}
}

// An empty applied_on is the programme's first deadline, not the clock's today: the finance
// years then are the notice's (2016–2018), whatever year the machine is in, and a warning says
// the date is a default.
func TestAppliedOnDefaultsToTheProgramme(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-techinnov-2019")
	f.AppliedOn = ""
	ev := programme.Evaluate(set.Get("shanxi-techinnov-2019"), f, time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC))
	if got := ev.AppliedOn.Format("2006-01-02"); got != "2019-06-10" || !ev.AppliedOnDefault {
		t.Fatalf("applied_on defaulted to %s (default flag %v), want the deadline 2019-06-10", got, ev.AppliedOnDefault)
	}
	if !ev.Eligible() {
		t.Errorf("the demo without applied_on is not eligible: %+v %+v", ev.Problems, ev.Rules)
	}
	found := false
	for _, p := range ev.Problems {
		if p.Field == "applied_on" && p.Warning && strings.HasPrefix(p.Message, "申报日期未填写，按通知默认为 2019-06-10") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning that applied_on is a default: %+v", ev.Problems)
	}
}

// reportText is a report output's headings, paragraphs and table cells, one per line.
func reportText(ev *programme.Evaluation, o *programme.Output) string {
	r := ev.Report(o, time.Date(2019, 4, 22, 0, 0, 0, 0, time.UTC))
	var text []string
	for _, b := range r.Blocks {
		switch x := b.(type) {
		case *document.Heading:
			text = append(text, x.Text)
		case *document.Paragraph:
			text = append(text, x.Text)
		case *document.KeyValues:
			for _, pr := range x.Pairs {
				text = append(text, pr.Label, pr.Value)
			}
		case *document.Table:
			for _, row := range x.Rows {
				text = append(text, row...)
			}
		}
	}
	return strings.Join(text, "\n")
}
