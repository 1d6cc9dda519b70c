package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/dossier/records"
)

// 检查 on an empty dossier: the review is the main content beside the form, as tall as the
// window, lists every problem and failed rule as a row, counts as the panel does, and every
// row jumps to its field.
func TestReviewListsEverythingAndJumps(t *testing.T) {
	h := newHarness(t, false)
	h.win.Resize(fyne.NewSize(1366, 700))
	ed := openEmptyDossier(t, h, "shanxi-techinnov-2019")
	// A failed rule: the project has had other provincial funding.
	h.section("conditions")
	h.choose("other_provincial_funding", "是")
	ed.onReview()
	r := ed.review
	ev := ed.sess.Evaluate()
	failed := 0
	for _, rule := range ev.Rules {
		if rule.Applies && !rule.Passed {
			failed++
		}
	}
	if failed == 0 {
		t.Fatal("no failed rule to list")
	}
	if got, want := len(r.rows.Objects), len(ev.Problems)+len(ev.AttachmentWarnings())+failed; got != want || got < 10 {
		t.Fatalf("%d rows for %d problems and %d failed rules", got, len(ev.Problems), failed)
	}
	if h := r.obj.Size().Height; h < 500 {
		t.Errorf("the review is %.0f high in a 700 high window", h)
	}
	errs, _ := problemCounts(ev)
	if !strings.HasPrefix(r.head.Text, fmt.Sprintf("%d处需要填写或修改", errs)) || !strings.Contains(ed.panel.verdict.Text, fmt.Sprintf("%d处", errs)) {
		t.Errorf("review says %q, panel says %q", r.head.Text, ed.panel.verdict.Text)
	}
	// Every row knows its field, and the failed rule's row jumps to the funding question.
	for i, it := range r.items {
		if it.field == "" {
			t.Errorf("row %d (%s) jumps nowhere", i, it.text)
		}
	}
	h.section("project")
	var row *reviewRow
	for _, o := range r.rows.Objects {
		if o := o.(*reviewRow); strings.HasPrefix(o.item.text, "✘") && o.item.field == "other_provincial_funding" {
			row = o
		}
	}
	if row == nil {
		t.Fatalf("no row for the funding rule: %+v", r.items)
	}
	test.Tap(row)
	if got := ed.sections[ed.current].id; got != "conditions" {
		t.Errorf("the failed rule jumped to section %s", got)
	}
	if !ed.reviewing() {
		t.Error("the review closed on a jump; it should stay beside the form")
	}
	// Fixing the answer updates the list.
	h.choose("other_provincial_funding", "否")
	if got, want := len(r.rows.Objects), len(ev.Problems)+len(ev.AttachmentWarnings())+failed-1; got != want {
		t.Errorf("after the fix %d rows, want %d", got, want)
	}
}

// openEmptyDossier opens a new, empty dossier of the programme for a new enterprise.
func openEmptyDossier(t *testing.T, h *harness, id string) *editor {
	t.Helper()
	h.u.Start("")
	e := &records.Enterprise{Name: "测试企业"}
	if err := h.st.SaveEnterprise(h.u.ctx, e); err != nil {
		t.Fatal(err)
	}
	h.u.showHome()
	h.u.home.createDossier(e.ID, h.u.deps.Programmes.Get(id))
	return h.editor()
}
