package session

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"dossier/dossier/store"
)

// The fake and the real store behave alike for everything the UI does.
func TestStoreContract(t *testing.T) {
	impls := map[string]func(t *testing.T) Store{
		"mem": func(t *testing.T) Store { return NewMemStore() },
		"sqlite": func(t *testing.T) Store {
			st, err := store.Open(filepath.Join(t.TempDir(), "dossier.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		},
	}
	for name, open := range impls {
		t.Run(name, func(t *testing.T) { storeContract(t, open(t)) })
	}
}

func storeContract(t *testing.T, st Store) {
	ctx := context.Background()
	a := &store.Enterprise{Name: "山西汾河智能装备有限公司", CreditCode: "91140105MA0K7D3Q0A", Profile: []byte(`{"name":"山西汾河智能装备有限公司"}`)}
	b := &store.Enterprise{Name: "太原示例软件有限公司", CreditCode: "91140100MA0GRX123G"}
	for _, e := range []*store.Enterprise{a, b} {
		if err := st.SaveEnterprise(ctx, e); err != nil || e.ID == 0 {
			t.Fatal(err)
		}
	}
	search := map[string]int{"": 2, "汾河": 1, "91140100ma": 1, " 示例 ": 1, "没有": 0}
	for q, n := range search {
		got, err := st.Enterprises(ctx, q)
		if err != nil || len(got) != n {
			t.Errorf("Enterprises(%q) = %d, %v; want %d", q, len(got), err, n)
		}
	}
	if list, _ := st.Enterprises(ctx, ""); list[0].ID != b.ID {
		t.Error("not most recently saved first")
	}
	d := &store.Dossier{EnterpriseID: a.ID, Programme: demoID, Title: "项目", Data: []byte(`{"programme":"` + demoID + `"}`)}
	if err := st.SaveDossier(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDossier(ctx, &store.Dossier{EnterpriseID: a.ID}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("dossier without programme: %v", err)
	}
	dup, err := st.DuplicateDossier(ctx, d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := st.Dossier(ctx, dup); c.Title != "项目（副本）" || c.Status != "" {
		t.Errorf("duplicate: %+v", c)
	}
	list, _ := st.Dossiers(ctx, a.ID)
	if len(list) != 2 || list[0].Data != nil {
		t.Fatalf("Dossiers: %d", len(list))
	}
	// Delete with undo, for a dossier and for an enterprise with its dossiers.
	if err := st.Delete(ctx, store.KindDossier, dup); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 1 {
		t.Fatal("deleted dossier still listed")
	}
	if err := st.Delete(ctx, store.KindEnterprise, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Enterprises(ctx, ""); len(list) != 1 {
		t.Fatal("deleted enterprise still listed")
	}
	if err := st.Restore(ctx, store.KindEnterprise, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 1 || list[0].ID != d.ID {
		t.Fatalf("restore brought back %d dossiers", len(list))
	}
	if err := st.Restore(ctx, store.KindDossier, dup); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 2 {
		t.Fatal("undo of a dossier delete failed")
	}
	if _, err := st.Dossier(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing dossier: %v", err)
	}
}
