// Package store is Dossier's local database: one SQLite file (through the
// pure-Go modernc.org/sqlite driver, so it builds with CGO_ENABLED=0) that
// holds enterprise profiles and, per enterprise, dossiers. *Store implements
// records.Store, whose types (records.Enterprise, records.Dossier) it stores.
//
// Profiles and dossier answers are stored as JSON blobs exactly as the domain
// layer hands them over (a dossier's Data is the whole data file described in
// CONTRACT.md); the store only pulls out the few columns the home screen lists
// and searches by (name, credit code, programme, title, status, times).
//
// Durability: every write is one transaction in WAL mode with
// synchronous=FULL, so a killed process or a power cut loses at most the
// write that was in flight and never corrupts the file. Records are deleted
// into a trash first (Delete/Restore/Trash/PurgeTrash).
//
// Versioning: the schema version is PRAGMA user_version, raised by an ordered
// list of migrations, one transaction each. A file from a newer build is
// refused (*NewerStoreError) and never written to; a damaged or foreign file
// is refused by Open and moved aside by OpenOrRecover.
//
// A Store is safe for concurrent use by multiple goroutines.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"dossier/dossier/records"
)

// applicationID marks a SQLite file as a Dossier store (PRAGMA
// application_id); it spells "DOSS" in ASCII.
const applicationID = 0x444F5353

// defaultSynchronous is the synchronous level of every connection.
//
// Why FULL and not NORMAL: in WAL mode both survive a killed process intact,
// since committed frames already sit in the OS page cache; NORMAL, however,
// syncs the WAL only at checkpoints, so an OS crash or a power cut (a laptop
// whose battery dies) can roll back every commit since the last checkpoint,
// i.e. minutes of typing. FULL syncs the WAL at each commit, so at most the
// write in flight is lost. The app saves at most about twice a second
// (debounced), so the extra fsync per commit costs nothing the user can feel;
// see BenchmarkSmallSaves for the measured price.
const defaultSynchronous = "FULL"

// busyTimeout is how long a statement waits for a lock held by another
// connection or process before failing with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// Store is an open Dossier data file. Create it with Open or OpenOrRecover and
// Close it when done.
type Store struct {
	db   *sql.DB
	path string

	// wmu serialises this process's write transactions, so they queue in Go
	// instead of spinning in SQLite's busy handler. Transactions also begin
	// IMMEDIATE (see dsn), which orders them against other processes.
	wmu sync.Mutex

	// now is the clock; tests replace it.
	now func() time.Time
}

// Store is the domain's records.Store.
var _ records.Store = (*Store)(nil)

// config is what open needs besides the path; tests vary it.
type config struct {
	migrations  []migration
	synchronous string
}

func defaultConfig() config {
	return config{migrations: migrations, synchronous: defaultSynchronous}
}

// Open opens the store at path, creating the file (and its folder) and the
// schema if missing and applying pending migrations.
//
// It fails with a *NewerStoreError (errors.Is ErrNewerStore) if the file comes
// from a newer build, leaving it untouched, and with an error matching
// ErrNotAStore or ErrCorrupt if the file is not a healthy Dossier store; see
// OpenOrRecover for the usual way to handle the latter.
func Open(path string) (*Store, error) {
	return open(path, defaultConfig())
}

func open(path string, cfg config) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?\x00") || strings.HasPrefix(path, "file:") {
		// The driver splits its DSN at the first '?', and hands "file:" names
		// to SQLite as URIs.
		return nil, fmt.Errorf("store: open %q: unsupported file name: %w", path, records.ErrInvalid)
	}
	known := len(cfg.migrations)
	if err := checkHeader(path, known); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(path, cfg.synchronous))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// A few connections let reads run beside a write (WAL); each carries its
	// own page cache, so keep the pool small and warm.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.init(cfg); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds the driver's data source name. The pragmas run on every new
// connection. journal_mode is not among them: it is persistent and written to
// the file, so init sets it only once the file is known to be ours.
func dsn(path, synchronous string) string {
	q := []string{
		fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()),
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(" + synchronous + ")",
		// On macOS fsync does not reach the disk's platters; F_FULLFSYNC
		// does. Ignored elsewhere.
		"_pragma=fullfsync(1)",
		// Keep an idle WAL from staying large after a burst of big saves.
		"_pragma=journal_size_limit(16777216)",
		// BEGIN IMMEDIATE: a write transaction takes the write lock up front,
		// so it never fails half-way with SQLITE_BUSY on lock upgrade.
		"_txlock=immediate",
	}
	return path + "?" + strings.Join(q, "&")
}

// init checks that the opened file is a healthy store this build can use,
// then switches it to WAL and migrates it. Nothing is written before the
// checks pass.
func (s *Store) init(cfg config) error {
	ctx := context.Background()
	var appID, version, objects int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &objects)
	if err != nil {
		return s.openErr(err)
	}
	switch {
	case appID == 0 && objects == 0 && version == 0:
		// A new, empty file (possibly left by a crash during creation).
	case appID != applicationID:
		return fmt.Errorf("store: open %s: application_id %#x: %w", s.path, appID, ErrNotAStore)
	case version > len(cfg.migrations):
		// Only reachable when the newer schema still sits in the WAL (the
		// header check saw an older main file). Closing checkpoints that WAL
		// into the main file, which changes its bytes but not its content.
		return &NewerStoreError{Path: s.path, Version: version, Known: len(cfg.migrations)}
	}
	if err := s.quickCheck(ctx); err != nil {
		return err
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return s.openErr(err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("store: open %s: journal mode is %q, want wal", s.path, mode)
	}
	return s.migrate(ctx, cfg.migrations)
}

// quickCheck runs PRAGMA quick_check, which reads every page (unlike
// integrity_check it skips index-content cross-checks, so it stays fast on a
// large file).
func (s *Store) quickCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return s.openErr(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return s.openErr(err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return s.openErr(err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: open %s: quick_check: %s: %w", s.path, strings.Join(problems, "; "), ErrCorrupt)
	}
	return nil
}

// openErr wraps an error met while opening, classifying SQLite's "not a
// database" and "malformed" results so OpenOrRecover can act on them.
func (s *Store) openErr(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch {
		case se.Code()&0xff == sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("store: open %s: %w: %v", s.path, ErrNotAStore, err)
		case se.Code()&0xff == sqlite3.SQLITE_CORRUPT, se.Code() == sqlite3.SQLITE_IOERR_SHORT_READ:
			return fmt.Errorf("store: open %s: %w: %v", s.path, ErrCorrupt, err)
		}
	}
	return fmt.Errorf("store: open %s: %w", s.path, err)
}

// Path returns the data file's path.
func (s *Store) Path() string { return s.path }

// Close closes the store. SQLite checkpoints the WAL into the main file when
// the last connection closes.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// write runs fn in one write transaction: BEGIN IMMEDIATE, fn, COMMIT; any
// error rolls everything back.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// stamp converts a time to the stored form: Unix nanoseconds, which sort
// correctly as integers and carry no time-zone ambiguity.
func stamp(t time.Time) int64 { return t.UnixNano() }

// unstamp is the inverse of stamp.
func unstamp(n int64) time.Time { return time.Unix(0, n) }

// unstampNull converts a nullable stamp column.
func unstampNull(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := unstamp(n.Int64)
	return &t
}
