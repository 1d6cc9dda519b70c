//go:build !windows

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/dossier/fsafe"
)

// buildCLI compiles the command line with the test hook that holds a build mid-way.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dossier")
	cmd := exec.Command("go", "build", "-tags", "ci,testhook", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Ctrl-C, SIGTERM or SIGHUP in the middle of a build leave nothing beside --out, and an
// earlier package being replaced stays as it was; the exit code is 128 + the signal.
func TestInterruptedBuildLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command line")
	}
	bin := buildCLI(t)
	data := writeDemo(t, nil)
	for _, c := range []struct {
		sig   syscall.Signal
		code  int
		force bool
	}{{syscall.SIGINT, 130, false}, {syscall.SIGTERM, 143, true}, {syscall.SIGHUP, 129, false}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			parent := t.TempDir()
			pkg := filepath.Join(parent, "pkg")
			var before string
			if c.force {
				if code, _, errOut := dossierCmd(t, "build", id, data, "--out", pkg); code != 0 {
					t.Fatal(errOut)
				}
				before = manifestOf(t, pkg)
			}
			hold := filepath.Join(t.TempDir(), "hold")
			args := []string{"build", id, data, "--out", pkg}
			if c.force {
				args = append(args, "--force")
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "DOSSIER_TEST_HOLD="+hold)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			tmp := waitForFile(t, hold, done)
			if _, ok := fsafe.IsOurTemp(filepath.Base(tmp)); !ok || filepath.Dir(tmp) != parent {
				t.Fatalf("temporary folder %s: not beside --out or not named by fsafe", tmp)
			}
			if _, err := os.Stat(filepath.Join(tmp, "manifest.json")); err != nil {
				t.Fatalf("the build is not mid-way: %v", err)
			}
			cmd.Process.Signal(c.sig)
			<-done
			if got := cmd.ProcessState.ExitCode(); got != c.code {
				t.Errorf("exit %d, want %d", got, c.code)
			}
			want := 0
			if c.force {
				want = 1
				if manifestOf(t, pkg) != before {
					t.Error("the earlier package changed")
				}
			}
			if es, _ := os.ReadDir(parent); len(es) != want {
				t.Errorf("left beside --out: %v", es)
			}
		})
	}
}

func manifestOf(t *testing.T, pkg string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pkg, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitForFile waits until the held build wrote path and returns what it wrote; a build that
// ends first fails the test.
func waitForFile(t *testing.T, path string, done <-chan struct{}) string {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			t.Fatal("the build ended before the hold")
		case <-tick.C:
			if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
				return strings.TrimSpace(string(b))
			}
		}
	}
}
