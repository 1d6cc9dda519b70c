package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"dossier/dossier"
	"dossier/dossier/records"
	"dossier/dossier/session"
)

// openDossier loads a dossier and its enterprise from the store and shows the dossier screen.
// The enterprise's profile is the one truth about the enterprise: it replaces the copy inside
// the dossier's data file.
func (u *UI) openDossier(id int64) {
	d, err := u.deps.Store.Dossier(u.ctx, id)
	if err != nil {
		u.storeError(lang.L("无法打开申报材料"), err)
		return
	}
	p := u.deps.Programmes.Get(d.Programme)
	if p == nil {
		u.showError(fmt.Sprintf(lang.L("无法打开申报材料：没有项目“%s”的模板（可能来自更新版本的程序或自定义模板文件夹）"), d.Programme), nil)
		return
	}
	f, err := dossier.Decode(bytes.NewReader(d.Data))
	if err != nil {
		u.showError(lang.L("无法打开申报材料：保存的数据已损坏"), err)
		return
	}
	if e, err := u.deps.Store.Enterprise(u.ctx, d.EnterpriseID); err == nil {
		if prof := records.DecodeProfile(e.Profile); len(prof) > 0 {
			f.Enterprise = prof
		}
	}
	sess := session.New(p, f)
	sess.SetClock(u.deps.Now)
	ed := newEditor(u, sess, false)
	ed.dossierID, ed.enterpriseID, ed.storedStatus = d.ID, d.EnterpriseID, d.Status
	if d.Status == session.StatusExported {
		ed.exportedAt.Store(1)
	}
	ed.updateTitle()
	u.show(ed)
	u.app.Preferences().SetInt(prefLastDossier, int(id))
}

// openNewEnterprise shows an empty profile screen for an enterprise not stored yet.
func (u *UI) openNewEnterprise() {
	sess, err := session.NewProfile(map[string]any{})
	if err != nil {
		u.showError(lang.L("内部错误：无法加载企业信息表"), err)
		return
	}
	sess.SetClock(u.deps.Now)
	u.show(newEditor(u, sess, true))
}

// openEnterprise shows the enterprise profile screen.
func (u *UI) openEnterprise(id int64) {
	e, err := u.deps.Store.Enterprise(u.ctx, id)
	if err != nil {
		u.storeError(lang.L("无法打开企业信息"), err)
		return
	}
	sess, err := session.NewProfile(records.DecodeProfile(e.Profile))
	if err != nil {
		u.showError(lang.L("内部错误：无法加载企业信息表"), err)
		return
	}
	sess.SetClock(u.deps.Now)
	ed := newEditor(u, sess, true)
	ed.enterpriseID = id
	ed.updateTitle()
	u.show(ed)
}

// persist saves the session: the enterprise's profile and, for a dossier, the data file with
// its title and status. It runs in the saver's goroutine and touches no widget.
func (e *editor) persist() error {
	if !e.sess.Dirty() && !e.forceSave.Swap(false) {
		return nil
	}
	data, n, err := e.sess.Snapshot()
	if err != nil {
		return err
	}
	profile, err := json.Marshal(e.sess.Enterprise())
	if err != nil {
		return err
	}
	st := e.u.deps.Store
	ent := &records.Enterprise{ID: e.enterpriseID, Name: e.sess.EnterpriseName(), CreditCode: e.sess.CreditCode(), Profile: profile}
	if e.profileOnly {
		err = st.SaveEnterprise(e.u.ctx, ent)
	} else {
		// The profile and the dossier are saved together: a failed save leaves neither half.
		d := &records.Dossier{ID: e.dossierID, Programme: e.sess.Programme().ID,
			Title: e.sess.Title(), Status: e.statusNow(), Data: data}
		err = st.SaveEnterpriseDossier(e.u.ctx, ent, d)
	}
	if err != nil {
		return err
	}
	e.enterpriseID = ent.ID // a new enterprise is stored on its first save
	e.sess.MarkSaved(n)
	return nil
}

// onSaved reports a save on the UI goroutine.
func (e *editor) onSaved(err error) {
	if err != nil {
		setText(e.saved, lang.L("保存失败"))
		e.u.storeError(lang.L("自动保存失败"), err)
		return
	}
	if !e.sess.Dirty() {
		setText(e.saved, lang.L("已保存 ")+time.Now().Format("15:04:05"))
	}
}

// save saves now (Ctrl+S), off the UI goroutine.
func (e *editor) save() {
	setText(e.saved, lang.L("正在保存…"))
	e.saver.now()
}

// leave saves what is pending before another screen replaces this one.
func (e *editor) leave() {
	if e.reviewing() {
		e.showReview(false) // gives the window its keys back
	}
	if e.form != nil {
		e.form.closeExternal()
	}
	if err := e.saver.flush(); err != nil {
		e.u.storeError(lang.L("保存失败"), err)
	}
	if e.profileOnly && e.enterpriseID != 0 && e.u.home != nil {
		e.u.home.sel = e.enterpriseID // back home, the enterprise just edited is selected
	}
}
