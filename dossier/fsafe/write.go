package fsafe

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TempPrefix starts the name of every temporary file or folder Dossier creates beside the
// user's files: ".dossier-<kind>-<pid>-<random>". The pid lets a later run tell a leftover of a
// killed process from the work of one still running.
const TempPrefix = ".dossier-"

// processStart is when this process began; only leftovers older than it are swept.
var processStart = time.Now()

var (
	trackMu sync.Mutex
	tracked = map[string]bool{}
)

// track remembers a temporary path so that RemoveTracked (on Ctrl-C, SIGTERM, SIGHUP) can
// remove it; untrack forgets it once it was renamed into place or removed.
func track(path string)   { trackMu.Lock(); tracked[path] = true; trackMu.Unlock() }
func untrack(path string) { trackMu.Lock(); delete(tracked, path); trackMu.Unlock() }

// RemoveTracked removes every temporary file and folder this process still has open. The
// command line calls it when it is interrupted, before it exits.
func RemoveTracked() {
	trackMu.Lock()
	defer trackMu.Unlock()
	for p := range tracked {
		os.RemoveAll(p)
		delete(tracked, p)
	}
}

func tempPattern(kind string) string {
	return fmt.Sprintf("%s%s-%d-*", TempPrefix, kind, os.Getpid())
}

// TempDir creates a temporary folder in parent (so that a rename into place stays on one
// disk). Call the returned remove when done with it, whether or not it was renamed.
func TempDir(parent, kind string) (dir string, remove func(), err error) {
	dir, err = os.MkdirTemp(parent, tempPattern(kind))
	if err != nil {
		return "", nil, err
	}
	track(dir)
	return dir, func() { os.RemoveAll(dir); untrack(dir) }, nil
}

// Forget tells fsafe that a temporary path was renamed into place: it is no longer removed on
// interruption.
func Forget(path string) { untrack(path) }

// WriteFile writes path through write as one step: the data goes into a temporary file beside
// it, is flushed to disk, then renamed over path, and the folder is flushed. A crash leaves the
// old file or the new one, never a mixture; an error leaves the old file untouched.
func WriteFile(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern("write")+filepath.Ext(path))
	if err != nil {
		return err
	}
	name := tmp.Name()
	track(name)
	defer untrack(name)
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return SyncDir(dir)
}

// WriteBytes is WriteFile for data already in memory.
func WriteBytes(path string, data []byte) error {
	return WriteFile(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// CreateSynced creates (or truncates) a file inside a temporary folder of ours; Close flushes
// it to disk first. Use it for the files of a package being built.
func CreateSynced(path string) (*SyncedFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &SyncedFile{f}, nil
}

// SyncedFile is an *os.File whose Close first flushes it to disk.
type SyncedFile struct{ *os.File }

// Close flushes the file to disk, then closes it.
func (f *SyncedFile) Close() error {
	if err := f.File.Sync(); err != nil {
		f.File.Close()
		return err
	}
	return f.File.Close()
}

// IsOurTemp reports whether name (a base name) is one of Dossier's temporary files or folders,
// and the pid of the process that made it.
func IsOurTemp(name string) (pid int, ok bool) {
	rest, found := strings.CutPrefix(name, TempPrefix)
	if !found {
		return 0, false
	}
	parts := strings.SplitN(rest, "-", 3)
	if len(parts) != 3 || parts[0] == "" {
		return 0, false
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// SweepStale removes, in dir, the temporary files and folders of Dossier processes that are no
// longer running (killed before they could clean up): recognisably ours by name, older than
// this process, and not this process's own. It returns what it removed. Anything else in dir
// is never touched.
func SweepStale(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		pid, ok := IsOurTemp(e.Name())
		if !ok || pid == os.Getpid() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(processStart) || pidAlive(pid) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if os.RemoveAll(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}
