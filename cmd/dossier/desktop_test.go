package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// desktopBinary builds the desktop build of dossier (cgo, Fyne, no ci tag), the binary users
// run, or skips when this machine cannot (no C compiler or no X11/OpenGL headers: `make
// deps-gui` installs them). The first build compiles GLFW (minutes); later ones are cached.
func desktopBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the desktop binary (Linux, not with -short)")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler: the desktop build needs cgo (make deps-gui)")
	}
	if err := exec.Command("pkg-config", "--exists", "gl", "x11", "xcursor", "xrandr", "xinerama", "xi", "xxf86vm").Run(); err != nil {
		t.Skip("no X11/OpenGL headers for the desktop build (make deps-gui)")
	}
	exe := filepath.Join(t.TempDir(), "dossier")
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("desktop build: %v\n%s", err, out)
	}
	return exe
}

// runDesktop runs the desktop binary with LANG=C.UTF-8 (Debian's default in containers), no
// display, and the extra environment given.
func runDesktop(t *testing.T, exe string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Dir = t.TempDir()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "DISPLAY" && k != "WAYLAND_DISPLAY" && k != "LANGUAGE" && k != "LANG" && !strings.HasPrefix(k, "LC_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, "LANG=C.UTF-8", "HOME="+t.TempDir()), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// The desktop build links Fyne; under LANG=C.UTF-8 its commands used to print "Fyne error:
// Error parsing user locale C" (three log lines) on every run, and with no display it died of
// a Go panic with a stack trace.
func TestDesktopBuild(t *testing.T) {
	exe := desktopBinary(t)
	if code, out, errOut := runDesktop(t, exe, nil, "programmes"); code != 0 || errOut != "" || !strings.Contains(out, id+"\t") {
		t.Errorf("programmes: exit %d, stderr %q", code, errOut)
	}
	data := writeDemo(t, nil)
	if code, _, errOut := runDesktop(t, exe, nil, "check", id, data); code != 0 || errOut != "" {
		t.Errorf("check: exit %d, stderr %q", code, errOut)
	}
	if code, out, errOut := runDesktop(t, exe, nil, "--version"); code != 0 || errOut != "" || !strings.HasPrefix(out, "dossier "+version) {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut := runDesktop(t, exe, nil)
	if code != exitInternal || out != "" || !strings.Contains(errOut, "需要图形桌面") || !strings.Contains(errOut, "dossier --help") ||
		strings.Contains(errOut, "panic") || strings.Contains(errOut, "Fyne") {
		t.Errorf("no display: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runDesktop(t, exe, []string{"DISPLAY=:179"})
	if code != exitInternal || !strings.Contains(errOut, "连接不上图形桌面（DISPLAY=:179）") || strings.Contains(errOut, "goroutine") {
		t.Errorf("a display that is not there: exit %d, stderr %q", code, errOut)
	}
}
