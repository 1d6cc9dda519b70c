package pdf

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier/document"
)

// rareNames are names with hanzi outside GB 2312 (喆 堃 赟 旸 昇 玥 犇 淼) and 〇: with the old
// fonts the Song face lacked them and they came out in the Hei face, mid-name.
const rareNames = "李喆、王堃、赵赟、陈旸、刘昇、孙玥、周犇、吴淼，二〇一九年"

// pageFonts lists the fonts (BaseFont without the subset tag) that draw text on page n:
// the font current at each Tj of the page's content stream, read from qpdf's QDF form.
// (pdffonts -f n lists every font of the shared resource dictionary, used or not.)
func pageFonts(t *testing.T, path string, n int) []string {
	t.Helper()
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	b, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	at := strings.Index(s, "%% Contents for page "+strconv.Itoa(n)+"\n")
	if at < 0 {
		t.Fatalf("no page %d", n)
	}
	content := s[at:]
	content = content[:strings.Index(content, "endstream")]
	base := map[string]string{} // resource name → BaseFont
	for _, m := range regexp.MustCompile(`(?m)^\s*/(F[0-9a-f]+) (\d+) 0 R$`).FindAllStringSubmatch(s, -1) {
		obj := s[strings.Index(s, "\n"+m[2]+" 0 obj")+1:]
		if bf := regexp.MustCompile(`/BaseFont /(?:[A-Z]{6}\+)?(\S+)`).FindStringSubmatch(obj[:strings.Index(obj, "endobj")]); bf != nil {
			base[m[1]] = bf[1]
		}
	}
	seen := map[string]bool{}
	var names []string
	cur := ""
	for _, m := range regexp.MustCompile(`/(F[0-9a-f]+) [\d.]+ Tf|[)>] ?Tj`).FindAllStringSubmatch(content, -1) {
		if m[1] != "" {
			cur = base[m[1]]
		} else if !seen[cur] {
			seen[cur] = true
			names = append(names, cur)
		}
	}
	return names
}

func TestRareCharactersInBodyFace(t *testing.T) {
	r := &document.Report{Title: "生僻字", Blocks: []document.Block{
		&document.Paragraph{Text: "法定代表人：" + rareNames},
		&document.Table{Columns: []document.Column{{Header: "姓名"}, {Header: "职务"}},
			Rows: [][]string{{"李喆", "总经理"}, {"王堃", "技术总监"}}},
		&document.PageBreak{},
		&document.Paragraph{Text: rareNames, NoIndent: true},
	}}
	path, data := renderFile(t, r, Options{})
	if got := pageFonts(t, path, 2); len(got) != 1 || got[0] != "notoserifcjksc" {
		t.Errorf("page of body text with rare names uses fonts %v, want only the body face", got)
	}
	text := tool(t, "pdftotext", path, "-")
	if !strings.Contains(text, rareNames) {
		t.Errorf("rare names lost:\n%s", text)
	}
	if len(data) > 60_000 {
		t.Errorf("two-page PDF is %d bytes: fonts not subset?", len(data))
	}
}

func TestFangFace(t *testing.T) {
	r := &document.Report{Title: "函", Blocks: []document.Block{
		&document.Paragraph{Text: "山西省工业和信息化厅：现将我市2019年技术改造专项资金项目申报材料报上，请予审核。"},
	}}
	path, _ := renderFile(t, r, Options{Face: FaceFang})
	if got := pageFonts(t, path, 1); len(got) != 1 || got[0] != "fandolfang" {
		t.Errorf("letter body uses fonts %v, want only fandolfang", got)
	}
	path, _ = renderFile(t, r, Options{})
	if got := pageFonts(t, path, 1); len(got) != 1 || got[0] != "notoserifcjksc" {
		t.Errorf("default body uses fonts %v", got)
	}
}

// With the proportional Latin of the Noto faces a credit code no longer fitted the fixed
// value column of a 4-column 基本信息表 and split as "91140105MA0K7D3Q/2G".
func TestKeyValuesKeepCodesWhole(t *testing.T) {
	r := &document.Report{Title: "基本信息", Blocks: []document.Block{&document.KeyValues{Columns: 4, Pairs: []document.Pair{
		{Label: "企业名称", Value: "山西汾河智能装备有限公司", Wide: true},
		{Label: "统一社会信用代码", Value: "91140105MA0K7D3Q2G"}, {Label: "注册成立日期", Value: "2009-03-16"},
		{Label: "电子邮箱", Value: "xiaomin.li@fenhe-zb.cn"}, {Label: "企业技术中心级别", Value: "省级企业技术中心"},
	}}}}
	path, _ := renderFile(t, r, Options{})
	text := tool(t, "pdftotext", "-layout", path, "-")
	for _, want := range []string{"91140105MA0K7D3Q2G", "xiaomin.li@fenhe-zb.cn", "企业技术中心级别", "省级企业技术中心"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q split:\n%s", want, text)
		}
	}
}

// A table column too narrow (by the template's relative widths) for its short cells used to
// split them: "发明专/利", "2020年12/月". It now takes the width from a column with room.
func TestTableColumnsFitShortCells(t *testing.T) {
	r := &document.Report{Title: "知识产权", Blocks: []document.Block{&document.Table{
		Columns: []document.Column{
			{Header: "序号", Width: 0.4, Kind: "int"}, {Header: "知识产权名称", Width: 4},
			{Header: "类别", Width: 0.5}, {Header: "授权日期", Width: 0.6}, {Header: "金额", Unit: "万元", Width: 0.5, Kind: "money"},
		},
		Rows: [][]string{{"1", "一种基于边缘计算的煤矿综采工作面液压支架电液控制方法", "发明专利", "2020年12月", "1,036.92"}},
	}}}
	path, _ := renderFile(t, r, Options{})
	text := tool(t, "pdftotext", "-layout", path, "-")
	for _, want := range []string{"发明专利", "2020年12月", "1,036.92", "（万元）"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q split:\n%s", want, text)
		}
	}
}
