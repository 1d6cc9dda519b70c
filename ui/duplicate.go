package ui

import (
	"bytes"
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/dossier/records"
	"dossier/dossier/session"
)

// onDuplicate asks which programme (or year) the copy is for, the dossier's own by default,
// then makes it: the same programme copies everything; another one takes the enterprise
// profile and the answers it has a field of the same id and type for (programme.FileFor, as
// 政策匹配 carries answers across programmes).
func (h *homeScreen) onDuplicate(id int64) {
	d, err := h.u.deps.Store.Dossier(h.u.ctx, id)
	if err != nil {
		h.u.storeError(lang.L("无法复制申报材料"), err)
		return
	}
	all := h.u.deps.Programmes.All()
	titles := make([]string, len(all))
	sel := &widget.Select{PlaceHolder: lang.L("请选择申报项目")}
	for i, p := range all {
		titles[i] = p.Title
		if p.ID == d.Programme {
			sel.Selected = titles[i]
		}
	}
	sel.Options = titles
	sel.ExtendBaseWidget(sel)
	h.pick = sel
	h.pickDone = func(ok bool) {
		i := sel.SelectedIndex()
		switch {
		case !ok:
		case i < 0 || all[i].ID == d.Programme:
			h.duplicateSame(id)
		default:
			h.duplicateInto(d, all[i])
		}
	}
	note := &widget.Label{Text: lang.L("复制到哪个申报项目（可选其他项目或年度）？选其他项目时，沿用企业信息和该项目中相同的填写项，其余需要重新填写。"), Wrapping: fyne.TextWrapWord}
	c := dialog.NewCustomConfirm(lang.L("复制申报材料"), lang.L("复制"), lang.L("取消"), container.NewVBox(note, sel), h.pickDone, h.u.win)
	c.Resize(fyne.NewSize(640, 220))
	c.Show()
}

// duplicateSame copies the dossier as it is, for the same programme.
func (h *homeScreen) duplicateSame(id int64) {
	if _, err := h.u.deps.Store.DuplicateDossier(h.u.ctx, id, ""); err != nil {
		h.u.storeError(lang.L("无法复制申报材料"), err)
		return
	}
	h.showDetail()
}

// duplicateInto makes a dossier for programme p from d: the enterprise and the answers p can
// take over. Its 申报日期 is left for p's notice to give (the old one was another notice's).
func (h *homeScreen) duplicateInto(d *records.Dossier, p *programme.Programme) {
	f, err := dossier.Decode(bytes.NewReader(d.Data))
	if err != nil {
		h.u.showError(lang.L("无法复制申报材料"), err)
		return
	}
	out := programme.FileFor(p, h.u.deps.Programmes.Get(d.Programme), f, h.u.today())
	out.AppliedOn = ""
	data, err := json.Marshal(out)
	if err != nil {
		h.u.showError(lang.L("内部错误：无法复制申报材料"), err)
		return
	}
	c := &records.Dossier{EnterpriseID: d.EnterpriseID, Programme: p.ID, Title: session.DossierTitle(p, out.Answers), Status: session.StatusDraft, Data: data}
	if err := h.u.deps.Store.SaveDossier(h.u.ctx, c); err != nil {
		h.u.storeError(lang.L("无法复制申报材料"), err)
		return
	}
	h.showDetail()
	dialog.ShowInformation(lang.L("复制申报材料"), fmt.Sprintf(lang.L("已复制为“%s”：沿用企业信息和%d项相同的填写内容（共%d项），其余请在新申报材料中填写。"),
		session.ProgrammeName(p), len(out.Answers), len(f.Answers)), h.u.win)
}
