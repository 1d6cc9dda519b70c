package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

const demoID = "shanxi-techinnov-2019"

func load(t testing.TB) *programme.Programme {
	t.Helper()
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get(demoID)
	if p == nil {
		t.Fatalf("no programme %s", demoID)
	}
	return p
}

func demo(t testing.TB, p *programme.Programme) *Session {
	t.Helper()
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, f)
	s.SetClock(func() time.Time { return time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC) })
	return s
}

func TestSetGet(t *testing.T) {
	p := load(t)
	cases := []struct {
		name, path, input, want string
		err                     error
	}{
		{"text", "project_name", "智能控制系统", "智能控制系统", nil},
		{"enterprise text", "enterprise.name", "山西示例科技有限公司", "山西示例科技有限公司", nil},
		{"money as typed", "requested_amount", " 1,500.00 ", "1,500.00", nil},
		{"money full-width", "total_investment", "１５００．５", "１５００．５", nil},
		{"integer", "enterprise.employees", "320", "320", nil},
		{"bool yes", "legal_person", "是", "是", nil},
		{"bool false", "fits_catalogue", "false", "否", nil},
		{"enum", "category", "output", "output", nil},
		{"date", "applied_on", "2019-05-20", "2019-05-20", nil},
		{"multi", "enterprise.tags", "高新技术企业、技术中心企业，合资企业", "高新技术企业、技术中心企业、合资企业", nil},
		{"empty removes", "project_name", "", "", nil},
		{"unknown", "no_such_field", "x", "", ErrUnknownField},
		{"unknown enterprise", "enterprise.nope", "x", "", ErrUnknownField},
		{"table itself", "enterprise.finance", "x", "", ErrBadPath},
		{"missing row", "enterprise.finance[0].year", "2018", "", ErrRow},
		{"bad index", "enterprise.finance[x].year", "2018", "", ErrBadPath},
		{"unknown column", "enterprise.finance[0].nope", "1", "", ErrUnknownField},
		{"index on non-table", "enterprise.name[0].x", "1", "", ErrBadPath},
		{"dangling dot", "enterprise.", "1", "", ErrBadPath},
	}
	s := New(p, nil)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.Set(c.path, c.input)
			if !errors.Is(err, c.err) {
				t.Fatalf("Set(%q, %q) = %v, want %v", c.path, c.input, err, c.err)
			}
			if got := s.Get(c.path); got != c.want {
				t.Errorf("Get(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
}

func TestTableRows(t *testing.T) {
	p := load(t)
	s := New(p, nil)
	const tb = "enterprise.finance"
	for i, year := range []string{"2016", "2017", "2018"} {
		n, err := s.AddRow(tb)
		if err != nil || n != i {
			t.Fatalf("AddRow = %d, %v", n, err)
		}
		if err := s.Set(tb+"["+string(rune('0'+i))+"].year", year); err != nil {
			t.Fatal(err)
		}
	}
	years := func() string {
		var out []string
		for i := 0; i < s.Rows(tb); i++ {
			out = append(out, s.Get(tb+"["+string(rune('0'+i))+"].year"))
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		name string
		do   func() error
		want string
		err  error
	}{
		{"start", func() error { return nil }, "2016,2017,2018", nil},
		{"move last to first", func() error { return s.MoveRow(tb, 2, 0) }, "2018,2016,2017", nil},
		{"move first to last", func() error { return s.MoveRow(tb, 0, 2) }, "2016,2017,2018", nil},
		{"move down one", func() error { return s.MoveRow(tb, 0, 1) }, "2017,2016,2018", nil},
		{"move out of range", func() error { return s.MoveRow(tb, 0, 3) }, "2017,2016,2018", ErrRow},
		{"remove middle", func() error { return s.RemoveRow(tb, 1) }, "2017,2018", nil},
		{"remove out of range", func() error { return s.RemoveRow(tb, 5) }, "2017,2018", ErrRow},
		{"remove negative", func() error { return s.RemoveRow(tb, -1) }, "2017,2018", ErrRow},
		{"add row to non-table", func() error { _, err := s.AddRow("enterprise.name"); return err }, "2017,2018", ErrBadPath},
	}
	for _, st := range steps {
		if err := st.do(); !errors.Is(err, st.err) {
			t.Fatalf("%s: err %v, want %v", st.name, err, st.err)
		}
		if got := years(); got != st.want {
			t.Fatalf("%s: years %s, want %s", st.name, got, st.want)
		}
	}
}

func TestMalformedTableIsNotClobbered(t *testing.T) {
	p := load(t)
	f := &dossier.File{Enterprise: map[string]any{"finance": "oops"}}
	s := New(p, f)
	if _, err := s.AddRow("enterprise.finance"); !errors.Is(err, ErrNotTable) {
		t.Fatalf("AddRow on a string: %v", err)
	}
	if f.Enterprise["finance"] != "oops" {
		t.Fatal("malformed value was replaced")
	}
	if s.Rows("enterprise.finance") != 0 || s.Get("enterprise.finance[0].year") != "" {
		t.Fatal("rows of a malformed table")
	}
}

// The rule flips exactly at the notice's threshold, with the amount typed the way people type.
func TestRuleFlipsAtThreshold(t *testing.T) {
	p := load(t)
	s := demo(t, p)
	if !s.Evaluate().Eligible() {
		t.Fatalf("demo not eligible: %+v", s.Evaluate().Problems)
	}
	cell := "enterprise.finance[2].main_revenue" // 2018 in the demo
	if s.Get("enterprise.finance[2].year") != "2018" {
		t.Fatal("demo row 2 is not 2018")
	}
	for _, c := range []struct {
		input  string
		passed bool
	}{{"1499.99", false}, {"1500", true}, {"1,499.99", false}, {"１５００．００", true}, {"1,500.00", true}} {
		before := s.Changes()
		if err := s.Set(cell, c.input); err != nil {
			t.Fatal(err)
		}
		if s.Changes() != before+1 || !s.Dirty() {
			t.Fatal("change not counted")
		}
		if got := rule(s.Evaluate(), "main-revenue-2018").Passed; got != c.passed {
			t.Errorf("main revenue %q: passed %v, want %v", c.input, got, c.passed)
		}
		if c.passed != (s.Status() == StatusEligible) {
			t.Errorf("main revenue %q: status %s", c.input, s.Status())
		}
	}
}

func rule(ev *programme.Evaluation, id string) programme.RuleResult {
	for _, r := range ev.Rules {
		if r.ID == id {
			return r
		}
	}
	return programme.RuleResult{}
}

func TestProblemsAndVisibility(t *testing.T) {
	p := load(t)
	s := demo(t, p)
	if err := s.Set("enterprise.credit_code", "91140105MA0K7D3Q2X"); err != nil {
		t.Fatal(err)
	}
	pr := s.ProblemsFor("enterprise.credit_code")
	if len(pr) != 1 || !strings.HasPrefix(pr[0].Message, "统一社会信用代码") {
		t.Fatalf("credit code problems: %+v", pr)
	}
	if s.Status() != StatusDraft {
		t.Fatalf("status %s", s.Status())
	}
	if err := s.Set("enterprise.finance[0].year", "2017"); err != nil { // duplicate year
		t.Fatal(err)
	}
	if len(s.ProblemsUnder("enterprise.finance")) == 0 {
		t.Fatal("no problem for a duplicate year")
	}
	if !s.Evaluate().Visible("rd") {
		t.Fatal("rd section hidden for rd-deduction")
	}
	_ = s.Set("category", "output")
	if s.Evaluate().Visible("rd") {
		t.Fatal("rd section still shown for another category")
	}
	if n, max := s.CharCount("category_basis"); max != 300 || n == 0 {
		t.Fatalf("CharCount = %d/%d", n, max)
	}
}

func TestExportNormalizes(t *testing.T) {
	p := load(t)
	s := New(p, nil)
	s.SetClock(func() time.Time { return time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC) })
	_ = s.Set("requested_amount", "1,500.50")
	_ = s.Set("total_investment", "１５００")
	_ = s.Set("enterprise.employees", "３２0")
	_ = s.Set("legal_person", "是")
	_ = s.Set("project_name", "  名称  ")
	_ = s.Set("summary", "不是数字")
	_, _ = s.AddRow("enterprise.finance")
	_ = s.Set("enterprise.finance[0].main_revenue", "1,499.99")
	_ = s.Set("rd_deduction_amount", "abc")
	b, err := json.Marshal(s.Export())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"requested_amount":1500.5`, `"total_investment":1500`, `"employees":320`,
		`"legal_person":true`, `"project_name":"  名称  "`, `"main_revenue":1499.99`, `"rd_deduction_amount":"abc"`,
		`"applied_on":"2019-06-10"`} { // the programme's default date (its deadline), not the clock's
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %s:\n%s", want, b)
		}
	}
	if got := s.Get("requested_amount"); got != "1,500.50" {
		t.Errorf("export changed the session: %q", got)
	}
	// The exported file reads back as the same evaluation.
	f, err := dossier.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	a, e := s.Evaluate(), programme.Evaluate(p, f, time.Now())
	countErrs := func(ps []programme.Problem) (n int) {
		for _, p := range ps {
			if !p.Warning {
				n++
			}
		}
		return n
	}
	if countErrs(a.Problems) != countErrs(e.Problems) { // the export gives the date: no "default" warning
		t.Errorf("problems differ after export: %d vs %d", countErrs(a.Problems), countErrs(e.Problems))
	}
}

// The session, the data file and the GUI share programme.Field.Parse: 1 is 是 for a yes/no
// answer (the session's own parser once took it and the data file's did not), a date typed as
// 2012年5月18日 and an amount typed as 300万 are exported as the contract writes them.
func TestSessionUsesTheDomainParser(t *testing.T) {
	p := load(t)
	s := demo(t, p)
	_ = s.Set("legal_person", "1")
	_ = s.Set("enterprise.registered_on", "2012年5月18日")
	_ = s.Set("requested_amount", "300万")
	_ = s.Set("summary", "第一段\r\n第二段")
	_ = s.Set(AppliedOn, "2019年5月20日")
	if v, set := s.Bool("legal_person"); !v || !set {
		t.Errorf("legal_person after 1 = %v, %v", v, set)
	}
	b, err := json.Marshal(s.Export())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"legal_person":true`, `"registered_on":"2012-05-18"`, `"requested_amount":300`, `"summary":"第一段\n第二段"`, `"applied_on":"2019-05-20"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %s", want)
		}
	}
	for _, pr := range s.Evaluate().Problems {
		if strings.HasPrefix(pr.Field, "enterprise.registered_on") || pr.Field == "requested_amount" || pr.Field == "legal_person" {
			t.Errorf("session refuses what the data file takes: %s", pr.Message)
		}
	}
}

// A required integer typed as 35.5 says 请填整数, once: not also 未填写 (issue 10 item 7).
func TestTypedIntegerSaysWhole(t *testing.T) {
	s := demo(t, load(t))
	_ = s.Set("enterprise.employees", "35.5")
	got := s.ProblemsFor("enterprise.employees")
	if len(got) != 1 || !strings.Contains(got[0].Message, "请填整数") {
		t.Fatalf("problems for 35.5: %+v", got)
	}
	_ = s.Set("enterprise.employees", "３５")
	if got := s.ProblemsFor("enterprise.employees"); len(got) != 0 {
		t.Fatalf("problems for full-width 35: %+v", got)
	}
}

func TestProfileSession(t *testing.T) {
	s, err := NewProfile(map[string]any{"name": "甲公司"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "甲公司" {
		t.Fatal(s.Name())
	}
	if err := s.Set("category", "output"); !errors.Is(err, ErrUnknownField) {
		t.Fatalf("answer path in a profile session: %v", err)
	}
	for _, pr := range s.Evaluate().Problems {
		if !strings.HasPrefix(pr.Field, "enterprise.") {
			t.Errorf("non-profile problem %+v", pr)
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	p := load(t)
	s := demo(t, p)
	_ = s.Set("requested_amount", "3,00.00")
	b, n, err := s.Snapshot()
	if err != nil || n != s.Changes() {
		t.Fatal(err, n)
	}
	s.MarkSaved(n)
	if s.Dirty() {
		t.Fatal("dirty after MarkSaved")
	}
	f, err := dossier.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if New(p, f).Get("requested_amount") != "3,00.00" {
		t.Fatal("typed text not kept")
	}
}

// No input makes the session panic.
func FuzzSet(f *testing.F) {
	p := load(f)
	for _, seed := range []string{"enterprise.finance[0].year", "a[", "enterprise.finance[-1].x", "[0].x", "enterprise.finance[99999999999999999999].year", "..", "applied_on"} {
		f.Add(seed, "1,500")
	}
	f.Fuzz(func(t *testing.T, path, input string) {
		s := New(p, nil)
		_, _ = s.AddRow("enterprise.finance")
		_ = s.Set(path, input)
		_ = s.Get(path)
		_ = s.ProblemsFor(path)
		_ = s.SetList(path, []string{input})
		_ = s.MoveRow(path, 0, 0)
		_ = s.Export()
	})
}

// The domain must build and test without a display: nothing under dossier/ imports Fyne.
func TestNoFyneUnderDossier(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "dossier/dossier/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "fyne.io/") {
			t.Errorf("dossier/... depends on %s", line)
		}
	}
}
