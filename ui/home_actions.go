package ui

import (
	"bytes"
	"encoding/json"
	"time"

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

// undoDelay is how long the 撤销 bar stays after a delete.
const undoDelay = 12 * time.Second

// undoBar is the strip under the home screen offering to undo the last delete.
type undoBar struct {
	label  *widget.Label
	button *widget.Button
	obj    *fyne.Container
	undo   func()
	timer  *time.Timer
}

func newUndoBar() *undoBar {
	b := &undoBar{label: &widget.Label{}}
	b.button = &widget.Button{Text: lang.L("撤销"), Importance: widget.HighImportance, OnTapped: b.onUndo}
	b.obj = container.NewPadded(container.NewBorder(nil, nil, nil, b.button, b.label))
	b.obj.Hide()
	return b
}

// offer shows msg with an undo button for a while.
func (b *undoBar) offer(msg string, undo func()) {
	b.label.SetText(msg)
	b.undo = undo
	b.obj.Show()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.timer = time.AfterFunc(undoDelay, func() { fyne.Do(b.dismiss) })
}

func (b *undoBar) dismiss() {
	b.undo = nil
	b.obj.Hide()
}

func (b *undoBar) onUndo() {
	if b.undo != nil {
		b.undo()
	}
	b.dismiss()
}

// onNewEnterprise opens an empty enterprise profile; the enterprise is stored once the user
// enters something (one left empty is not kept as a nameless "新企业").
func (h *homeScreen) onNewEnterprise() {
	h.u.openNewEnterprise()
}

// onNewDossier asks which programme to apply for, then creates the dossier and opens it.
func (h *homeScreen) onNewDossier(entID int64) {
	all := h.u.deps.Programmes.All()
	if len(all) == 0 {
		dialog.ShowInformation(lang.L("新建申报"), lang.L("没有可申报的项目：程序中没有申报项目模板。请检查自定义模板文件夹（--templates）中的模板文件。"), h.u.win)
		return
	}
	if len(all) == 1 {
		h.createDossier(entID, all[0])
		return
	}
	titles := make([]string, len(all))
	for i, p := range all {
		titles[i] = p.Title
	}
	sel := &widget.Select{Options: titles, PlaceHolder: lang.L("请选择申报项目")}
	sel.ExtendBaseWidget(sel)
	h.pick = sel
	h.pickDone = func(ok bool) {
		switch i := sel.SelectedIndex(); {
		case ok && i >= 0:
			h.createDossier(entID, all[i])
		case ok:
			dialog.ShowInformation(lang.L("新建申报"), lang.L("还没有选择申报项目，所以没有新建申报材料。请在列表中选择要申报的项目，再点“新建”。"), h.u.win)
		}
	}
	d := dialog.NewCustomConfirm(lang.L("新建申报"), lang.L("新建"), lang.L("取消"), sel, h.pickDone, h.u.win)
	d.Resize(fyne.NewSize(640, 160))
	d.Show()
}

func (h *homeScreen) createDossier(entID int64, p *programme.Programme) {
	ent, err := h.u.deps.Store.Enterprise(h.u.ctx, entID)
	if err != nil {
		h.u.storeError(lang.L("无法新建申报材料"), err)
		return
	}
	f := &dossier.File{Format: dossier.FormatVersion, Programme: p.ID, Enterprise: records.DecodeProfile(ent.Profile), Answers: map[string]any{}}
	data, err := json.Marshal(f)
	if err != nil {
		h.u.showError(lang.L("内部错误：无法新建申报材料"), err)
		return
	}
	d := &records.Dossier{EnterpriseID: entID, Programme: p.ID, Title: session.ProgrammeName(p), Status: session.StatusDraft, Data: data}
	if err := h.u.deps.Store.SaveDossier(h.u.ctx, d); err != nil {
		h.u.storeError(lang.L("无法新建申报材料"), err)
		return
	}
	h.u.openDossier(d.ID)
}

func (h *homeScreen) onDeleteDossier(id int64, title string) {
	if err := h.u.deps.Store.Delete(h.u.ctx, records.KindDossier, id); err != nil {
		h.u.storeError(lang.L("无法删除申报材料"), err)
		return
	}
	h.showDetail()
	h.undo.offer("已删除申报材料“"+title+"”。", func() {
		if err := h.u.deps.Store.Restore(h.u.ctx, records.KindDossier, id); err != nil {
			h.u.storeError(lang.L("无法撤销删除"), err)
		}
		h.reload()
	})
}

func (h *homeScreen) onDeleteEnterprise(id int64, name string) {
	if err := h.u.deps.Store.Delete(h.u.ctx, records.KindEnterprise, id); err != nil {
		h.u.storeError(lang.L("无法删除企业"), err)
		return
	}
	h.sel = 0
	h.reload()
	h.undo.offer("已删除企业“"+name+"”及其申报材料。", func() {
		if err := h.u.deps.Store.Restore(h.u.ctx, records.KindEnterprise, id); err != nil {
			h.u.storeError(lang.L("无法撤销删除"), err)
		}
		h.sel = id
		h.reload()
	})
}

// evaluateStored evaluates a saved dossier (for the deadline on the home screen); nil when it
// cannot be read.
func (u *UI) evaluateStored(id int64) *programme.Evaluation {
	d, err := u.deps.Store.Dossier(u.ctx, id)
	if err != nil {
		return nil
	}
	p := u.deps.Programmes.Get(d.Programme)
	f, err := dossier.Decode(bytes.NewReader(d.Data))
	if p == nil || err != nil {
		return nil
	}
	return programme.Evaluate(p, f, u.today())
}
