package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testV2 is a test-only second migration: a new column, backfilled from the
// JSON data, as a real data migration would be.
var testV2 = migration{name: "test: dossier note", up: execAll(
	`ALTER TABLE dossier ADD COLUMN note TEXT NOT NULL DEFAULT ''`,
	`UPDATE dossier SET note = 'from ' || json_extract(data, '$.programme')`,
)}

func TestMigrationUpgrades(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	v1 := config{migrations: migrations[:1], synchronous: defaultSynchronous}
	s, err := open(path, v1)
	if err != nil {
		t.Fatal(err)
	}
	e := mustEnterprise(t, s, "甲", "91140100MA0GRX123G")
	d := mustDossier(t, s, e.ID, "shanxi-hightech-2019", "高企")
	if v := pragma(t, s, "user_version"); v != "1" {
		t.Fatalf("user_version = %s, want 1", v)
	}
	s.Close()

	v2 := config{migrations: []migration{migrations[0], testV2}, synchronous: defaultSynchronous}
	s, err = open(path, v2)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if v := pragma(t, s, "user_version"); v != "2" {
		t.Errorf("user_version after upgrade = %s, want 2", v)
	}
	var note string
	if err := s.db.QueryRow(`SELECT note FROM dossier WHERE id = ?`, d.ID).Scan(&note); err != nil || note != "from shanxi-hightech-2019" {
		t.Errorf("backfilled note = %q, %v", note, err)
	}
	got, err := s.Dossier(ctx, d.ID)
	if err != nil || got.Title != "高企" {
		t.Errorf("old data after upgrade: %+v, %v", got, err)
	}
	s.Close()

	// Reopening at the same version applies nothing twice.
	s, err = open(path, v2)
	if err != nil {
		t.Fatalf("reopen at v2: %v", err)
	}
	s.Close()

	// This build (version 1) now refuses the file.
	if _, err := Open(path); !errors.Is(err, ErrNewerStore) {
		t.Errorf("Open of a v2 file with a v1 build = %v, want ErrNewerStore", err)
	}
}

func TestFailedMigrationRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dossier.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	bad := migration{name: "test: fails half-way", up: func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE half (x)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `SELECT * FROM no_such_table`)
		return err
	}}
	_, err = open(path, config{migrations: []migration{migrations[0], bad}, synchronous: defaultSynchronous})
	if err == nil || !strings.Contains(err.Error(), "migrate to version 2") {
		t.Fatalf("open with failing migration = %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen after failed migration: %v", err)
	}
	defer s.Close()
	if v := pragma(t, s, "user_version"); v != "1" {
		t.Errorf("user_version = %s, want 1", v)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'half'`).Scan(&n)
	if n != 0 {
		t.Error("the failed migration's table survived")
	}
}

func TestNewerStoreUntouched(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dossier.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustEnterprise(t, s, "甲", "")
	if _, err := s.db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(path)
	var newer *NewerStoreError
	if !errors.As(err, &newer) || !errors.Is(err, ErrNewerStore) {
		t.Fatalf("Open = %v, want *NewerStoreError", err)
	}
	if newer.Version != 999 || newer.Known != len(migrations) {
		t.Errorf("error = %+v", newer)
	}
	want := "数据文件来自更新版本的 Dossier（版本 999），请升级后再打开"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if s, rec, err := OpenOrRecover(path); !errors.Is(err, ErrNewerStore) || s != nil || rec != nil {
		t.Errorf("OpenOrRecover = %v, %v, %v; want ErrNewerStore only", s, rec, err)
	}

	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the newer file was modified")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only dossier.db", names)
	}
}

// TestNewerStoreInWAL covers a newer schema that is committed in the WAL but
// not yet checkpointed, so the main file's header still shows version 1.
func TestNewerStoreInWAL(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	s, err := Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	// Snapshot the live files: the copy's main file is stale, its WAL is not.
	for _, sfx := range []string{"", "-wal"} {
		data, err := os.ReadFile(a + sfx)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, b+sfx, data)
	}
	if err := checkHeader(b, len(migrations)); err != nil {
		t.Fatalf("header check already refuses the copy (%v); the test no longer covers the WAL case", err)
	}
	if _, err := Open(b); !errors.Is(err, ErrNewerStore) {
		t.Errorf("Open = %v, want ErrNewerStore", err)
	}
}
