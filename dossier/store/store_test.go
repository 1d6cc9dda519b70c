package store

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"dossier/dossier/records"
)

// newStore opens a fresh store in a temporary folder and closes it at the end
// of the test.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "dossier.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fakeClock makes s.now return start, advancing by step on each call, so
// ordering by time is deterministic.
func fakeClock(s *Store, start time.Time, step time.Duration) *time.Time {
	now := start
	s.now = func() time.Time { now = now.Add(step); return now }
	return &now
}

func mustEnterprise(t *testing.T, s *Store, name, code string) *records.Enterprise {
	t.Helper()
	e := &records.Enterprise{Name: name, CreditCode: code, Profile: json.RawMessage(`{"name":"` + name + `"}`)}
	if err := s.SaveEnterprise(context.Background(), e); err != nil {
		t.Fatalf("SaveEnterprise(%s): %v", name, err)
	}
	return e
}

func mustDossier(t *testing.T, s *Store, enterpriseID int64, programme, title string) *records.Dossier {
	t.Helper()
	d := &records.Dossier{EnterpriseID: enterpriseID, Programme: programme, Title: title,
		Data: json.RawMessage(`{"format":1,"programme":"` + programme + `","answers":{}}`)}
	if err := s.SaveDossier(context.Background(), d); err != nil {
		t.Fatalf("SaveDossier(%s): %v", title, err)
	}
	return d
}

func pragma(t *testing.T, s *Store, name string) string {
	t.Helper()
	var v string
	if err := s.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestOpenSetsUpFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "folder", "dossier.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[string]string{
		"journal_mode":    "wal",
		"foreign_keys":    "1",
		"synchronous":     "2", // FULL
		"busy_timeout":    "5000",
		"application_id":  "1146049363",
		"user_version":    "1",
		"integrity_check": "ok",
	}
	for name, v := range want {
		if got := pragma(t, s, name); got != v {
			t.Errorf("PRAGMA %s = %s, want %s", name, got, v)
		}
	}
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}
	// Reopening an existing store works and migrates nothing.
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s2.Close()
}

func TestOpenBadPath(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"", filepath.Join(dir, "a?b.db"), dir} {
		if s, err := Open(p); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", p)
		} else if !errors.Is(err, records.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want records.ErrInvalid", p, err)
		}
	}
}

func TestUserMessage(t *testing.T) {
	newer := &NewerStoreError{Version: 7, Known: 1}
	cases := map[error]string{
		nil:                        "",
		newer:                      "数据文件来自更新版本的 Dossier（版本 7），请升级后再打开",
		records.ErrNotFound:        "找不到该记录，它可能已被永久删除。",
		errors.New("disk on fire"): "内部错误，请重试；如果问题持续，请联系技术支持。",
	}
	for err, want := range cases {
		if got := UserMessage(err); got != want {
			t.Errorf("UserMessage(%v) = %q, want %q", err, got, want)
		}
	}
	if !errors.Is(newer, ErrNewerStore) {
		t.Error("NewerStoreError does not match ErrNewerStore")
	}
}
