package ui

import (
	"bytes"

	"fyne.io/fyne/v2"

	"dossier/dossier"
	"dossier/dossier/session"
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
// code or to a new enterprise (session.PlanImport). A stored profile is kept: overwriting it
// is for the import, which asks first (importParsed).
func (u *UI) addDossier(progID string, f *dossier.File) (int64, error) {
	im, err := session.PlanImport(u.ctx, u.deps.Store, u.deps.Programmes.Get(progID), f, u.deps.Now)
	if err != nil {
		return 0, err
	}
	return im.Save(u.ctx, u.deps.Store, false)
}
