package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/dossier/records"
)

// filledStore writes a store with enough data to span many pages and returns
// its bytes after closing it.
func filledStore(t *testing.T, path string) []byte {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		e := mustEnterprise(t, s, "企业", "")
		pad := strings.Repeat("研发", 2000)
		d := &records.Dossier{EnterpriseID: e.ID, Programme: "p", Data: json.RawMessage(`{"pad":"` + pad + `"}`)}
		if err := s.SaveDossier(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRecoverDamagedFiles(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string) // leaves a bad file at path
		want error                           // what Open reports
	}{
		{"random bytes", func(t *testing.T, path string) {
			b := make([]byte, 10000)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			writeFile(t, path, b)
		}, ErrNotAStore},
		{"short text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte("hello"))
		}, ErrNotAStore},
		{"truncated store", func(t *testing.T, path string) {
			b := filledStore(t, path)
			writeFile(t, path, b[:len(b)/2])
		}, ErrCorrupt},
		{"damaged page", func(t *testing.T, path string) {
			b := filledStore(t, path)
			for i := 3 * 4096; i < 4*4096; i++ { // page 4: a b-tree page
				b[i] = 0xA5
			}
			writeFile(t, path, b)
		}, ErrCorrupt},
		{"foreign sqlite", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花')`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotAStore},
		{"empty foreign sqlite with a version", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`PRAGMA user_version = 5`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotAStore},
		{"other application_id", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`PRAGMA application_id = 42; CREATE TABLE t (x)`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotAStore},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "dossier.db")
			tc.make(t, path)
			original, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			// Open refuses it and leaves it where it is.
			if s, err := Open(path); !errors.Is(err, tc.want) {
				if s != nil {
					s.Close()
				}
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b, original) {
				t.Fatal("Open modified the bad file")
			}

			now := time.Date(2026, 11, 28, 17, 5, 9, 0, time.Local)
			s, rec, err := openOrRecover(path, defaultConfig(), now)
			if err != nil {
				t.Fatalf("OpenOrRecover: %v", err)
			}
			defer s.Close()
			if rec == nil {
				t.Fatal("no recovery notice")
			}
			wantAside := path + ".corrupt-20261128-170509"
			if rec.Aside != wantAside || rec.Path != path || !errors.Is(rec.Cause, tc.want) {
				t.Errorf("notice = %+v", rec)
			}
			if msg := rec.Message(); !strings.Contains(msg, wantAside) || !strings.Contains(msg, "已原样移至") {
				t.Errorf("message = %q", msg)
			}
			aside, err := os.ReadFile(rec.Aside)
			if err != nil || !bytes.Equal(aside, original) {
				t.Errorf("aside file differs from the original (%v)", err)
			}
			// The fresh store works.
			e := mustEnterprise(t, s, "新企业", "")
			if got, err := s.Enterprise(context.Background(), e.ID); err != nil || got.Name != "新企业" {
				t.Errorf("fresh store: %+v, %v", got, err)
			}
			if v := pragma(t, s, "integrity_check"); v != "ok" {
				t.Errorf("fresh store integrity_check = %s", v)
			}
		})
	}
}

func TestRecoverNameCollision(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dossier.db")
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local)
	var asides []string
	for i := 0; i < 3; i++ {
		writeFile(t, path, []byte("not a database, take "+string(rune('A'+i))))
		s, rec, err := openOrRecover(path, defaultConfig(), now)
		if err != nil || rec == nil {
			t.Fatalf("round %d: %v, %v", i, rec, err)
		}
		s.Close()
		// Leave the fresh store's files out of the next round.
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(path + sfx)
		}
		asides = append(asides, rec.Aside)
	}
	base := path + ".corrupt-20260102-030405"
	want := []string{base, base + "-2", base + "-3"}
	for i := range want {
		if asides[i] != want[i] {
			t.Errorf("aside %d = %s, want %s", i, asides[i], want[i])
		}
		if b, err := os.ReadFile(want[i]); err != nil || !strings.HasSuffix(string(b), string(rune('A'+i))) {
			t.Errorf("aside %d holds %q, %v", i, b, err)
		}
	}
}

func TestOpenOrRecoverHealthy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dossier.db")
	writeFile(t, path, nil) // an empty file is a new store, not a damaged one
	s, rec, err := OpenOrRecover(path)
	if err != nil || rec != nil {
		t.Fatalf("empty file: %v, %v", rec, err)
	}
	mustEnterprise(t, s, "甲", "")
	s.Close()
	s, rec, err = OpenOrRecover(path)
	if err != nil || rec != nil {
		t.Fatalf("existing file: %v, %v", rec, err)
	}
	defer s.Close()
	if list, _ := s.Enterprises(context.Background(), ""); len(list) != 1 {
		t.Errorf("data lost: %v", list)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
