package programme_test

import (
	"encoding/json"
	"strings"
	"testing"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// The 高企 申请书 as the guideline lays it out: the 研究开发费用结构明细表 once per year with a
// column per research activity (RD01 …) and a 合计 column, each with the places for the
// 事务所's seal and two CPAs' signatures; 人力资源 with 职称 and 年龄; the cover says 底稿.
func TestHightechForms(t *testing.T) {
	set := loadShipped(t)
	for _, id := range []string{"shanxi-hightech-2019", "ningbo-hightech-2019"} {
		ev := programme.Evaluate(set.Get(id), demo(t, set, id), today)
		if ev.Invalid() {
			t.Fatalf("%s demo invalid: %v", id, ev.Problems)
		}
		var app *programme.Output
		for _, o := range ev.Outputs() {
			if o.ID == "application" {
				app = o
			}
		}
		doc := ev.Report(app, today)
		if !strings.Contains(doc.Cover.Title, "底稿") {
			t.Errorf("%s: cover title %q does not say 底稿", id, doc.Cover.Title)
		}
		var tables []*document.Table
		cpas, hr := 0, ""
		for _, b := range doc.Blocks {
			switch b := b.(type) {
			case *document.Table:
				if strings.Contains(b.Caption, "研究开发费用结构明细表") {
					tables = append(tables, b)
				}
			case *document.Signature:
				for _, l := range b.Lines {
					if l.Label == "注册会计师（签字）" {
						cpas++
					}
				}
			case *document.KeyValues:
				if strings.Contains(b.Caption, "人力资源") {
					for _, p := range b.Pairs {
						hr += p.Label + "|"
					}
				}
			}
		}
		if len(tables) != 3 || cpas != 6 {
			t.Fatalf("%s: %d cost tables, %d CPA signature lines; want 3 and 6", id, len(tables), cpas)
		}
		for _, want := range []string{"职称：高级", "职称：高级技工", "年龄：30岁及以下", "年龄：51岁及以上", "学历：博士"} {
			if !strings.Contains(hr, want) {
				t.Errorf("%s: 人力资源 lacks %q: %s", id, want, hr)
			}
		}
		spend := map[string][]string{} // RD → its spends by year, from 表7
		for _, b := range doc.Blocks {
			if tb, ok := b.(*document.Table); ok && strings.HasPrefix(tb.Caption, "表7") {
				for _, r := range tb.Rows {
					spend[r[0]] = r[6:9]
				}
			}
		}
		for k, tb := range tables {
			cols := tb.Columns
			if cols[0].Header != "科目" || cols[len(cols)-1].Header != "合计" || !strings.HasPrefix(cols[1].Header, "RD") {
				t.Errorf("%s %s: columns %v", id, tb.Caption, cols)
			}
			last := tb.Rows[len(tb.Rows)-1]
			if last[0] != "研究开发费用（内、外部）小计" {
				t.Fatalf("%s: last row %v", id, last)
			}
			// Each RD's 小计 is its spend that year (表7); 合计 is the year's total.
			for j, c := range cols[1 : len(cols)-1] {
				if want := spend[c.Header]; len(want) != 3 || last[j+1] != want[k] {
					t.Errorf("%s %s: %s 小计 %s, want its spend %v", id, tb.Caption, c.Header, last[j+1], want)
				}
			}
		}
	}
}

// Each activity's year in the structure table must be its spend in the 汇总表 (表7 and 表9
// agree), even when the year's totals still match.
func TestCostItemsMatchActivities(t *testing.T) {
	set := loadShipped(t)
	f := demo(t, set, "shanxi-hightech-2019")
	items := rows(f, "rd_cost_items")
	items[0]["staff"] = num(decimal.MustParse(string(items[0]["staff"].(json.Number))).Add(decimal.MustParse("1")).String())
	items[1]["staff"] = num(decimal.MustParse(string(items[1]["staff"].(json.Number))).Sub(decimal.MustParse("1")).String())
	ev := programme.Evaluate(set.Get("shanxi-hightech-2019"), f, today)
	n := 0
	for _, p := range errorsOf(ev) {
		if strings.Contains(p.Message, "与研究开发活动汇总表中该活动当年的支出不一致") {
			n++
		} else {
			t.Errorf("unexpected problem: %s", p.Message)
		}
	}
	if n != 2 {
		t.Errorf("%d activity mismatches reported, want 2", n)
	}
}
