package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"dossier/dossier/records"
)

// failDossierInserts makes SQLite refuse every new dossier, so the second write of
// SaveEnterpriseDossier fails after the first one went through inside the transaction.
func failDossierInserts(t *testing.T, s *Store) {
	t.Helper()
	if _, err := s.db.Exec(`CREATE TRIGGER fail_dossier BEFORE INSERT ON dossier
		BEGIN SELECT RAISE(ABORT, 'injected failure'); END`); err != nil {
		t.Fatal(err)
	}
}

// An enterprise and its dossier are written together: a failure in the dossier's write
// leaves neither a new enterprise nor an updated profile, and the records untouched.
func TestSaveEnterpriseDossierIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	old := &records.Enterprise{Name: "旧名称", CreditCode: "91140100MA0GRX123G", Profile: json.RawMessage(`{"name":"旧名称"}`)}
	if err := s.SaveEnterprise(ctx, old); err != nil {
		t.Fatal(err)
	}
	failDossierInserts(t, s)

	fresh := &records.Enterprise{Name: "新企业", Profile: json.RawMessage(`{"name":"新企业"}`)}
	d := &records.Dossier{Programme: "p", Title: "项目", Data: json.RawMessage(`{}`)}
	if err := s.SaveEnterpriseDossier(ctx, fresh, d); err == nil {
		t.Fatal("the injected failure was not reported")
	}
	if fresh.ID != 0 || d.ID != 0 || d.EnterpriseID != 0 {
		t.Errorf("a failed save changed the records: enterprise %d, dossier %d of %d", fresh.ID, d.ID, d.EnterpriseID)
	}
	if list, _ := s.Enterprises(ctx, ""); len(list) != 1 || list[0].ID != old.ID {
		t.Fatalf("the new enterprise was written without its dossier: %+v", list)
	}

	update := &records.Enterprise{ID: old.ID, Name: "新名称", CreditCode: old.CreditCode, Profile: json.RawMessage(`{"name":"新名称"}`)}
	if err := s.SaveEnterpriseDossier(ctx, update, d); err == nil {
		t.Fatal("the injected failure was not reported")
	}
	got, err := s.Enterprise(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "旧名称" || string(got.Profile) != `{"name":"旧名称"}` || !got.Updated.Equal(old.Updated) {
		t.Errorf("the profile was updated without the dossier: %+v", got)
	}
	if ds, _ := s.Dossiers(ctx, old.ID); len(ds) != 0 {
		t.Errorf("%d dossiers written", len(ds))
	}
}

// Without a failure both are written, the dossier under the enterprise's new id; a dossier
// the store refuses (an enterprise in the trash) leaves the enterprise unsaved too.
func TestSaveEnterpriseDossier(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &records.Enterprise{Name: "汾河", Profile: json.RawMessage(`{"name":"汾河"}`)}
	d := &records.Dossier{EnterpriseID: 999, Programme: "p", Title: "项目", Status: "草稿", Data: json.RawMessage(`{"programme":"p"}`)}
	if err := s.SaveEnterpriseDossier(ctx, e, d); err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || d.ID == 0 || d.EnterpriseID != e.ID || e.Updated.IsZero() || !d.Updated.Equal(e.Updated) {
		t.Fatalf("ids and times not set: %+v %+v", e, d)
	}
	got, err := s.Dossier(ctx, d.ID)
	if err != nil || got.EnterpriseID != e.ID || got.Title != "项目" || string(got.Data) != `{"programme":"p"}` {
		t.Fatalf("dossier read back %+v, %v", got, err)
	}
	if err := s.Delete(ctx, records.KindEnterprise, e.ID); err != nil {
		t.Fatal(err)
	}
	e.Name = "改名"
	err = s.SaveEnterpriseDossier(ctx, e, &records.Dossier{Programme: "p"})
	if !errors.Is(err, records.ErrInTrash) {
		t.Fatalf("a dossier for an enterprise in the trash: %v", err)
	}
	if got, _ := s.Enterprise(ctx, e.ID); got.Name != "汾河" {
		t.Errorf("the enterprise was renamed though its dossier was refused: %q", got.Name)
	}
}
