package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A new enterprise left empty is not stored; one given a name is, and is selected at home.
func TestNewEnterpriseLeftEmptyIsNotKept(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	test.Tap(findButton(t, h.u.home.obj, "新建企业"))
	h.u.showHome()
	if ents, _ := h.st.Enterprises(h.u.ctx, ""); len(ents) != 0 {
		t.Fatalf("an empty new enterprise was stored: %+v", ents)
	}
	test.Tap(findButton(t, h.u.home.obj, "新建企业"))
	h.typeIn("enterprise.name", "太原新材料有限公司")
	h.u.showHome()
	ents, _ := h.st.Enterprises(h.u.ctx, "")
	if len(ents) != 1 || ents[0].Name != "太原新材料有限公司" || h.u.home.sel != ents[0].ID {
		t.Fatalf("stored %+v, selected %d", ents, h.u.home.sel)
	}
}

// The first start's demo says it is one, on the home screen and in the dossier's title; its
// card tells the 申报年度 and the last change; a passed deadline is said to be passed.
func TestDemoLabelledAndCardsTellDossiersApart(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	if ed := h.editor(); !strings.HasPrefix(ed.title.Text, "示例 · ") {
		t.Errorf("demo dossier title %q", ed.title.Text)
	}
	h.u.showHome()
	texts := labelTexts(h.u.home.obj)
	for _, want := range []string{"这是示例企业", "申报年度2019", "最后修改"} {
		if !strings.Contains(texts, want) {
			t.Errorf("home screen lacks %q:\n%s", want, texts)
		}
	}
	late := deadlineText(time.Date(2019, 5, 17, 0, 0, 0, 0, time.UTC), "", testToday)
	if !strings.Contains(late, "已过3天") || !strings.Contains(late, "已截止") {
		t.Errorf("passed deadline reads %q", late)
	}
}

// 新建 in the programme choice without a programme says why nothing happened.
func TestNewDossierWithoutProgrammeExplains(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.u.showHome()
	test.Tap(findButton(t, h.u.home.obj, "新建申报"))
	h.u.home.pickDone(true)
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelTexts(top), "还没有选择申报项目") {
		t.Fatal("no explanation after 新建 without a programme")
	}
}

// The overwrite prompt's buttons say 取消 and 覆盖; a saved data file says where it went.
func TestOverwriteButtonsAndDataFileSaved(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	confirmOverwrite("文件夹已存在", "覆盖？", func(bool) {}, h.win)
	top := h.win.Canvas().Overlays().Top()
	findButton(t, top, "取消")
	findButton(t, top, "覆盖")
	top.Hide()
	h.win.Canvas().Overlays().Remove(top)
	path := "/tmp/导出/示例.json"
	h.u.showSaved(path)
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(entryTexts(top), path) {
		t.Error("the data file's place is not shown")
	}
}

// labelTexts joins the text of every label under o.
func labelTexts(o any) string {
	var b strings.Builder
	walkObjects(o, func(x any) {
		switch w := x.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		}
	})
	return b.String()
}

func entryTexts(o any) string {
	var b strings.Builder
	walkObjects(o, func(x any) {
		if e, ok := x.(*widget.Entry); ok {
			b.WriteString(e.Text + "\n")
		}
	})
	return b.String()
}

// walkObjects calls fn for every object under o (containers and widgets' renderers).
func walkObjects(o any, fn func(any)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}
