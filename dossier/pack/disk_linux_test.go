//go:build linux

package pack_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/dossier/pack"
)

// mountTmpfs mounts a small tmpfs (root only; skipped elsewhere) and returns its path.
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// A full disk is an I/O failure (exit 3 in the CLI) in Chinese; nothing is left behind.
func TestBuildOnAFullDisk(t *testing.T) {
	ev := demoEval(t, nil)
	disk := mountTmpfs(t, "size=256k")
	_, err := pack.Build(ev, pack.Options{Out: filepath.Join(disk, "pkg"), Now: when})
	if !errors.Is(err, pack.ErrIO) || !strings.Contains(err.Error(), "磁盘空间已满") {
		t.Fatalf("err = %v", err)
	}
	if got := entries(t, disk); len(got) != 0 {
		t.Errorf("left on the disk: %v", got)
	}
}

// A read-only parent is an I/O failure too, not "invalid input".
func TestBuildOnAReadOnlyDisk(t *testing.T) {
	ev := demoEval(t, nil)
	disk := mountTmpfs(t, "size=1m,ro")
	_, err := pack.Build(ev, pack.Options{Out: filepath.Join(disk, "pkg"), Now: when})
	if !errors.Is(err, pack.ErrIO) || errors.Is(err, pack.ErrTarget) || !strings.Contains(err.Error(), "只读") {
		t.Fatalf("err = %v", err)
	}
}
