package programme_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"dossier/dossier/document"
	"dossier/dossier/programme"
	"dossier/templates"
)

// The 2020 child changes only its header and deadlines, and the inherited 推荐函 cites the
// 2020 notice and 文号 while the 推荐汇总表 names the batch its application date falls in.
func TestNextYearChildLetterAndBatch(t *testing.T) {
	set, err := programme.LoadSet(templates.FS, os.DirFS("testdata/y2020"))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2020")
	for _, c := range []struct {
		appliedOn, batch string
	}{{"2020-05-20", "批次：第一批"}, {"2020-08-20", "批次：第二批"}} {
		f := demo(t, set, "shanxi-hightech-2020")
		f.AppliedOn = c.appliedOn
		ev := programme.Evaluate(p, f, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC))
		if !ev.Eligible() {
			t.Fatalf("%s: the 2020 demo is not eligible: %v %v", c.appliedOn, ev.Problems, ev.Rules)
		}
		var letter, sheet *programme.Output
		for _, o := range ev.Outputs() {
			switch o.ID {
			case "letter":
				letter = o
			case "summary":
				sheet = o
			}
		}
		if letter == nil || sheet == nil {
			t.Fatalf("outputs: letter %v summary %v", letter, sheet)
		}
		body := ""
		for _, b := range ev.Report(letter, time.Time{}).Blocks {
			if para, ok := b.(*document.Paragraph); ok {
				body += para.Text + "\n"
			}
		}
		if !strings.Contains(body, "根据《关于组织开展2020年山西省高新技术企业认定工作的通知》（晋科函〔2020〕41号）要求") || strings.Contains(body, "2019") {
			t.Errorf("%s letter:\n%s", c.appliedOn, body)
		}
		sh, err := programme.BuildSheet(sheet, []*programme.Evaluation{ev})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(sh.Subtitle, c.batch) || !strings.HasPrefix(sh.Title, "2020年") {
			t.Errorf("%s sheet: %q / %q", c.appliedOn, sh.Title, sh.Subtitle)
		}
	}
	// The 2019 parent still cites its own notice.
	f := demo(t, set, "shanxi-hightech-2019")
	ev := programme.Evaluate(set.Get("shanxi-hightech-2019"), f, today)
	for _, o := range ev.Outputs() {
		if o.ID != "letter" {
			continue
		}
		for _, b := range ev.Report(o, time.Time{}).Blocks {
			if para, ok := b.(*document.Paragraph); ok && strings.HasPrefix(para.Text, "根据") &&
				!strings.HasPrefix(para.Text, "根据《关于组织开展2019年山西省高新技术企业认定工作的通知》（晋科函〔2019〕35号）要求") {
				t.Errorf("2019 letter: %s", para.Text)
			}
		}
	}
}
