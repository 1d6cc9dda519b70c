package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"dossier/dossier/records"
)

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// sidecars are the files SQLite keeps next to a database; they belong to it
// and must move with it, or SQLite would replay an old WAL into a new file.
var sidecars = []string{"-wal", "-shm", "-journal"}

// checkHeader looks at the first 100 bytes of an existing file, before SQLite
// opens it, so that a foreign or newer file is refused without SQLite ever
// writing to it. The header can lag behind a WAL, so init checks again after
// opening; this is the cheap first gate.
//
// Reading the file through os.Open is safe only while no SQLite connection of
// this process has it open (POSIX locks are per process): open each data file
// once per process.
func checkHeader(path string, known int) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("store: open %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("store: open %s: is a folder: %w", path, records.ErrInvalid)
	case fi.Size() == 0:
		return nil // new or never written: SQLite treats it as empty
	}
	if _, err := os.Stat(path + "-journal"); err == nil {
		// A hot rollback journal (a crash while the file was being created or
		// switched to WAL): let SQLite roll it back first.
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fmt.Errorf("store: open %s: %d bytes, too short for a database: %w", path, fi.Size(), ErrNotAStore)
		}
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if !bytes.Equal(h[:16], []byte(sqliteMagic)) {
		return fmt.Errorf("store: open %s: no sqlite header: %w", path, ErrNotAStore)
	}
	version := int(int32(binary.BigEndian.Uint32(h[60:64])))
	appID := binary.BigEndian.Uint32(h[68:72])
	switch {
	case appID != 0 && appID != applicationID:
		return fmt.Errorf("store: open %s: application_id %#x: %w", path, appID, ErrNotAStore)
	case appID == applicationID && version > known:
		return &NewerStoreError{Path: path, Version: version, Known: known}
	}
	return nil
}

// OpenOrRecover opens the store at path like Open. If the file is not a
// Dossier store or is corrupt, it moves the file (and its SQLite sidecar
// files) aside to "<path>.corrupt-YYYYMMDD-HHMMSS", never deleting anything,
// creates a fresh store at path, and returns it together with a notice for
// the user. The notice is nil when no recovery was needed.
//
// Other failures, including a file from a newer build (*NewerStoreError),
// are returned as errors and leave the file alone.
func OpenOrRecover(path string) (*Store, *Recovered, error) {
	return openOrRecover(path, defaultConfig(), time.Now())
}

func openOrRecover(path string, cfg config, now time.Time) (*Store, *Recovered, error) {
	s, err := open(path, cfg)
	if err == nil {
		return s, nil, nil
	}
	if !errors.Is(err, ErrNotAStore) && !errors.Is(err, ErrCorrupt) {
		return nil, nil, err
	}
	aside, mvErr := moveAside(path, now)
	if mvErr != nil {
		return nil, nil, fmt.Errorf("store: recover %s: %w (opening it failed: %v)", path, mvErr, err)
	}
	s, err2 := open(path, cfg)
	if err2 != nil {
		return nil, nil, fmt.Errorf("store: recover %s: old file moved to %s, new store: %w", path, aside, err2)
	}
	return s, &Recovered{Path: path, Aside: aside, Cause: err}, nil
}

// moveAside renames path and its sidecars to a free "<path>.corrupt-<time>"
// name and returns that name.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.Format("20060102-150405")
	aside := base
	for i := 2; taken(aside); i++ {
		if i > 100 {
			return "", fmt.Errorf("move aside: no free name like %s", base)
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	// Sidecars first: were we stopped half-way, a stale WAL must not be left
	// beside a file it does not belong to.
	for _, sfx := range sidecars {
		if err := os.Rename(path+sfx, aside+sfx); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("move aside: %w", err)
		}
	}
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("move aside: %w", err)
	}
	return aside, nil
}

// taken reports whether name or any of its sidecar names exists.
func taken(name string) bool {
	for _, sfx := range append([]string{""}, sidecars...) {
		if _, err := os.Lstat(name + sfx); !errors.Is(err, os.ErrNotExist) {
			return true
		}
	}
	return false
}
