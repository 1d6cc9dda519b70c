package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"dossier/dossier/records"
)

func liveDossierIDs(t *testing.T, s *Store, enterpriseID int64) []int64 {
	t.Helper()
	list, err := s.Dossiers(context.Background(), enterpriseID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range list {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestDeleteRestoreDossier(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := mustEnterprise(t, s, "甲", "")
	d := mustDossier(t, s, e.ID, "p", "t")
	if err := s.Delete(ctx, records.KindDossier, d.ID); err != nil {
		t.Fatal(err)
	}
	if ids := liveDossierIDs(t, s, e.ID); len(ids) != 0 {
		t.Errorf("deleted dossier still listed: %v", ids)
	}
	got, err := s.Dossier(ctx, d.ID)
	if err != nil || got.Deleted == nil {
		t.Fatalf("deleted dossier: %+v, %v", got, err)
	}
	if err := s.Delete(ctx, records.KindDossier, d.ID); err != nil {
		t.Errorf("second delete: %v", err)
	}
	trash, _ := s.Trash(ctx)
	if len(trash) != 1 || trash[0].Kind != records.KindDossier || trash[0].ID != d.ID || trash[0].Name != "t" ||
		trash[0].Programme != "p" || trash[0].WithEnterprise {
		t.Errorf("Trash = %+v", trash)
	}
	if err := s.Restore(ctx, records.KindDossier, d.ID); err != nil {
		t.Fatal(err)
	}
	if ids := liveDossierIDs(t, s, e.ID); !equalIDs(ids, []int64{d.ID}) {
		t.Errorf("after restore: %v", ids)
	}
	if trash, _ := s.Trash(ctx); len(trash) != 0 {
		t.Errorf("trash after restore: %+v", trash)
	}
	for _, k := range []records.Kind{records.KindDossier, records.KindEnterprise} {
		if err := s.Delete(ctx, k, 999); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("Delete(%s, 999) = %v, want records.ErrNotFound", k, err)
		}
		if err := s.Restore(ctx, k, 999); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("Restore(%s, 999) = %v, want records.ErrNotFound", k, err)
		}
	}
	if err := s.Delete(ctx, "folder", d.ID); !errors.Is(err, records.ErrInvalid) {
		t.Errorf("unknown kind = %v, want records.ErrInvalid", err)
	}
}

func TestDeleteEnterpriseCascades(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fakeClock(s, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Second)
	e := mustEnterprise(t, s, "甲", "")
	d1 := mustDossier(t, s, e.ID, "p", "one")
	d2 := mustDossier(t, s, e.ID, "p", "two")
	early := mustDossier(t, s, e.ID, "p", "deleted on its own")
	if err := s.Delete(ctx, records.KindDossier, early.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, records.KindEnterprise, e.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Enterprises(ctx, ""); len(list) != 0 {
		t.Errorf("deleted enterprise listed: %+v", list)
	}
	trash, _ := s.Trash(ctx)
	if len(trash) != 4 || trash[0].Kind != records.KindEnterprise || trash[0].ID != e.ID {
		t.Fatalf("Trash = %+v", trash)
	}
	with := map[int64]bool{}
	for _, it := range trash[1:] {
		with[it.ID] = it.WithEnterprise
	}
	if !with[d1.ID] || !with[d2.ID] || with[early.ID] {
		t.Errorf("WithEnterprise flags: %v", with)
	}

	if err := s.Restore(ctx, records.KindEnterprise, e.ID); err != nil {
		t.Fatal(err)
	}
	if ids := liveDossierIDs(t, s, e.ID); !equalIDs(ids, []int64{d2.ID, d1.ID}) {
		t.Errorf("after restore live dossiers = %v, want [%d %d]", ids, d2.ID, d1.ID)
	}
	if trash, _ := s.Trash(ctx); len(trash) != 1 || trash[0].ID != early.ID {
		t.Errorf("trash after restore = %+v", trash)
	}
}

func TestRestoreDossierOfDeletedEnterprise(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := mustEnterprise(t, s, "甲", "")
	d1 := mustDossier(t, s, e.ID, "p", "one")
	d2 := mustDossier(t, s, e.ID, "p", "two")
	if err := s.Delete(ctx, records.KindEnterprise, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, records.KindDossier, d1.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Enterprises(ctx, ""); len(list) != 1 {
		t.Errorf("enterprise not restored with its dossier")
	}
	if ids := liveDossierIDs(t, s, e.ID); !equalIDs(ids, []int64{d1.ID}) {
		t.Errorf("live dossiers = %v, want only %d", ids, d1.ID)
	}
	trash, _ := s.Trash(ctx)
	if len(trash) != 1 || trash[0].ID != d2.ID || trash[0].WithEnterprise {
		t.Errorf("trash = %+v, want d2 as ordinary trash", trash)
	}
}

func TestPurgeTrash(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	old := mustEnterprise(t, s, "旧", "")
	oldD := mustDossier(t, s, old.ID, "p", "old one")
	keep := mustEnterprise(t, s, "留", "")
	lone := mustDossier(t, s, keep.ID, "p", "lone")
	live := mustDossier(t, s, keep.ID, "p", "live")
	if err := s.Delete(ctx, records.KindEnterprise, old.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(20 * 24 * time.Hour)
	if err := s.Delete(ctx, records.KindDossier, lone.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(15 * 24 * time.Hour)

	if _, err := s.PurgeTrash(ctx, -time.Hour); !errors.Is(err, records.ErrInvalid) {
		t.Errorf("negative age = %v, want records.ErrInvalid", err)
	}
	n, err := s.PurgeTrash(ctx, 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 { // the old enterprise and its dossier
		t.Errorf("purged %d, want 2", n)
	}
	if _, err := s.Enterprise(ctx, old.ID); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("purged enterprise: %v", err)
	}
	if _, err := s.Dossier(ctx, oldD.ID); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("purged dossier: %v", err)
	}
	if err := s.Restore(ctx, records.KindEnterprise, old.ID); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("restore purged = %v, want records.ErrNotFound", err)
	}
	if trash, _ := s.Trash(ctx); len(trash) != 1 || trash[0].ID != lone.ID {
		t.Errorf("trash = %+v, want only the younger dossier", trash)
	}
	if n, _ := s.PurgeTrash(ctx, 0); n != 1 {
		t.Errorf("empty trash purged %d, want 1", n)
	}
	if ids := liveDossierIDs(t, s, keep.ID); !equalIDs(ids, []int64{live.ID}) {
		t.Errorf("live dossiers after purge = %v", ids)
	}
	// Ids are never reused after a purge.
	fresh := mustEnterprise(t, s, "新", "")
	if fresh.ID <= keep.ID {
		t.Errorf("new id %d reuses a purged one", fresh.ID)
	}
}
