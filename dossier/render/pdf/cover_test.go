package pdf

import (
	"strings"
	"testing"

	"dossier/dossier/document"
	"dossier/dossier/internal/pdfprobe"
)

// TestLongCoverStaysOnItsPage: a 60-character project name and a long unit name wrap and the
// cover is set smaller, so that every line and the date are on the cover page, above the
// bottom margin, and the body still starts on the next page.
func TestLongCoverStaysOnItsPage(t *testing.T) {
	project := "年产十二万套矿用综采工作面智能控制系统及大型矿山破碎装备关键部件智能化生产线数字化车间建设与技术改造示范项目"
	unit := "山西汾河智能装备制造与矿山机械工程技术研究开发股份有限公司太原分公司"
	r := &document.Report{Title: "项目资金申请报告",
		Cover: &document.Cover{
			Programme: "2019年山西省技术改造专项资金技术创新提升专项（第一批）",
			Title:     "项目资金申请报告",
			Lines: []document.CoverLine{
				{Label: "项目名称", Value: project},
				{Label: "申报类别", Value: "研发费用加计扣除奖励"},
				{Label: "申报单位", Value: unit, Seal: true},
				{Label: "推荐单位", Value: unit, Seal: true},
				{Label: "主管部门", Value: "太原市工业和信息化局"},
			},
			Date: "2019年5月20日",
		},
		Blocks: []document.Block{&document.Paragraph{Text: "正文第一段。"}},
	}
	for _, o := range []Options{{}, {Print: true, Seal: true}} {
		path, _ := renderFile(t, r, o)
		pages, err := pdfprobe.Pages(path)
		if err != nil {
			t.Fatal(err)
		}
		cover := pages[0]
		text := strings.Join(strings.Fields(cover.Text()), "")
		for _, want := range []string{"推荐单位（盖章）", "主管部门", "2019年5月20日", "示范项目", "太原分公司"} {
			if !strings.Contains(text, want) {
				t.Errorf("%+v: cover lacks %q:\n%s", o, want, text)
			}
		}
		limit := (pageH - marginBottom) / pdfprobe.PtMM
		for _, w := range cover.Words {
			if w.YMax > limit+0.5 {
				t.Errorf("%+v: %q ends at %.1f pt, below the text block (%.1f pt)", o, w.Text, w.YMax, limit)
			}
		}
		if strings.Contains(text, "正文第一段") || len(pages) < 2 {
			t.Errorf("%+v: the body is on the cover page", o)
		}
	}
}
