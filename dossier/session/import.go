package session

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"dossier/dossier"
	"dossier/dossier/master"
	"dossier/dossier/programme"
	"dossier/dossier/records"
)

// Import is a data file on its way into the store as a new dossier. PlanImport matches its
// enterprise by 统一社会信用代码 and compares the profiles; the caller shows Changes and
// decides whether the stored profile is replaced; Save writes the enterprise and the dossier
// in one transaction. A profile is never overwritten without that decision.
type Import struct {
	// Existing is the stored, live enterprise with the file's 统一社会信用代码 (the most
	// recently saved when several have it); nil when the file brings a new enterprise.
	Existing *records.Enterprise
	// Changes are the profile values where the file (New) differs from Existing (Old), as
	// master.Changes lists them (finance per year); empty for a new enterprise or an
	// identical profile.
	Changes []master.Change

	sess   *Session
	stored map[string]any // Existing's profile, decoded
}

// PlanImport prepares f, a data file of programme p, for Save: it finds the enterprise with
// the file's credit code in st and lists where the profiles differ. now stands in for a
// missing 申报日期 when the dossier's status is judged. Nothing is written.
func PlanImport(ctx context.Context, st records.Store, p *programme.Programme, f *dossier.File, now func() time.Time) (*Import, error) {
	sess := New(p, f)
	if now != nil {
		sess.SetClock(now)
	}
	im := &Import{sess: sess}
	code := sess.CreditCode()
	if code == "" {
		return im, nil
	}
	list, err := st.Enterprises(ctx, code)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if strings.EqualFold(strings.TrimSpace(list[i].CreditCode), code) {
			im.Existing = &list[i]
			break
		}
	}
	if im.Existing == nil {
		return im, nil
	}
	im.stored = records.DecodeProfile(im.Existing.Profile)
	imported, err := json.Marshal(sess.Enterprise())
	if err != nil {
		return nil, fmt.Errorf("session: import: %w", err)
	}
	im.Changes = master.Changes(p, im.stored, records.DecodeProfile(imported))
	return im, nil
}

// Save writes the dossier and its enterprise in one transaction (both or neither) and returns
// the new dossier's id. updateProfile says what happens to a matched enterprise's profile:
// true replaces it with the file's, false keeps the stored one, which the dossier's data file
// then takes too. A new enterprise always gets the file's profile.
func (im *Import) Save(ctx context.Context, st records.Store, updateProfile bool) (int64, error) {
	s := im.sess
	ent := &records.Enterprise{}
	if im.Existing != nil {
		*ent = *im.Existing
	}
	if im.Existing == nil || updateProfile {
		profile, err := json.Marshal(s.Enterprise())
		if err != nil {
			return 0, fmt.Errorf("session: import: %w", err)
		}
		ent.Name, ent.CreditCode, ent.Profile = s.EnterpriseName(), s.CreditCode(), profile
	} else {
		s.mu.Lock()
		s.file.Enterprise = im.stored
		s.changed()
		s.mu.Unlock()
	}
	data, _, err := s.Snapshot()
	if err != nil {
		return 0, err
	}
	d := &records.Dossier{Programme: s.prog.ID, Title: s.Title(), Status: s.Status(), Data: data}
	if err := st.SaveEnterpriseDossier(ctx, ent, d); err != nil {
		return 0, err
	}
	return d.ID, nil
}
