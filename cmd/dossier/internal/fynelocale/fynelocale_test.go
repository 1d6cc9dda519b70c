package fynelocale

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestParseable(t *testing.T) {
	for v, want := range map[string]bool{
		"zh_CN.UTF-8": true, "en_US.utf8": true, "de": true, "zh-Hans": true,
		"C": false, "C.UTF-8": false, "C.utf8": false, "POSIX": false, "": false,
	} {
		if got := Parseable(v); got != want {
			t.Errorf("Parseable(%q) = %v, want %v", v, got, want)
		}
	}
}

// fakeEnv is an environment for apply.
type fakeEnv map[string]string

func (e fakeEnv) lookup(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e fakeEnv) set(k, v string) error          { e[k] = v; return nil }

func TestApply(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the locale does not come from the environment here")
	}
	cases := []struct {
		env, want fakeEnv
		changed   int
	}{
		{fakeEnv{"LANG": "C.UTF-8"}, fakeEnv{"LANG": Chinese}, 1},
		{fakeEnv{}, fakeEnv{"LANG": Chinese}, 1},
		{fakeEnv{"LANG": "POSIX"}, fakeEnv{"LANG": Chinese}, 1},
		{fakeEnv{"LANG": "en_US.UTF-8"}, fakeEnv{"LANG": "en_US.UTF-8"}, 0},
		{fakeEnv{"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"}, fakeEnv{"LC_ALL": Chinese, "LANG": "en_US.UTF-8"}, 1},
		{fakeEnv{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, fakeEnv{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, 0},
		{fakeEnv{"LC_ALL": "C", "LANGUAGE": "C.UTF-8"}, fakeEnv{"LC_ALL": Chinese, "LANGUAGE": Chinese}, 2},
	}
	for _, c := range cases {
		env := fakeEnv{}
		for k, v := range c.env {
			env[k] = v
		}
		changed := apply(env.lookup, env.set)
		if len(changed) != c.changed || len(env) != len(c.want) {
			t.Errorf("%v: changed %v, env %v; want %v", c.env, changed, env, c.want)
			continue
		}
		for k, v := range c.want {
			if env[k] != v {
				t.Errorf("%v: %s=%q, want %q", c.env, k, env[k], v)
			}
		}
	}
}

// runProbe builds testdata/probe (Fyne's translations linked in, with or without this
// package) and runs it under LANG=C.UTF-8.
func runProbe(t *testing.T, tags string) (stdout, stderr string) {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "probe")
	build := exec.Command("go", "build", "-tags", tags, "-o", exe, "./testdata/probe")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(withoutLocale(os.Environ()), "LANG=C.UTF-8")
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Fatalf("probe: %v\n%s", err, e.String())
	}
	return o.String(), e.String()
}

func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			out = append(out, kv)
		}
	}
	return out
}

// Under LANG=C.UTF-8 Fyne alone logs "Fyne error: Error parsing user locale C" at start; with
// this package it logs nothing, its dialogs speak Chinese, and the program sees LANG as set.
func TestFyneReadsNoUnparseableLocale(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("builds a program; the locale comes from the environment on Linux and BSD only")
	}
	_, stderr := runProbe(t, "ci,nofix")
	if !strings.Contains(stderr, "Error parsing user locale C") {
		t.Fatalf("control: Fyne alone under LANG=C.UTF-8 did not log the error; stderr %q", stderr)
	}
	stdout, stderr := runProbe(t, "ci")
	if stderr != "" {
		t.Errorf("stderr: %q", stderr)
	}
	if want := "fyne=取消 LANG=C.UTF-8\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}
