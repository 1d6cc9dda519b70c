package programme_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

const (
	smePlatform = "shanxi-smeplatform-2019"
	bjLianghua  = "beijing-lianghua-2019"
	lnLianghua  = "liaoning-lianghua-2019"
)

// slhCase is one boundary case: after mutate, rule (and only rule) passes or fails.
type slhCase struct {
	name   string
	rule   string
	pass   bool
	mutate func(f *dossier.File)
}

// slhRun checks each case on the programme's demo: no data problem, the rule applies with the
// expected verdict, no other rule fails, and a failure says 不符合.
func slhRun(t *testing.T, id string, cases []slhCase) {
	t.Helper()
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

func slhMissing(ev *programme.Evaluation) []string {
	var out []string
	for _, pr := range ev.Problems {
		if strings.HasSuffix(pr.Message, "未填写") {
			out = append(out, pr.Message)
		}
	}
	return out
}

// smeQualification sets the three ways of meeting the 2019 adjusted condition.
func smeQualification(f *dossier.File, city, dept, doc bool) {
	a := f.Answers
	a["city_recognition"] = city
	a["dept_recognition"] = dept
	a["recommended_by_document"] = doc
	if dept {
		a["dept_recognition_doc"] = "山西省科学技术厅 省级科技企业孵化器（晋科高发〔2017〕88号）"
	}
}

func smeRoute(f *dossier.File, route string) {
	f.Answers["route"] = route
	if route == "association-self" {
		f.Answers["operator_nature"] = "association"
		f.Answers["no_supervising_unit"] = true
	}
}

func smePrior(f *dossier.File, batch, year int) {
	f.Answers["previously_recognised"] = true
	f.Answers["prior_batch"] = json.Number(strconv.Itoa(batch))
	f.Answers["prior_year"] = json.Number(strconv.Itoa(year))
}

// Every rule of shanxi-smeplatform-2019 at its boundary.
func TestSMEPlatformRuleBoundaries(t *testing.T) {
	slhRun(t, smePlatform, []slhCase{
		// 通知致送对象：省内推荐单位推荐省内平台.
		{"operator registered in Hebei", "registered-in-shanxi", false, func(f *dossier.File) { f.Enterprise["province"] = "河北省" }},
		// 一、四、五：推荐渠道.
		{"no recommending unit", "recommended", false, func(f *dossier.File) { smeRoute(f, "none") }},
		{"recommended by a provincial enterprise with a city recognition", "recommended", true, func(f *dossier.File) {
			smeRoute(f, "provincial-enterprise")
			f.Answers["recommender_name"] = "晋能集团有限公司"
		}},
		// 一：获得市级示范平台认定、省直有关部门的相关认定或者由市级中小企业主管部门、省直有关部门发文推荐.
		{"city recognition only", "adjusted-condition", true, func(f *dossier.File) { smeQualification(f, true, false, false) }},
		{"provincial department's recognition only", "adjusted-condition", true, func(f *dossier.File) { smeQualification(f, false, true, false) }},
		{"city authority's recommendation document only", "adjusted-condition", true, func(f *dossier.File) { smeQualification(f, false, false, true) }},
		{"provincial department's recommendation document only", "adjusted-condition", true, func(f *dossier.File) {
			smeRoute(f, "provincial-dept")
			f.Answers["recommender_name"] = "山西省商务厅"
			smeQualification(f, false, false, true)
		}},
		{"city authority without document or recognition", "adjusted-condition", false, func(f *dossier.File) { smeQualification(f, false, false, false) }},
		{"provincial enterprise's recommendation without recognition", "adjusted-condition", false, func(f *dossier.File) {
			smeRoute(f, "provincial-enterprise")
			f.Answers["recommender_name"] = "晋能集团有限公司"
			smeQualification(f, false, false, false)
		}},
		{"association's recommendation with a department's recognition", "adjusted-condition", true, func(f *dossier.File) {
			smeRoute(f, "association")
			f.Answers["recommender_name"] = "山西省中小企业服务协会"
			smeQualification(f, false, true, false)
		}},
		{"association's recommendation without recognition", "adjusted-condition", false, func(f *dossier.File) {
			smeRoute(f, "association")
			f.Answers["recommender_name"] = "山西省中小企业服务协会"
			smeQualification(f, false, false, false)
		}},
		// 确无主管单位的省级协会可以直接申报.
		{"association without supervising unit applies directly", "direct-application", true, func(f *dossier.File) {
			smeRoute(f, "association-self")
			smeQualification(f, false, false, false)
		}},
		{"association with a supervising unit applies directly", "direct-application", false, func(f *dossier.File) {
			smeRoute(f, "association-self")
			f.Answers["no_supervising_unit"] = false
		}},
		{"an enterprise applies directly", "direct-application", false, func(f *dossier.File) {
			smeRoute(f, "association-self")
			f.Answers["operator_nature"] = "enterprise"
		}},
		// 四：测评基础上提出推荐意见.
		{"recommender did not evaluate", "recommender-evaluated", false, func(f *dossier.File) { f.Answers["recommender_evaluated"] = false }},
		// 二：《管理办法》其他条件.
		{"other conditions of the Measures not met", "meets-measures", false, func(f *dossier.File) { f.Answers["meets_measures"] = false }},
		// 三：有效期三年；第5—7批有效期满当年再次申报.
		{"batch 6 of 2016 expires 2019", "validity", true, func(f *dossier.File) { smePrior(f, 6, 2016) }},
		{"batch 5 of 2015 expired 2018", "validity", true, func(f *dossier.File) { smePrior(f, 5, 2015) }},
		{"batch 7 of 2017 expires 2020", "validity", false, func(f *dossier.File) { smePrior(f, 7, 2017) }},
		{"batch 8 of 2018 still valid", "validity", false, func(f *dossier.File) { smePrior(f, 8, 2018) }},
		// 五：4月28日前.
		{"on the deadline day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-04-28" }},
		{"a day late", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-04-29" }},
	})
}

// Batches 1–4 expired before 2019: the validity rule does not apply and they may re-apply; a
// first application is not asked about earlier recognitions.
func TestSMEPlatformEarlyBatchesAndFirstApplication(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(smePlatform)
	f := demo(t, set, smePlatform)
	smePrior(f, 3, 2014)
	ev := programme.Evaluate(p, f, today)
	if ev.Invalid() || !ev.Eligible() || ruleOf(t, ev, "validity").Applies {
		t.Fatalf("batch 3 re-application: problems %v rules %v", ev.Problems, ev.Rules)
	}
	// A batch 1–4 recognition dated after April 2015 is only a warning.
	smePrior(f, 4, 2016)
	ev = programme.Evaluate(p, f, today)
	if ev.Invalid() || len(ev.Problems) != 1 || !strings.Contains(ev.Problems[0].Message, "请核对批次") {
		t.Errorf("batch 4 of 2016: %v", ev.Problems)
	}

	f = demo(t, set, smePlatform)
	f.Answers["previously_recognised"] = false
	for _, k := range []string{"prior_batch", "prior_year", "prior_doc"} {
		delete(f.Answers, k)
	}
	ev = programme.Evaluate(p, f, today)
	if ev.Visible("prior_batch") || ev.Invalid() || !ev.Eligible() || ruleOf(t, ev, "validity").Applies {
		t.Fatalf("first application: problems %v rules %v", ev.Problems, ev.Rules)
	}
	f.Answers["previously_recognised"] = true
	if got := slhMissing(programme.Evaluate(p, f, today)); len(got) != 2 {
		t.Errorf("re-application without batch and year: missing %v, want 2", got)
	}
}

// The recommender's questions show only when someone recommends; a directly applying
// association is asked whether it has a supervising unit instead.
func TestSMEPlatformRouteQuestions(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(smePlatform)
	f := demo(t, set, smePlatform)
	smeRoute(f, "association-self")
	smeQualification(f, false, false, false)
	for _, k := range []string{"recommender_name", "recommended_by_document", "recommendation_doc_no", "recommender_evaluated",
		"recommendation_rank", "recommendation_opinion", "city_recognition_doc", "no_supervising_unit"} {
		delete(f.Answers, k)
	}
	ev := programme.Evaluate(p, f, today)
	for _, id := range []string{"recommender_name", "recommended_by_document", "recommender_evaluated", "recommendation_opinion", "city_recognition_doc"} {
		if ev.Visible(id) {
			t.Errorf("%s visible for a directly applying association", id)
		}
	}
	if !ev.Visible("no_supervising_unit") {
		t.Error("no_supervising_unit hidden for a directly applying association")
	}
	if got := slhMissing(ev); len(got) != 1 || !strings.Contains(got[0], "确无主管单位") {
		t.Fatalf("want only 确无主管单位 missing, got %v", ev.Problems)
	}
	f.Answers["no_supervising_unit"] = true
	ev = programme.Evaluate(p, f, today)
	if ev.Invalid() || !ev.Eligible() || ruleOf(t, ev, "recommender-evaluated").Applies {
		t.Fatalf("association applying directly: problems %v rules %v", ev.Problems, ev.Rules)
	}
	// Its cover letter is its own 申报文件, not a recommender's 推荐文件.
	var letter string
	for _, o := range ev.Outputs() {
		if o.ID == "letter" {
			letter = ev.FileName(o)
		}
	}
	if letter != "申报文件（代拟稿）.pdf" {
		t.Errorf("letter file %q", letter)
	}

	// A city authority recommends: the recommendation document is asked; a provincial
	// enterprise is not asked about one (its recommendation is no 发文推荐 in the sense of 一).
	f = demo(t, set, smePlatform)
	delete(f.Answers, "recommended_by_document")
	if got := slhMissing(programme.Evaluate(p, f, today)); len(got) != 1 {
		t.Errorf("city route without the document question: missing %v", got)
	}
	f.Answers["route"] = "provincial-enterprise"
	ev = programme.Evaluate(p, f, today)
	if ev.Visible("recommended_by_document") || ev.Invalid() {
		t.Errorf("provincial enterprise: document question visible=%v problems %v", ev.Visible("recommended_by_document"), ev.Problems)
	}
	// A department's recognition needs its document named.
	f = demo(t, set, smePlatform)
	f.Answers["dept_recognition"] = true
	if got := slhMissing(programme.Evaluate(p, f, today)); len(got) != 1 || !strings.Contains(got[0], "省直有关部门认定") {
		t.Errorf("department recognition without its document: %v", got)
	}
}

// The summary row and the documents name the recommender and the qualification.
func TestSMEPlatformOutputs(t *testing.T) {
	set := loadShipped(t)
	p := set.Get(smePlatform)
	ev := programme.Evaluate(p, demo(t, set, smePlatform), today)
	var files []string
	for _, o := range ev.Outputs() {
		files = append(files, ev.FileName(o))
		switch o.Kind {
		case programme.KindSheet:
			sh, err := programme.BuildSheet(o, []*programme.Evaluation{ev})
			if err != nil {
				t.Fatal(err)
			}
			row := map[string]string{}
			for i, c := range sh.Columns {
				row[c.Header] = sh.Rows[0][i].Text + sh.Rows[0][i].Number
			}
			for h, want := range map[string]string{"推荐单位": "太原市工业和信息化局", "所在市": "太原市", "推荐排序": "1",
				"以往认定情况": "原为第6批省级示范平台（2016年认定，晋企发〔2016〕41号），有效期满当年（2019年）再次申报"} {
				if row[h] != want {
					t.Errorf("sheet column %s = %q, want %q", h, row[h], want)
				}
			}
			if q := row["认定条件（通知一）"]; !strings.Contains(q, "获得市级示范平台认定") || !strings.Contains(q, "市级中小企业主管部门发文推荐") {
				t.Errorf("qualification column %q", q)
			}
		case programme.KindReport:
			if all := reportText(ev, o); strings.Contains(all, "无法计算") {
				t.Errorf("%s: a text could not be computed", o.File)
			}
			if o.ID == "materials" {
				// 认定条件 is a chapter of its own (as in the 推荐表), kept on the page of
				// 服务业绩; the short 附件清单 follows the work plan.
				slhChapters(t, smePlatform, ev, o, []string{"承诺书", "一、平台基本情况", "二、服务业绩与服务特色",
					"三、认定条件、以往认定及获奖情况+", "四、三年服务活动工作计划", "五、附件清单+"})
			}
		}
	}
	want := []string{"推荐省级中小企业公共服务示范平台汇总表.xlsx", "山西省中小企业公共服务示范平台推荐表（晋创中小企业综合服务平台）.pdf",
		"省级中小企业公共服务示范平台申请材料（晋创中小企业综合服务平台）.pdf", "推荐文件（代拟稿）.pdf"}
	if strings.Join(files, "|") != strings.Join(want, "|") {
		t.Errorf("outputs %v, want %v", files, want)
	}
	if p.Disc == "" {
		t.Error("the notice asks for a disc of all materials")
	}
}

// The 两化融合 conditions, shared by Beijing and Liaoning.
func lianghuaCases(province, other, regRule, pilotOther string) []slhCase {
	return []slhCase{
		{"registered in " + other, regRule, false, func(f *dossier.File) { f.Enterprise["province"] = other }},
		{"registered in " + province, regRule, true, func(f *dossier.File) { f.Enterprise["province"] = province }},
		{"not a legal person", "legal-person", false, func(f *dossier.File) { f.Answers["legal_person"] = false }},
		{"finances not sound", "finances-sound", false, func(f *dossier.File) { f.Answers["finances_sound"] = false }},
		{"no need for the system", "needs-system", false, func(f *dossier.File) { f.Answers["needs_system"] = false }},
		{"system running, not yet assessed", "needs-system", true, func(f *dossier.File) { f.Answers["system_stage"] = "running" }},
		{"already a national pilot", "not-already-pilot", false, func(f *dossier.File) { f.Answers["existing_pilot"] = "national" }},
		{"already a local pilot", "not-already-pilot", false, func(f *dossier.File) { f.Answers["existing_pilot"] = pilotOther }},
		{"no management system (priority only)", "not-already-pilot", true, func(f *dossier.File) {
			f.Answers["management_systems"] = []any{}
			delete(f.Answers, "system_certificates")
		}},
	}
}

func TestBeijingLianghuaRuleBoundaries(t *testing.T) {
	cases := lianghuaCases("北京市", "天津市", "registered-in-beijing", "municipal")
	cases = append(cases,
		// 二、（二）2019年6月底前.
		slhCase{"paper on the deadline day", "deadline", true, func(f *dossier.File) { f.AppliedOn = "2019-06-30" }},
		slhCase{"paper a day late", "deadline", false, func(f *dossier.File) { f.AppliedOn = "2019-07-01" }},
	)
	slhRun(t, bjLianghua, cases)
}

func TestLiaoningLianghuaRuleBoundaries(t *testing.T) {
	cases := lianghuaCases("辽宁省", "吉林省", "registered-in-liaoning", "provincial")
	cases = append(cases, slhCase{"a Dalian manufacturer", "registered-in-liaoning", true, func(f *dossier.File) {
		f.Enterprise["city"] = "大连市"
		f.Answers["city"] = "dalian"
		f.Answers["recommender_name"] = "大连市工业和信息化局"
	}})
	slhRun(t, lnLianghua, cases)
}

// Liaoning's notice text (and so its deadline) is not known: no deadline is judged. Beijing's
// two list publications are the bureau's dates, listed but never judged.
func TestLianghuaDeadlines(t *testing.T) {
	set := loadShipped(t)
	ev := programme.Evaluate(set.Get(lnLianghua), demo(t, set, lnLianghua), today)
	for _, r := range ev.Rules {
		if r.ID == "deadline" {
			t.Errorf("Liaoning judges a deadline: %s", r.Message)
		}
	}
	if !ev.Deadline.IsZero() {
		t.Errorf("Liaoning deadline %v", ev.Deadline)
	}
	f := demo(t, set, bjLianghua)
	f.AppliedOn = "2019-06-30"
	ev = programme.Evaluate(set.Get(bjLianghua), f, today)
	if len(ev.Milestones) != 2 || !ev.Eligible() {
		t.Errorf("Beijing milestones %v eligible %v", ev.Milestones, ev.Eligible())
	}
	if got := ev.Deadline.Format("2006-01-02"); got != "2019-06-30" {
		t.Errorf("Beijing deadline %s", got)
	}
}

// Certificates are asked only of a firm that names a management system; the plan's dates are
// checked; a late start is a warning.
func TestLianghuaConditionalFields(t *testing.T) {
	set := loadShipped(t)
	for _, id := range []string{bjLianghua, lnLianghua} {
		p := set.Get(id)
		f := demo(t, set, id)
		f.Answers["management_systems"] = []any{}
		delete(f.Answers, "system_certificates")
		ev := programme.Evaluate(p, f, today)
		if ev.Visible("system_certificates") || ev.Invalid() || !ev.Eligible() {
			t.Errorf("%s without management systems: visible=%v problems %v", id, ev.Visible("system_certificates"), ev.Problems)
		}
		f.Answers["management_systems"] = []any{"信息安全管理体系"}
		ev = programme.Evaluate(p, f, today)
		if got := slhMissing(ev); !ev.Visible("system_certificates") || len(got) != 1 {
			t.Errorf("%s with a management system and no certificate: missing %v", id, got)
		}

		f = demo(t, set, id)
		f.Answers["start_date"] = "2020-12-01"
		f.Answers["end_date"] = "2021-06-30"
		ev = programme.Evaluate(p, f, today)
		if ev.Invalid() || len(ev.Problems) != 1 || !ev.Problems[0].Warning || !strings.Contains(ev.Problems[0].Message, "一年内启动") {
			t.Errorf("%s late start: %v", id, ev.Problems)
		}
		f.Answers["end_date"] = "2020-06-30"
		if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
			t.Errorf("%s: an assessment date before the start is accepted", id)
		}
		f = demo(t, set, id)
		f.Answers["stages"].([]any)[0].(map[string]any)["to"] = "2019-01-01"
		if ev := programme.Evaluate(p, f, today); !ev.Invalid() {
			t.Errorf("%s: a stage ending before it starts is accepted", id)
		}
	}
}

// The 申报书 is printed perfect-bound in three copies; the electronic copy goes by e-mail
// (Beijing); every text renders.
func TestLianghuaOutputs(t *testing.T) {
	set := loadShipped(t)
	for id, place := range map[string]string{bjLianghua: "北京经济技术开发区", lnLianghua: "沈阳市"} {
		p := set.Get(id)
		ev := programme.Evaluate(p, demo(t, set, id), today)
		outs := ev.Outputs()
		if len(outs) != 1 {
			t.Fatalf("%s outputs %d, want the 申报书", id, len(outs))
		}
		o := outs[0]
		if o.Print == nil || o.Print.Copies != 3 || o.Print.Binding != "left" || !strings.Contains(o.Print.Note, "胶装") {
			t.Errorf("%s print %+v", id, o.Print)
		}
		all := reportText(ev, o)
		if strings.Contains(all, "无法计算") || !strings.Contains(all, place) {
			t.Errorf("%s: report text incomplete", id)
		}
	}
	if d := set.Get(bjLianghua).Disc; !strings.Contains(d, "wangzhiyuan24@163.com") {
		t.Errorf("Beijing electronic copy: %q", d)
	}
	// The short chapters are chapters (level 1, in the 目录) that keep the page: 保障措施
	// follows the work plan, and the 推荐单位意见 the district's (city's) page of the self-check.
	for _, id := range []string{bjLianghua, lnLianghua} {
		ev := programme.Evaluate(set.Get(id), demo(t, set, id), today)
		slhChapters(t, id, ev, ev.Outputs()[0], []string{
			"企业承诺", "一、企业基本情况", "二、两化融合现状", "三、拟打造的新型能力", "四、贯标工作计划",
			"五、保障措施+", "六、申报条件自查", "七、推荐单位意见+"})
	}
}

// slhChapters checks a report's level-1 headings in order ("+" marks one that keeps the page);
// all are in the 目录 and no level-2 heading stands in for a chapter.
func slhChapters(t *testing.T, id string, ev *programme.Evaluation, o *programme.Output, want []string) {
	t.Helper()
	var got []string
	for _, b := range ev.Report(o, time.Date(2019, 4, 22, 0, 0, 0, 0, time.UTC)).Blocks {
		h, ok := b.(*document.Heading)
		if !ok {
			continue
		}
		if h.Level == 2 && (strings.Contains(h.Text, "推荐意见") || strings.Contains(h.Text, "认定条件")) {
			t.Errorf("%s: %q is a level-2 heading", id, h.Text)
		}
		if h.Level != 1 {
			continue
		}
		if h.NoTOC {
			t.Errorf("%s: chapter %q is not in the 目录", id, h.Text)
		}
		if h.SamePage {
			got = append(got, h.Text+"+")
		} else {
			got = append(got, h.Text)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s chapters\n got %v\nwant %v", id, got, want)
	}
}
