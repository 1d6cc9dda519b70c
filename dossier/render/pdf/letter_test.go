package pdf

import (
	"math"
	"sort"
	"strings"
	"testing"

	"dossier/dossier/document"
	"dossier/dossier/internal/pdfprobe"
)

// letterReport is a 请示 as the templates write one.
func letterReport() *document.Report {
	return &document.Report{Title: "请示",
		Letter: &document.Letter{Kind: "请示", Number: "并工信字〔2019〕12号", Signed: true, Signer: "王建国", Date: "2019年5月20日"},
		Blocks: []document.Block{
			&document.Heading{Level: 1, Centered: true, NoTOC: true, Text: "太原市工业和信息化局关于申报2019年山西省技术改造专项资金技术创新提升专项（第一批）项目的请示"},
			&document.Paragraph{Text: "山西省工业和信息化厅：", NoIndent: true},
			&document.Paragraph{Text: "根据《关于申报2019年山西省技术改造专项资金技术创新提升专项（第一批）的通知》要求，我局组织开展了项目申报和审核工作，现予推荐上报。\n妥否，请批示。"},
			&document.Annex{Items: []string{"项目申报汇总表", "山西汾河智能装备有限公司矿用综采工作面智能控制系统研发费用加计扣除奖励项目资金申请报告"}},
			&document.Signature{Lines: []document.SignLine{{Value: "太原市工业和信息化局", Seal: true}}, Date: "　　　　年　　月　　日"},
			&document.Paragraph{Text: "（联系人：李晓敏　联系电话：0351-7658821）", NoIndent: true},
		}}
}

// linesOf is the page's text line by line (words of about the same top, left to right).
func linesOf(p pdfprobe.Page) []string {
	words := append([]pdfprobe.Word(nil), p.Words...)
	sort.SliceStable(words, func(i, j int) bool {
		if math.Abs(words[i].YMin-words[j].YMin) > 2 {
			return words[i].YMin < words[j].YMin
		}
		return words[i].XMin < words[j].XMin
	})
	var lines []string
	top := -100.0
	for _, w := range words {
		if w.YMin-top > 2 {
			lines = append(lines, "")
			top = w.YMin
		}
		lines[len(lines)-1] += w.Text
	}
	return lines
}

// find returns the first word of the page that starts with prefix.
func find(t *testing.T, p pdfprobe.Page, prefix string) pdfprobe.Word {
	t.Helper()
	for _, w := range p.Words {
		if strings.HasPrefix(w.Text, prefix) {
			return w
		}
	}
	t.Fatalf("no word %q on the page:\n%s", prefix, p.Text())
	return pdfprobe.Word{}
}

// TestLetterLayout reads a 请示 back: the 发文字号 left and 签发人 right on one line above the
// title; the title in 22 pt broken between words; the 主送 flush left; the body in 3号 Fang
// ending "妥否，请批示。"; the 附件 list numbered with the names aligned; the 落款 at the
// bottom right with the date four characters in and the unit centred over it; the 附注 under it.
func TestLetterLayout(t *testing.T) {
	path, _ := renderFile(t, letterReport(), Options{})
	pages, err := pdfprobe.Pages(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages, want the letter on one", len(pages))
	}
	p := pages[0]
	left, right := 27/pdfprobe.PtMM, (pageW-27)/pdfprobe.PtMM
	num, signer := find(t, p, "并工信字"), find(t, p, "签发人")
	if math.Abs(num.YMin-signer.YMin) > 1 || num.XMin > left+20 || signer.XMax < right-20 {
		t.Errorf("发文字号 %+v and 签发人 %+v are not on one line, left and right", num, signer)
	}
	title := find(t, p, "关于申报2019年山西省")
	if w := find(t, p, "太原市工业和信息化局"); math.Abs((w.XMax-w.XMin)/10-22) > 0.5 {
		t.Errorf("title characters are %.1f pt wide, want 2号 (22 pt)", (w.XMax-w.XMin)/10)
	}
	lines := linesOf(p)
	if len(lines) < 4 || lines[1] != "太原市工业和信息化局" || lines[2] != "关于申报2019年山西省技术改造专项资金" || lines[3] != "技术创新提升专项（第一批）项目的请示" {
		t.Errorf("title lines %q: want breaks before 关于 and between words", lines)
	}
	to := find(t, p, "山西省工业和信息化厅：")
	if to.XMin > left+2 || to.YMin < title.YMax {
		t.Errorf("主送 %+v is not flush left under the title", to)
	}
	if w := (to.XMax - to.XMin) / 11; math.Abs(w-16) > 0.5 {
		t.Errorf("body characters are %.1f pt wide, want 3号 (16 pt)", w)
	}
	closing, annex := find(t, p, "妥否，请批示。"), find(t, p, "附件：1.")
	two, wrapped := find(t, p, "2."), find(t, p, "控制系统")
	if closing.YMin > annex.YMin || math.Abs(two.XMin-(annex.XMin+48)) > 1 {
		t.Errorf("附件 list %+v %+v not under the closing %+v, numbers aligned after 附件：", annex, two, closing)
	}
	if math.Abs(wrapped.XMin-(two.XMin+16)) > 2 {
		t.Errorf("a wrapped 附件 name starts at %.1f pt, want under the name (%.1f)", wrapped.XMin, two.XMin+16)
	}
	if annex.XMin < left+2*16-2 || annex.XMin > left+2*16+2 {
		t.Errorf("附件 at %.1f pt, want two characters in (%.1f)", annex.XMin, left+32)
	}
	date, unit := find(t, p, "2019年5月20日"), find(t, p, "太原市工业和信息化局")
	for _, w := range p.Words {
		if w.Text == "太原市工业和信息化局" && w.YMin > title.YMax {
			unit = w
		}
	}
	if date.YMin < annex.YMin || unit.YMin > date.YMin {
		t.Errorf("落款 %+v / %+v is not under the 附件 list", unit, date)
	}
	if d := right - date.XMax; d < 4*16-3 || d > 4*16+3 {
		t.Errorf("date ends %.1f pt from the right margin, want four characters (64)", d)
	}
	if c := (unit.XMin+unit.XMax)/2 - (date.XMin+date.XMax)/2; math.Abs(c) > 2 {
		t.Errorf("unit is %.1f pt off the date's centre", c)
	}
	if strings.Contains(p.Text(), "盖章") {
		t.Errorf("a letter's 落款 prints （盖章）: the seal goes over it")
	}
	contact := find(t, p, "（联系人")
	if contact.YMin < date.YMax || math.Abs(contact.XMin-(left+32)) > 2 {
		t.Errorf("附注 %+v is not under the date, two characters in", contact)
	}
	fonts := pageFonts(t, path, 1)
	if strings.Join(fonts, ",") != "notosanscjksc,fandolfang" && strings.Join(fonts, ",") != "fandolfang,notosanscjksc" {
		t.Errorf("letter fonts %v, want the heading face for the title and Fang for all else", fonts)
	}
}

// TestLetterSignOnBodyPage: a letter whose 落款 would go to a page of its own is set at a
// tighter line pitch, so that it stays with the body (GB/T 9704: 调整行距).
func TestLetterSignOnBodyPage(t *testing.T) {
	r := letterReport()
	body := r.Blocks[2].(*document.Paragraph)
	body.Text = strings.Repeat("经审核，该项目符合申报条件，现予推荐上报。", 24) + "\n妥否，请批示。"
	path, _ := renderFile(t, r, Options{})
	pages, err := pdfprobe.Pages(path)
	if err != nil {
		t.Fatal(err)
	}
	last := pages[len(pages)-1].Text()
	if !strings.Contains(last, "2019年5月20日") || !strings.Contains(last, "妥否") {
		t.Errorf("the 落款 is on a page without body text (%d pages):\n%s", len(pages), last)
	}
}

func TestTitleLines(t *testing.T) {
	m := func(s string) float64 { // full-width 1, ASCII ½
		w := 0.0
		for _, r := range s {
			if r < 0x80 {
				w += 0.5
			} else {
				w++
			}
		}
		return w
	}
	for _, c := range []struct {
		title string
		want  string
	}{
		{"太原市科学技术局关于推荐2019年高新技术企业认定企业的函", "太原市科学技术局|关于推荐2019年高新技术企业认定企业的函"},
		{"太原市工业和信息化局关于推荐2019年度省级中小企业公共服务示范平台的函", "太原市工业和信息化局关于推荐2019年度|省级中小企业公共服务示范平台的函"},
		{"唐山市工业和信息化局关于报送2019年省工业企业重点技术改造项目的报告", "唐山市工业和信息化局关于报送2019年|省工业企业重点技术改造项目的报告"},
		{"关于申报项目的请示", "关于申报项目的请示"},
	} {
		if got := strings.Join(titleLines(c.title, m, 19.5), "|"); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.title, got, c.want)
		}
	}
}

// A letter is set in Fang (and Hei): its document does without Song unless one of its
// characters is missing from Fang, which Song then prints.
func TestLetterSongOnlyWhenNeeded(t *testing.T) {
	full, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if err := loadFang(full); err != nil {
		t.Fatal(err)
	}
	rare := rune(0)
	for c := rune(0x4E00); c < 0x9FA5 && rare == 0; c++ {
		if full.songHas.has(c) && full.heiHas.has(c) && !full.fangHas.has(c) {
			rare = c
		}
	}
	if rare == 0 {
		t.Fatal("no character in Song that Fang lacks")
	}
	for _, extra := range []string{"", "经办人：张" + string(rare)} {
		r := letterReport()
		r.Blocks = append(r.Blocks, &document.Paragraph{Text: "特此请示。" + extra})
		path, _ := renderFile(t, r, Options{})
		fonts := tool(t, "pdffonts", path)
		if has := strings.Contains(fonts, "notoserifcjksc"); has != (extra != "") {
			t.Errorf("letter with %q: Song embedded %v:\n%s", extra, has, fonts)
		}
		if !strings.Contains(fonts, "fandolfang") {
			t.Errorf("letter with %q: no Fang:\n%s", extra, fonts)
		}
		if text := strings.Join(strings.Fields(tool(t, "pdftotext", path, "-")), ""); !strings.Contains(text, "特此请示。"+extra) {
			t.Errorf("letter with %q reads back:\n%s", extra, text)
		}
	}
}
