package recordstest

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"dossier/dossier/records"
	"dossier/dossier/store"
)

const programmeID = "shanxi-techinnov-2019"

// The fake and the real store behave alike for everything the UI does.
func TestStoreContract(t *testing.T) {
	impls := map[string]func(t *testing.T) records.Store{
		"mem": func(t *testing.T) records.Store { return NewMemStore() },
		"sqlite": func(t *testing.T) records.Store {
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

func storeContract(t *testing.T, st records.Store) {
	ctx := context.Background()
	a := &records.Enterprise{Name: "山西汾河智能装备有限公司", CreditCode: "91140105MA0K7D3Q0A", Profile: []byte(`{"name":"山西汾河智能装备有限公司"}`)}
	b := &records.Enterprise{Name: "太原示例软件有限公司", CreditCode: "91140100MA0GRX123G"}
	for _, e := range []*records.Enterprise{a, b} {
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
	d := &records.Dossier{EnterpriseID: a.ID, Programme: programmeID, Title: "项目", Data: []byte(`{"programme":"` + programmeID + `"}`)}
	if err := st.SaveDossier(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDossier(ctx, &records.Dossier{EnterpriseID: a.ID}); !errors.Is(err, records.ErrInvalid) {
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
	if err := st.Delete(ctx, records.KindDossier, dup); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 1 {
		t.Fatal("deleted dossier still listed")
	}
	if err := st.Delete(ctx, records.KindEnterprise, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Enterprises(ctx, ""); len(list) != 1 {
		t.Fatal("deleted enterprise still listed")
	}
	if err := st.Restore(ctx, records.KindEnterprise, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 1 || list[0].ID != d.ID {
		t.Fatalf("restore brought back %d dossiers", len(list))
	}
	if err := st.Restore(ctx, records.KindDossier, dup); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Dossiers(ctx, a.ID); len(list) != 2 {
		t.Fatal("undo of a dossier delete failed")
	}
	if _, err := st.Dossier(ctx, 9999); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("missing dossier: %v", err)
	}
	together(t, st)
}

// together: SaveEnterpriseDossier writes both, under the enterprise's new id, or neither.
func together(t *testing.T, st records.Store) {
	ctx := context.Background()
	e := &records.Enterprise{Name: "一起保存有限公司", CreditCode: "911401001234567890"}
	d := &records.Dossier{EnterpriseID: 777, Programme: programmeID, Title: "导入"}
	if err := st.SaveEnterpriseDossier(ctx, e, d); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Dossier(ctx, d.ID); err != nil || e.ID == 0 || d.EnterpriseID != e.ID || got.EnterpriseID != e.ID {
		t.Fatalf("saved together: %+v, %+v, %v", e, got, err)
	}
	if err := st.Delete(ctx, records.KindEnterprise, e.ID); err != nil {
		t.Fatal(err)
	}
	e.Name = "改名"
	if err := st.SaveEnterpriseDossier(ctx, e, &records.Dossier{Programme: programmeID}); !errors.Is(err, records.ErrInTrash) {
		t.Errorf("new dossier of an enterprise in the trash: %v", err)
	}
	if got, _ := st.Enterprise(ctx, e.ID); got.Name != "一起保存有限公司" {
		t.Errorf("the enterprise was saved without its dossier: %q", got.Name)
	}
	fresh := &records.Enterprise{Name: "无效数据"}
	if err := st.SaveEnterpriseDossier(ctx, fresh, &records.Dossier{Programme: programmeID, Data: []byte("{")}); !errors.Is(err, records.ErrInvalid) || fresh.ID != 0 {
		t.Errorf("invalid dossier data: %v, enterprise id %d", err, fresh.ID)
	}
	if list, _ := st.Enterprises(ctx, "无效数据"); len(list) != 0 {
		t.Error("the enterprise was saved without its invalid dossier")
	}
}

// A dossier write that fails inside SaveEnterpriseDossier leaves the fake as it was, as the
// SQLite transaction does (dossier/store's TestSaveEnterpriseDossierIsOneTransaction).
func TestMemStoreFailureWritesNothing(t *testing.T) {
	ctx := context.Background()
	st := NewMemStore()
	old := &records.Enterprise{Name: "旧名称", Profile: []byte(`{"name":"旧名称"}`)}
	if err := st.SaveEnterprise(ctx, old); err != nil {
		t.Fatal(err)
	}
	disk := errors.New("disk full")
	st.FailDossierWrites(disk)
	e := &records.Enterprise{ID: old.ID, Name: "新名称", Profile: []byte(`{"name":"新名称"}`)}
	if err := st.SaveEnterpriseDossier(ctx, e, &records.Dossier{Programme: programmeID}); !errors.Is(err, disk) {
		t.Fatalf("got %v, want the injected failure", err)
	}
	if got, _ := st.Enterprise(ctx, old.ID); got.Name != "旧名称" || string(got.Profile) != `{"name":"旧名称"}` {
		t.Errorf("profile written without its dossier: %+v", got)
	}
	st.FailDossierWrites(nil)
	if err := st.SaveEnterpriseDossier(ctx, e, &records.Dossier{Programme: programmeID}); err != nil {
		t.Fatal(err)
	}
}
