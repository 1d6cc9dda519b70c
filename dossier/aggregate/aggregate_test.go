package aggregate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/aggregate"
	"dossier/dossier/decimal"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/render/xlsx"
	"dossier/dossier/validate"
	"dossier/templates"
)

const techinnov = "shanxi-techinnov-2019"

var today = time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)

func load(t testing.TB, id string) *programme.Programme {
	t.Helper()
	p, ok, err := programme.LoadOne(id, templates.FS)
	if err != nil || !ok {
		t.Fatalf("load %s: %v", id, err)
	}
	return p
}

// demo is the programme's demo data file as a map, changed by edit.
func demo(t testing.TB, p *programme.Programme, edit func(m map[string]any)) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(p.Demo, &m); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(m)
	}
	return m
}

func write(t testing.TB, dir, name string, m map[string]any) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func ent(m map[string]any) map[string]any     { return m["enterprise"].(map[string]any) }
func answers(m map[string]any) map[string]any { return m["answers"].(map[string]any) }

// creditCode is a valid 统一社会信用代码 (GB 32100 check character) numbered n.
func creditCode(n int) string {
	first := fmt.Sprintf("91140105MA%07d", n)
	return first + string(validate.CreditCheckChar(first))
}

// enterprise makes m another enterprise: its own name, credit code and 2018 revenue.
func enterprise(n int, revenue float64) func(m map[string]any) {
	return func(m map[string]any) {
		ent(m)["name"] = fmt.Sprintf("山西第%d号装备有限公司", n)
		ent(m)["credit_code"] = creditCode(n)
		for _, r := range ent(m)["finance"].([]any) {
			if row := r.(map[string]any); row["year"] == 2018.0 {
				row["main_revenue"] = revenue
			}
		}
	}
}

func build(t testing.TB, p *programme.Programme, data, out string) {
	t.Helper()
	f, err := dossier.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pack.Build(programme.Evaluate(p, f, today), pack.Options{Out: out, Now: today}); err != nil {
		t.Fatal(err)
	}
}

// column is the index of the summary column with that header.
func column(t testing.TB, r *aggregate.Result, header string) int {
	t.Helper()
	for j, c := range r.Sheets[0].Columns {
		if c.Header == header {
			return j
		}
	}
	t.Fatalf("no column %s", header)
	return -1
}

// Every way an input can fail, and the same enterprise's second project: each input's verdict
// is as CONTRACT.md says, only what went in is summed, and the 2018 revenue of an enterprise
// with two projects is counted once (18,650, not 37,300).
func TestVerdicts(t *testing.T) {
	p := load(t, techinnov)
	dir := t.TempDir()
	a := write(t, dir, "a.json", demo(t, p, nil))
	second := write(t, dir, "b.json", demo(t, p, func(m map[string]any) {
		answers(m)["project_name"] = "智能煤机装备第二期项目"
		answers(m)["total_investment"] = 1000.5
	}))
	ineligible := write(t, dir, "c.json", demo(t, p, enterprise(2, 100)))
	invalid := write(t, dir, "d.json", demo(t, p, func(m map[string]any) { ent(m)["employees"] = "很多" }))
	pkgOfA := filepath.Join(dir, "pkg-a")
	build(t, p, a, pkgOfA)
	tampered := filepath.Join(dir, "pkg-e")
	build(t, p, write(t, t.TempDir(), "e.json", demo(t, p, enterprise(3, 5000))), tampered)
	os.WriteFile(pack.FindDataFile(tampered), []byte(`{"format":1}`), 0o644)
	fifo := filepath.Join(dir, "fifo.json")
	if err := mkfifo(fifo); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link.json")
	os.Symlink(fifo, link)
	notPkg := t.TempDir()
	changed := write(t, dir, "a-changed.json", demo(t, p, func(m map[string]any) { answers(m)["total_investment"] = 9999 }))

	inputs := []string{a, a, pkgOfA, second, ineligible, invalid, tampered, fifo, link, notPkg, changed}
	want := []aggregate.Verdict{aggregate.Included, aggregate.Duplicate, aggregate.Duplicate, aggregate.Included,
		aggregate.NotEligible, aggregate.Invalid, aggregate.Tampered, aggregate.Invalid, aggregate.Invalid, aggregate.Invalid,
		aggregate.Duplicate}
	r, err := aggregate.Run(p, inputs, aggregate.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range r.Entries {
		if e.Verdict != want[i] {
			t.Errorf("%s: %s (%s), want %s", filepath.Base(e.Input), e.Verdict, e.Reason, want[i])
		}
		if e.Verdict != aggregate.Included && e.Reason == "" {
			t.Errorf("%s: %s without a reason", e.Input, e.Verdict)
		}
		if strings.ContainsAny(e.Reason, "abcdefghijklmnopqrstuvwxyz") && !strings.Contains(e.Reason, "manifest.json") && !strings.Contains(e.Reason, ".json") {
			t.Errorf("%s: English in the reason: %s", e.Input, e.Reason)
		}
	}
	for i, frag := range map[int]string{1: "与第 1 份", 2: "与第 1 份", 4: "尚差", 5: "职工总数", 6: "文件已被修改", 7: "管道", 8: "管道", 9: "不是申报包", 10: "内容不同"} {
		if !strings.Contains(r.Entries[i].Reason, frag) {
			t.Errorf("%s: reason %q lacks %q", inputs[i], r.Entries[i].Reason, frag)
		}
	}
	// The same file again and the package built from it are the same content.
	for _, i := range []int{1, 2} {
		if strings.Contains(r.Entries[i].Reason, "内容不同") {
			t.Errorf("%s: %s", inputs[i], r.Entries[i].Reason)
		}
	}
	if r.Included() != 2 || len(r.Sheets) != 1 || len(r.Sheets[0].Rows) != 2 {
		t.Fatalf("included %d, sheets %d", r.Included(), len(r.Sheets))
	}
	sh := r.Sheets[0]
	rev, inv, no := column(t, r, "2018年主营业务收入"), column(t, r, "项目总投资"), column(t, r, "序号")
	if got := sh.Total[rev].Number; got != "18650.00" {
		t.Errorf("2018年主营业务收入 total %s, want 18650.00 (one enterprise, two projects)", got)
	}
	if got := sh.Total[inv].Number; got != "3860.50" {
		t.Errorf("项目总投资 total %s, want 2860.00 + 1000.50", got)
	}
	if sh.Rows[0][no].Number != "1" || sh.Rows[1][no].Number != "2" {
		t.Errorf("序号 %v %v", sh.Rows[0][no], sh.Rows[1][no])
	}
	if !strings.Contains(sh.Note, "“2018年主营业务收入”的合计按企业计") {
		t.Errorf("note: %s", sh.Note)
	}
	if s := r.Summary(); s != "共 11 份，纳入 2 份，重复 3 份，不符合 1 份，数据有误 4 份，申报包被改动 1 份" {
		t.Errorf("summary %s", s)
	}
}

// readSheet opens the rendered workbook and returns a sheet's rows.
func readSheet(t *testing.T, f *excelize.File, name string) [][]string {
	t.Helper()
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The totals in the written workbook are the sums of the rows that went in: per row for a
// project quantity, once per enterprise for the 2018 revenue. Duplicates add nothing.
func TestTotalsEqualWhatWentIn(t *testing.T) {
	p := load(t, techinnov)
	dir := t.TempDir()
	var inputs []string
	for i := range 12 {
		n := i % 5 // five enterprises, some with several projects
		m := demo(t, p, enterprise(n+10, 2000+float64(n)*111.11))
		answers(m)["project_name"] = fmt.Sprintf("第%d号项目", i%9) // (i%5, i%9) differ for i < 12
		answers(m)["total_investment"] = 1000 + float64(i)*10.01
		inputs = append(inputs, write(t, dir, fmt.Sprintf("%02d.json", i), m))
	}
	inputs = append(inputs, inputs[3], inputs[7]) // given twice
	r, err := aggregate.Run(p, inputs, aggregate.Options{Today: today, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Count(aggregate.Duplicate) < 2 {
		t.Fatalf("duplicates: %s", r.Summary())
	}
	var buf bytes.Buffer
	if err := xlsx.Render(&buf, append(r.Sheets, r.Checklist(p.Title, true))...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := readSheet(t, f, f.GetSheetName(0))
	header := rows[2]
	col := func(h string) int {
		for j, c := range header {
			if strings.HasPrefix(c, h) {
				return j
			}
		}
		t.Fatalf("no column %s in %v", h, header)
		return -1
	}
	rev, inv, code := col("2018年主营业务收入"), col("项目总投资"), col("统一社会信用代码")
	var body [][]string
	var total []string
	for _, row := range rows[3:] {
		switch {
		case len(row) > 0 && row[0] == "合计":
			total = row
		case len(row) > inv && row[inv] != "":
			body = append(body, row)
		}
	}
	if len(body) != r.Included() || total == nil {
		t.Fatalf("%d rows for %d included, total %v", len(body), r.Included(), total)
	}
	sum := func(rows [][]string, j int) decimal.D {
		var s decimal.D
		for _, row := range rows {
			d, err := decimal.Parse(row[j])
			if err != nil {
				t.Fatalf("cell %q: %v", row[j], err)
			}
			s = s.Add(d)
		}
		return s
	}
	once := map[string][]string{}
	var firsts [][]string
	for _, row := range body {
		if once[row[code]] == nil {
			once[row[code]] = row
			firsts = append(firsts, row)
		}
	}
	if len(firsts) != 5 {
		t.Fatalf("%d enterprises, want 5", len(firsts))
	}
	for _, c := range []struct {
		j    int
		want decimal.D
	}{{inv, sum(body, inv)}, {rev, sum(firsts, rev)}} {
		got, err := decimal.Parse(total[c.j])
		if err != nil || got.Cmp(c.want) != 0 {
			t.Errorf("total of %s: %s, want %s", header[c.j], total[c.j], c.want.Fixed(2))
		}
	}
	list := readSheet(t, f, aggregate.ChecklistName)
	verdicts := map[string]int{}
	for _, row := range list[3:] { // title, subtitle, header
		verdicts[row[5]]++ // 序号 输入 企业名称 统一社会信用代码 项目名称 审核结论 原因
	}
	if verdicts["纳入"] != r.Included() || verdicts["重复"] != r.Count(aggregate.Duplicate) {
		t.Errorf("审核清单 verdicts %v, result %s", verdicts, r.Summary())
	}
}

// One worker or many: the same result, in input order.
func TestWorkersDoNotChangeTheResult(t *testing.T) {
	p := load(t, techinnov)
	dir := t.TempDir()
	var inputs []string
	for i := range 20 {
		inputs = append(inputs, write(t, dir, fmt.Sprintf("%02d.json", i), demo(t, p, enterprise(i%7, 3000+float64(i)))))
	}
	one, _ := aggregate.Run(p, inputs, aggregate.Options{Today: today, Workers: 1})
	many, _ := aggregate.Run(p, inputs, aggregate.Options{Today: today, Workers: 8})
	a, _ := json.Marshal(one)
	b, _ := json.Marshal(many)
	if !bytes.Equal(a, b) {
		t.Fatalf("1 worker:\n%s\n8 workers:\n%s", a, b)
	}
	if one.Included() != 7 {
		t.Errorf("%s", one.Summary())
	}
}

// Which columns are enterprise quantities.
func TestPerEnterpriseColumns(t *testing.T) {
	cases := map[string]map[string]bool{
		techinnov:              {"2018年主营业务收入": true, "企业名称": true, "项目总投资": false, "申请专项资金": false, "研发费用加计扣除金额": false, "序号": false},
		"ningbo-hightech-2019": {"职工总数": true, "科技人员数": true, "国网系统填报号": false},
	}
	for id, want := range cases {
		p := load(t, id)
		got := aggregate.PerEnterpriseColumns(p)
		for h, per := range want {
			if got[h] != per {
				t.Errorf("%s %s: per-enterprise %v, want %v", id, h, got[h], per)
			}
		}
	}
}

// The sheets' heads come from the first input that went in, however many workers run ahead of
// the collector (they leave the heads out once it has them): the result is the same with one
// worker as with several, and the head is the first included dossier's own.
func TestHeadsFromTheFirstIncluded(t *testing.T) {
	for _, id := range []string{techinnov, "hebei-techreform-2019"} {
		p := load(t, id)
		dir := t.TempDir()
		inputs := []string{write(t, dir, "bad.json", map[string]any{"format": 1, "programme": id, "answers": []any{}})}
		for i := range 40 {
			m := demo(t, p, enterprise(i, 2000+float64(i)))
			inputs = append(inputs, write(t, dir, fmt.Sprintf("%02d.json", i), m))
		}
		inputs = append(inputs, inputs[3]) // a duplicate
		one, err := aggregate.Run(p, inputs, aggregate.Options{Today: today, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		many, err := aggregate.Run(p, inputs, aggregate.Options{Today: today, Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		if one.Included() < 30 || !reflect.DeepEqual(one, many) {
			t.Fatalf("%s: %s with one worker, %s with four, or they differ", id, one.Summary(), many.Summary())
		}
		f, err := dossier.ReadFile(inputs[1])
		if err != nil {
			t.Fatal(err)
		}
		sh, err := programme.BuildSheet(aggregateSheet(p), []*programme.Evaluation{programme.Evaluate(p, f, today)})
		if err != nil {
			t.Fatal(err)
		}
		got := one.Sheets[0]
		if got.Name != sh.Name || got.Title != sh.Title || got.Subtitle != sh.Subtitle || !reflect.DeepEqual(got.Columns, sh.Columns) {
			t.Errorf("%s: the head is not the first included dossier's", id)
		}
	}
}

// aggregateSheet is the programme's first summary sheet output.
func aggregateSheet(p *programme.Programme) *programme.Output {
	for i := range p.Outputs {
		if o := &p.Outputs[i]; o.Kind == programme.KindSheet && o.Sheet != nil {
			return o
		}
	}
	return nil
}
