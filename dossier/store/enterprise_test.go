package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"dossier/dossier/records"
)

func TestEnterpriseCRUD(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &records.Enterprise{Name: "山西示例科技有限公司", CreditCode: "91140100MA0GRX123G",
		Profile: json.RawMessage(`{"city": "太原市", "employees": 320}`)}
	if err := s.SaveEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || e.Updated.IsZero() {
		t.Fatalf("after insert: ID %d, Updated %v", e.ID, e.Updated)
	}
	got, err := s.Enterprise(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != e.Name || got.CreditCode != e.CreditCode || string(got.Profile) != string(e.Profile) ||
		!got.Updated.Equal(e.Updated) || got.Deleted != nil {
		t.Errorf("read back %+v, want %+v", got, e)
	}

	first := e.Updated
	e.Name = "山西示例科技股份有限公司"
	e.Profile = nil // stored as {}
	time.Sleep(time.Millisecond)
	if err := s.SaveEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Enterprise(ctx, e.ID)
	if got.Name != e.Name || string(got.Profile) != "{}" || !got.Updated.After(first) {
		t.Errorf("after update: %+v", got)
	}

	if _, err := s.Enterprise(ctx, 999); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("Enterprise(999) = %v, want records.ErrNotFound", err)
	}
	if err := s.SaveEnterprise(ctx, &records.Enterprise{ID: 999, Name: "x"}); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("update of missing = %v, want records.ErrNotFound", err)
	}
	if err := s.SaveEnterprise(ctx, nil); !errors.Is(err, records.ErrInvalid) {
		t.Errorf("save nil = %v, want records.ErrInvalid", err)
	}
	if err := s.SaveEnterprise(ctx, &records.Enterprise{Name: "x", Profile: json.RawMessage(`{"a":`)}); !errors.Is(err, records.ErrInvalid) {
		t.Errorf("save bad JSON = %v, want records.ErrInvalid", err)
	}
	if list, _ := s.Enterprises(ctx, ""); len(list) != 1 {
		t.Errorf("failed saves left rows behind: %d enterprises", len(list))
	}
}

func TestEnterprisesSearch(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fakeClock(s, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), time.Second)
	a := mustEnterprise(t, s, "山西示例科技有限公司", "91140100MA0GRX123G")
	b := mustEnterprise(t, s, "宁波海曙精密机械有限公司", "91330203MA2AB3CD4E")
	c := mustEnterprise(t, s, "河北Alpha电子有限公司", "911301006012345678")
	gone := mustEnterprise(t, s, "山西已删除有限公司", "91140100MA0DELETED")
	if err := s.Delete(ctx, records.KindEnterprise, gone.ID); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		query string
		want  []int64
	}{
		{"", []int64{c.ID, b.ID, a.ID}}, // newest first, deleted left out
		{"  ", []int64{c.ID, b.ID, a.ID}},
		{"山西", []int64{a.ID}},
		{"有限公司", []int64{c.ID, b.ID, a.ID}},
		{"精密", []int64{b.ID}},
		{"alpha", []int64{c.ID}},          // ASCII in names: any case
		{"91140100ma0grx", []int64{a.ID}}, // credit code: any case
		{"MA2AB3", []int64{b.ID}},
		{" 9113 ", []int64{c.ID}},
		{"9114", []int64{a.ID}},
		{"%", nil}, // no LIKE wildcards
		{"_", nil},
		{"不存在", nil},
	}
	for _, tc := range cases {
		list, err := s.Enterprises(ctx, tc.query)
		if err != nil {
			t.Fatalf("Enterprises(%q): %v", tc.query, err)
		}
		var ids []int64
		for _, e := range list {
			ids = append(ids, e.ID)
		}
		if !equalIDs(ids, tc.want) {
			t.Errorf("Enterprises(%q) = %v, want %v", tc.query, ids, tc.want)
		}
	}

	// Saving again moves an enterprise to the top.
	if err := s.SaveEnterprise(ctx, a); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Enterprises(ctx, "")
	if list[0].ID != a.ID {
		t.Errorf("after save, first is %d, want %d", list[0].ID, a.ID)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
