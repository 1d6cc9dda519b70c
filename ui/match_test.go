package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/dossier/session"
)

// The demo enterprise's 政策匹配 lists every programme with MatchAll's verdict, 符合 first,
// then 待补充, then 不符合; the techinnov demo is 符合 on the notice's date.
func TestMatchViewDemo(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.u.showHome()
	test.Tap(findButton(t, h.u.home.obj, "政策匹配"))
	ms, ok := h.u.current.(*matchScreen)
	if !ok {
		t.Fatalf("current screen is %T, not the match view", h.u.current)
	}
	all := h.u.deps.Programmes.All()
	if len(ms.results) != len(all) || len(all) != 10 {
		t.Fatalf("%d rows for %d programmes", len(ms.results), len(all))
	}
	// MatchAll's own verdicts for the same input.
	ent, err := h.st.Enterprise(h.u.ctx, ms.entID)
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := ms.inputs(ent)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := programme.MatchAll(h.u.deps.Programmes, in, testToday)
	byID := map[string]string{}
	for _, r := range want {
		byID[r.Programme.ID] = r.Verdict
	}
	text := labelTexts(ms.obj)
	rank := map[string]int{programme.VerdictEligible: 0, programme.VerdictIncomplete: 1, programme.VerdictNotEligible: 2}
	for i, r := range ms.results {
		if byID[r.Programme.ID] != r.Verdict {
			t.Errorf("%s: %s, MatchAll says %s", r.Programme.ID, r.Verdict, byID[r.Programme.ID])
		}
		if i > 0 && rank[ms.results[i-1].Verdict] > rank[r.Verdict] {
			t.Errorf("row %d (%s) after a %s", i, programme.VerdictText(r.Verdict), programme.VerdictText(ms.results[i-1].Verdict))
		}
		if !strings.Contains(text, session.ProgrammeName(r.Programme)) {
			t.Errorf("%s not shown", session.ProgrammeName(r.Programme))
		}
		for _, g := range matchGaps(&r) {
			if !strings.Contains(text, g) {
				t.Errorf("%s: gap %q not shown", r.Programme.ID, g)
			}
		}
	}
	if byID[DemoProgramme] != programme.VerdictEligible {
		t.Errorf("the techinnov demo is %s on %s", byID[DemoProgramme], testToday.Format("2006-01-02"))
	}
	if ms.results[0].Verdict != programme.VerdictEligible {
		t.Errorf("first row is %s", ms.results[0].Verdict)
	}
	colours := map[string]widget.Importance{}
	walkObjects(ms.obj, func(x any) {
		if l, ok := x.(*widget.Label); ok && l.TextStyle.Bold {
			colours[l.Text] = l.Importance
		}
	})
	if colours["符合"] != widget.SuccessImportance || colours["不符合"] != widget.DangerImportance || colours["待补充"] != widget.WarningImportance {
		t.Errorf("verdicts not in the theme's success/error/warning colours: %v", colours)
	}
	for _, w := range []string{"符合", "申报截止：", "还剩"} {
		if !strings.Contains(text, w) {
			t.Errorf("the view does not show %q:\n%s", w, text)
		}
	}
}

// 新建申报 on a row creates a dossier of that programme for the enterprise, with its name and
// the answers carried over, opens it and says how many were filled in.
func TestMatchViewCreatesDossier(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	demo := h.editor().sess.Export()
	h.u.showHome()
	h.u.showMatch(h.u.home.sel)
	ms := h.u.current.(*matchScreen)
	var target *programme.MatchResult
	for i := range ms.results {
		if ms.results[i].Programme.ID == "shanxi-hightech-2019" {
			target = &ms.results[i]
		}
	}
	if target == nil {
		t.Fatal("no 高企 row")
	}
	ms.create(target)
	ed := h.editor()
	if ed.sess.Programme().ID != "shanxi-hightech-2019" {
		t.Errorf("opened %s", ed.sess.Programme().ID)
	}
	ds, err := h.st.Dossiers(h.u.ctx, ms.entID)
	if err != nil {
		t.Fatal(err)
	}
	var got *dossier.File
	for _, d := range ds {
		if d.Programme == "shanxi-hightech-2019" {
			full, err := h.st.Dossier(h.u.ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got, err = dossier.Decode(bytes.NewReader(full.Data)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got == nil {
		t.Fatalf("no 高企 dossier after 新建申报 (%d dossiers)", len(ds))
	}
	if got.Enterprise["name"] == nil || got.Enterprise["name"] != demo.Enterprise["name"] {
		t.Errorf("enterprise name %v, the demo's is %v", got.Enterprise["name"], demo.Enterprise["name"])
	}
	if got.Answers["company_intro"] == nil || got.Answers["company_intro"] != demo.Answers["company_intro"] {
		t.Errorf("企业简介 not filled in: %v", got.Answers["company_intro"])
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "已知的填写内容") {
		t.Error("新建申报 does not say what it filled in")
	}
	// The new dossier, now the most recent, does not hide the answers of the techinnov one.
	h.u.showMatch(ms.entID)
	for _, r := range h.u.current.(*matchScreen).results {
		if r.Programme.ID == DemoProgramme && r.Verdict != programme.VerdictEligible {
			t.Errorf("after 新建申报 the techinnov demo is %s: %s", r.Verdict, r.Reasons())
		}
	}
}
