package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
)

// Rule shapes the shipped templates do not all have: a ceiling, a count with its unit, a
// strict bound, a scaled ratio under a ceiling, a guarded ratio, a date before a day, and a
// disjunction, whose gap is not measured.
const gapTemplate = `format: 1
id: gaps
version: 1
title: 差距测试
issued: 2019-01-01
sections:
  - id: s
    title: 分节
    fields:
      - {id: invest, label: 项目总投资, type: money, required: true}
      - {id: loan, label: 贷款金额, type: money, required: true}
      - {id: staff, label: 新增就业（人）, type: integer, required: true}
      - {id: score, label: 自评分, type: integer, required: true}
      - {id: started, label: 开工日期, type: date, required: true}
      - {id: ok, label: 是否合规, type: bool, required: true}
      - {id: founded, label: 成立日期, type: date, required: true}
rules:
  - {id: ceiling, label: 贷款金额, threshold: ≤ 500 万元, assert: loan <= 500}
  - {id: jobs, label: 新增就业, threshold: ≥ 10 人, assert: 10 <= staff}
  - {id: score, label: 自评分, threshold: 高于 70 分, assert: score > 70}
  - {id: loan-share, label: 贷款占总投资的比例, threshold: ≤ 30%, assert: loan * 10 <= invest * 3}
  - {id: guarded, label: 贷款与总投资之比, threshold: ≥ 50%, assert: invest > 0 && loan / invest >= 0.5}
  - {id: started, label: 开工日期, threshold: 2019年3月1日以前, assert: 'started < date("2019-03-01")'}
  - {id: either, label: 合规或高分, threshold: 其一, assert: ok || score > 90}
  - {id: recent, label: 成立时间, threshold: 不满 10 天, assert: 'days_between(founded, applied_on) < 10'}
`

func TestGapShapes(t *testing.T) {
	p, err := programme.Parse("gaps.yaml", []byte(gapTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := decodeString(t, `{"format": 1, "programme": "gaps", "applied_on": "2019-01-10", "enterprise": {},
	  "answers": {"invest": 1000, "loan": 500.01, "staff": 9, "score": 70, "started": "2019-03-01", "ok": false, "founded": "2018-12-01"}}`)
	m := programme.Match(p, p, f, today)
	var got []string
	for _, u := range m.Unmet {
		got = append(got, u.Rule+": "+u.Gap)
	}
	want := []string{
		"ceiling: 贷款金额超出 0.01 万元",
		"jobs: 新增就业还差 1 人",
		"score: 自评分还差 1",
		"loan-share: 贷款占总投资的比例 50.00%，超出 20.01 个百分点（需减少贷款金额 200.01 万元）", // 50.001%: gaps round up
		"started: 开工日期已超过 1 天（应不晚于 2019-02-28）",
		"either: ",
		"recent: 成立时间超出 31 天", // 40 days; at most 9 allowed
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m.Verdict != programme.VerdictNotEligible {
		t.Errorf("verdict %s", m.Verdict)
	}

	// The guard fails first: named as itself, with no invented ratio.
	f.Answers["invest"] = 0
	f.Answers["loan"] = 400
	m = programme.Match(p, p, f, today)
	for _, u := range m.Unmet {
		if u.Rule == "guarded" && u.Gap != "项目总投资须大于 0（现为 0.00 万元）" {
			t.Errorf("guarded: %q", u.Gap)
		}
	}
	f.Answers["invest"] = 1000
	m = programme.Match(p, p, f, today)
	for _, u := range m.Unmet {
		if u.Rule == "guarded" && u.Gap != "贷款与总投资之比 40.00%，还差 10.00 个百分点（需增加贷款金额 100.00 万元）" {
			t.Errorf("guarded: %q", u.Gap)
		}
	}
}
