package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/dossier"
)

// 复制 asks for the programme, the dossier's own by default; into another programme the copy
// keeps the enterprise and the answers of the same id and type there, and nothing else.
func TestDuplicateIntoAnotherProgramme(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	src := h.editor().sess.Export()
	h.u.showHome()
	test.Tap(findButton(t, h.u.home.obj, "复制"))
	pick := h.u.home.pick
	if pick == nil || !strings.Contains(pick.Selected, "技术创新") {
		t.Fatalf("the programme choice does not default to the dossier's own: %v", pick)
	}
	pick.SetSelected("2019年山西省高新技术企业认定")
	h.u.home.pickDone(true)

	ds, err := h.st.Dossiers(h.u.ctx, h.u.home.sel)
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
			if d.Title != "山西高企认定" {
				t.Errorf("the copy is called %q", d.Title)
			}
		}
	}
	if got == nil {
		t.Fatalf("no 高企 dossier after 复制 (%d dossiers)", len(ds))
	}
	if got.Enterprise["name"] != src.Enterprise["name"] || got.Enterprise["name"] == nil {
		t.Errorf("enterprise not kept: %v", got.Enterprise["name"])
	}
	if got.Answers["company_intro"] != src.Answers["company_intro"] || got.Answers["company_intro"] == nil {
		t.Errorf("企业简介 (textarea in both) not carried over: %v", got.Answers["company_intro"])
	}
	if _, ok := got.Answers["project_name"]; ok {
		t.Error("项目名称, which 高企 has no field for, was carried over")
	}
	if got.AppliedOn != "" {
		t.Errorf("the old notice's 申报日期 %q was kept", got.AppliedOn)
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "沿用企业信息") {
		t.Error("the copy does not say what it kept")
	}
}
