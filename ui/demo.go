package ui

import (
	"bytes"
	"encoding/json"

	"fyne.io/fyne/v2"

	"dossier/dossier"
	"dossier/dossier/session"
	"dossier/dossier/store"
)

// DemoProgramme is the programme whose demo dossier is created on first start.
const DemoProgramme = "shanxi-techinnov-2019"

// ensureDemo creates, on the very first start with an empty store, a demo enterprise with its
// filled demo dossier, so the application shows at once what it does. It returns the demo
// dossier's id, or 0 when nothing was created.
func (u *UI) ensureDemo() int64 {
	prefs := u.app.Preferences()
	if prefs.Bool(prefDemoCreated) {
		return 0
	}
	prefs.SetBool(prefDemoCreated, true)
	if ents, err := u.deps.Store.Enterprises(u.ctx, ""); err != nil || len(ents) > 0 {
		return 0
	}
	p := u.deps.Programmes.Get(DemoProgramme)
	if p == nil || len(p.Demo) == 0 {
		return 0
	}
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		fyne.LogError("demo data file", err)
		return 0
	}
	id, err := u.addDossier(p.ID, f)
	if err != nil {
		fyne.LogError("demo dossier", err)
		return 0
	}
	if d, err := u.deps.Store.Dossier(u.ctx, id); err == nil {
		prefs.SetInt(prefDemoEnterprise, int(d.EnterpriseID))
	}
	return id
}

// isDemo reports whether the enterprise is the demo created on first start: it is labelled
// 示例 wherever it shows, so nobody takes its made-up data for a real enterprise's.
func (u *UI) isDemo(enterpriseID int64) bool {
	return enterpriseID != 0 && int64(u.app.Preferences().Int(prefDemoEnterprise)) == enterpriseID
}

// addDossier stores a data file as a dossier: it goes to the enterprise with the same credit
// code (whose profile it updates) or to a new enterprise.
func (u *UI) addDossier(progID string, f *dossier.File) (int64, error) {
	p := u.deps.Programmes.Get(progID)
	sess := session.New(p, f)
	sess.SetClock(u.deps.Now)
	profile, err := json.Marshal(f.Enterprise)
	if err != nil {
		return 0, err
	}
	ent := &store.Enterprise{Name: sess.Name(), CreditCode: sess.CreditCode(), Profile: profile}
	if ent.Name == "" {
		ent.Name = "未命名企业"
	}
	if ent.CreditCode != "" {
		if list, err := u.deps.Store.Enterprises(u.ctx, ent.CreditCode); err == nil {
			for _, e := range list {
				if e.CreditCode == ent.CreditCode {
					ent.ID = e.ID
				}
			}
		}
	}
	if err := u.deps.Store.SaveEnterprise(u.ctx, ent); err != nil {
		return 0, err
	}
	data, _, err := sess.Snapshot()
	if err != nil {
		return 0, err
	}
	title := sess.Get("project_name")
	if title == "" {
		title = programmeTitle(p)
	}
	d := &store.Dossier{EnterpriseID: ent.ID, Programme: p.ID, Title: title, Status: sess.Status(), Data: data}
	if err := u.deps.Store.SaveDossier(u.ctx, d); err != nil {
		return 0, err
	}
	return d.ID, nil
}
