package pack

import (
	"errors"
	"os"
	"path/filepath"
	"sync"

	"dossier/dossier/fsafe"
)

// gate orders package writes against an interruption: every write into a package being built,
// and the swap of a finished package into place, holds it shared; Interrupt takes it for good.
var gate sync.RWMutex

// Interrupt stops every package write of this process for good, after waiting for the file
// being written and any swap in progress to finish. The command line's signal handler calls it
// before fsafe.RemoveTracked, so that the temporary folder is removed whole, and an earlier
// package is never left moved aside with the new one removed.
func Interrupt() { gate.Lock() }

// Test hooks: beforeCommit runs when the package is complete in its temporary folder (a
// failing or held build); removeAll removes the earlier package once replaced; openFile opens
// a file to read it (Verify, the manifest).
var (
	beforeCommit func(tmp string) error
	removeAll    = os.RemoveAll
	openFile     = openNoFollow
)

// writeFile writes one file of a package being built: written, flushed to disk, closed.
func writeFile(path string, data []byte) error {
	gate.RLock()
	defer gate.RUnlock()
	f, err := fsafe.CreateSynced(path)
	if err != nil {
		return ioError("写入", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.File.Close()
		return ioError("写入", path, err)
	}
	if err := f.Close(); err != nil {
		return ioError("写入", path, err)
	}
	return nil
}

// mkdir makes a sub-folder of a package being built.
func mkdir(path string) error {
	gate.RLock()
	defer gate.RUnlock()
	if err := os.MkdirAll(path, 0o755); err != nil {
		return ioError("新建文件夹", path, err)
	}
	return nil
}

// syncTree flushes the folders of a finished package to disk (their entries; the files were
// flushed as they were written).
func syncTree(dir string) error {
	for _, d := range []string{filepath.Join(dir, PrintDir), dir} {
		if _, err := os.Lstat(d); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := fsafe.SyncDir(d); err != nil {
			return ioError("写入", d, err)
		}
	}
	return nil
}

// commit moves the finished package tmp to out. An earlier package at out is first moved
// aside into a temporary folder named by fsafe and removed only once the new one is in place.
// When it cannot be removed, left names it and why (a later build sweeps it). committed
// reports that tmp was renamed (out is the new package), even when err reports a later problem.
func commit(tmp, out string, existing bool) (committed bool, left *leftover, err error) {
	gate.RLock()
	defer gate.RUnlock()
	parent := filepath.Dir(out)
	var asideDir, aside string
	if existing {
		asideDir, _, err = fsafe.TempDir(parent, "old")
		if err != nil {
			return false, nil, newError(ErrIO, err, "无法在 %s 中新建临时文件夹：%s", parent, fsafe.Describe(err))
		}
		// The old package must survive an interruption from here on: never removed as a temp.
		fsafe.Forget(asideDir)
		aside = filepath.Join(asideDir, filepath.Base(out))
		if err := os.Rename(out, aside); err != nil {
			os.Remove(asideDir)
			return false, nil, ioError("替换已有的申报包", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if aside == "" {
			return false, nil, ioError("写入", out, err)
		}
		if rerr := os.Rename(aside, out); rerr != nil {
			return false, nil, newError(ErrIO, err, "无法写入 %s：%s。原有的申报包也未能移回，现在位于 %s，请手动把它移回原处",
				out, fsafe.Describe(err), aside)
		}
		os.Remove(asideDir)
		return false, nil, ioError("写入", out, err)
	}
	fsafe.Forget(tmp)
	if err := fsafe.SyncDir(parent); err != nil {
		return true, nil, ioError("写入", out, err)
	}
	if asideDir != "" {
		if err := removeAll(asideDir); err != nil {
			return true, &leftover{asideDir, err}, nil
		}
		fsafe.SyncDir(parent)
	}
	return true, nil, nil
}

// leftover is an earlier package that could not be removed once replaced.
type leftover struct {
	path string
	err  error
}
