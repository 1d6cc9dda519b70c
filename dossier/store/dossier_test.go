package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"dossier/dossier/records"
)

func TestDossierCRUD(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fakeClock(s, time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), time.Second)
	e := mustEnterprise(t, s, "山西示例科技有限公司", "91140100MA0GRX123G")
	data := json.RawMessage(`{"format": 1, "programme": "shanxi-hightech-2019", "answers": {"core_ip_owned": true}}`)
	d := &records.Dossier{EnterpriseID: e.ID, Programme: "shanxi-hightech-2019", Title: "2019 高企认定", Status: "草稿", Data: data}
	if err := s.SaveDossier(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Dossier(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.EnterpriseID != e.ID || got.Programme != d.Programme || got.Title != d.Title ||
		got.Status != d.Status || string(got.Data) != string(data) || !got.Updated.Equal(d.Updated) || got.Deleted != nil {
		t.Errorf("read back %+v, want %+v", got, d)
	}

	d.Status = "已完成"
	d.Data = json.RawMessage(`{"format": 1, "programme": "shanxi-hightech-2019", "answers": {"core_ip_owned": false}}`)
	if err := s.SaveDossier(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Dossier(ctx, d.ID)
	if got.Status != "已完成" || string(got.Data) != string(d.Data) {
		t.Errorf("after update: %+v", got)
	}

	second := mustDossier(t, s, e.ID, "ningbo-hightech-2019", "宁波")
	other := mustEnterprise(t, s, "其他公司", "")
	mustDossier(t, s, other.ID, "hebei-techreform-2019", "别家的")
	list, err := s.Dossiers(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != d.ID {
		t.Fatalf("Dossiers = %+v, want [%d %d]", list, second.ID, d.ID)
	}
	if list[1].Data != nil || list[1].Title != d.Title || list[1].Status != "已完成" {
		t.Errorf("listing row %+v: want title and status, no Data", list[1])
	}
	if list, _ := s.Dossiers(ctx, 12345); len(list) != 0 {
		t.Errorf("Dossiers of unknown enterprise = %v", list)
	}
}

func TestSaveDossierRejects(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := mustEnterprise(t, s, "甲", "")
	gone := mustEnterprise(t, s, "乙", "")
	if err := s.Delete(ctx, records.KindEnterprise, gone.ID); err != nil {
		t.Fatal(err)
	}
	d := mustDossier(t, s, e.ID, "shanxi-hightech-2019", "t")
	cases := []struct {
		name string
		d    *records.Dossier
		want error
	}{
		{"nil", nil, records.ErrInvalid},
		{"no programme", &records.Dossier{EnterpriseID: e.ID, Programme: " "}, records.ErrInvalid},
		{"bad json", &records.Dossier{EnterpriseID: e.ID, Programme: "p", Data: json.RawMessage("{,}")}, records.ErrInvalid},
		{"no enterprise", &records.Dossier{EnterpriseID: 777, Programme: "p"}, records.ErrNotFound},
		{"enterprise in trash", &records.Dossier{EnterpriseID: gone.ID, Programme: "p"}, records.ErrInTrash},
		{"missing id", &records.Dossier{ID: 777, EnterpriseID: e.ID, Programme: "p"}, records.ErrNotFound},
		{"move into trash", &records.Dossier{ID: d.ID, EnterpriseID: gone.ID, Programme: "p"}, records.ErrInTrash},
	}
	for _, tc := range cases {
		if err := s.SaveDossier(ctx, tc.d); !errors.Is(err, tc.want) {
			t.Errorf("%s: SaveDossier = %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := s.Dossier(ctx, 777); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("Dossier(777) = %v, want records.ErrNotFound", err)
	}
	// A save that arrives after the dossier went to the trash still lands.
	if err := s.Delete(ctx, records.KindDossier, d.ID); err != nil {
		t.Fatal(err)
	}
	d.Data = json.RawMessage(`{"late":true}`)
	if err := s.SaveDossier(ctx, d); err != nil {
		t.Fatalf("save in trash: %v", err)
	}
	got, _ := s.Dossier(ctx, d.ID)
	if got.Deleted == nil || string(got.Data) != `{"late":true}` {
		t.Errorf("after late save: %+v", got)
	}
}

func TestDuplicateDossier(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := mustEnterprise(t, s, "甲", "")
	src := &records.Dossier{EnterpriseID: e.ID, Programme: "shanxi-hightech-2019", Title: "高企", Status: "已提交",
		Data: json.RawMessage(`{"format":1,"programme":"shanxi-hightech-2019","enterprise":{"name":"甲"},"answers":{"tech_field":"电子信息"}}`)}
	if err := s.SaveDossier(ctx, src); err != nil {
		t.Fatal(err)
	}

	sameID, err := s.DuplicateDossier(ctx, src.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	same, _ := s.Dossier(ctx, sameID)
	if sameID == src.ID || same.Programme != src.Programme || string(same.Data) != string(src.Data) ||
		same.Title != "高企（副本）" || same.Status != "" || same.EnterpriseID != e.ID {
		t.Errorf("same-programme copy: %+v", same)
	}

	otherID, err := s.DuplicateDossier(ctx, src.ID, "ningbo-hightech-2019")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.Dossier(ctx, otherID)
	want := `{"format":1,"programme":"ningbo-hightech-2019","enterprise":{"name":"甲"},"answers":{"tech_field":"电子信息"}}`
	if other.Programme != "ningbo-hightech-2019" || string(other.Data) != want {
		t.Errorf("other-programme copy: programme %q data %s", other.Programme, other.Data)
	}
	if list, _ := s.Dossiers(ctx, e.ID); len(list) != 3 {
		t.Errorf("%d dossiers, want 3", len(list))
	}
	// The source is untouched.
	again, _ := s.Dossier(ctx, src.ID)
	if string(again.Data) != string(src.Data) || again.Status != "已提交" {
		t.Errorf("source changed: %+v", again)
	}

	if _, err := s.DuplicateDossier(ctx, 999, ""); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("duplicate missing = %v, want records.ErrNotFound", err)
	}
	if err := s.Delete(ctx, records.KindDossier, src.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DuplicateDossier(ctx, src.ID, ""); !errors.Is(err, records.ErrInTrash) {
		t.Errorf("duplicate deleted = %v, want records.ErrInTrash", err)
	}
}

func TestSetTopLevel(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"a":1,"programme":"x","b":[1, 2]}`, `{"a":1,"programme":"y","b":[1, 2]}`},
		{`{"a":1}`, `{"a":1,"programme":"y"}`},
		{`{}`, `{"programme":"y"}`},
		{` { "programme" : "x" } `, `{"programme":"y"}`},
		{`[1,2]`, `[1,2]`},
		{`"s"`, `"s"`},
	}
	for _, tc := range cases {
		got, err := setTopLevel([]byte(tc.in), "programme", "y")
		if err != nil || string(got) != tc.want {
			t.Errorf("setTopLevel(%s) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{``, `{"a":}`, `{"a":1`} {
		if _, err := setTopLevel([]byte(bad), "programme", "y"); !errors.Is(err, records.ErrInvalid) {
			t.Errorf("setTopLevel(%q) error = %v, want records.ErrInvalid", bad, err)
		}
	}
}
