package pack_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/dossier/fsafe"
	"dossier/dossier/pack"
)

// entries lists a folder's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// The scenario: --out is the folder holding the user's data file and licence scan.
// With or without --force nothing is touched and the message names what is there.
func TestForceNeverDeletesUserFiles(t *testing.T) {
	ev := demoEval(t, nil)
	parent := t.TempDir()
	out := filepath.Join(parent, "我的材料")
	os.Mkdir(out, 0o755)
	files := map[string]string{"我的数据.json": `{"format": 1}`, "营业执照.pdf": "%PDF-1.4 scan"}
	for name, content := range files {
		os.WriteFile(filepath.Join(out, name), []byte(content), 0o644)
	}
	for _, force := range []bool{true, false} {
		_, err := pack.Build(ev, pack.Options{Out: out, Now: when, Force: force})
		if !errors.Is(err, pack.ErrTarget) || errors.Is(err, pack.ErrExists) {
			t.Fatalf("force=%v: %v", force, err)
		}
		for _, s := range []string{"我的数据.json", "营业执照.pdf", "空文件夹或新的文件夹名"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("message lacks %q: %v", s, err)
			}
		}
		for name, content := range files {
			if b, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(b) != content {
				t.Fatalf("force=%v: %s was touched: %v", force, name, err)
			}
		}
		if got := entries(t, out); len(got) != 2 {
			t.Errorf("the folder changed: %v", got)
		}
		if got := entries(t, parent); len(got) != 1 {
			t.Errorf("leftovers beside it: %v", got)
		}
	}
}

// Only a folder whose manifest names exactly what it holds is an earlier package of ours.
func TestForceRefusesWhatIsNotOurPackage(t *testing.T) {
	ev := demoEval(t, nil)
	cases := map[string]func(pkg string){
		"an extra file":        func(pkg string) { os.WriteFile(filepath.Join(pkg, "mine.txt"), []byte("keep"), 0o644) },
		"an extra file deeper": func(pkg string) { os.WriteFile(filepath.Join(pkg, "print", "mine.txt"), []byte("keep"), 0o644) },
		"an extra folder":      func(pkg string) { os.Mkdir(filepath.Join(pkg, "扫描件"), 0o755) },
		"no manifest":          func(pkg string) { os.Remove(filepath.Join(pkg, pack.ManifestName)) },
		"another generator": func(pkg string) {
			p := filepath.Join(pkg, pack.ManifestName)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"generator": "dossier`, `"generator": "other`, 1)), 0o644)
		},
		"a manifest of format 2": func(pkg string) {
			p := filepath.Join(pkg, pack.ManifestName)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"format": 1`, `"format": 2`, 1)), 0o644)
		},
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pkg")
			if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
				t.Fatal(err)
			}
			spoil(out)
			before := treeOf(t, out)
			if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Force: true}); !errors.Is(err, pack.ErrTarget) {
				t.Fatalf("force over %s: %v", name, err)
			}
			if after := treeOf(t, out); after != before {
				t.Errorf("the folder was touched:\n%s\nnow:\n%s", before, after)
			}
		})
	}
}

// treeOf is every path and content under dir, for comparing before and after.
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + fi.Mode().String())
		if fi.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			b.WriteString(" " + strconv.Itoa(len(data)) + " " + string(data[:min(len(data), 64)]))
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

// An earlier package whose files the user partly deleted (an empty print/ left) is still ours.
func TestForceReplacesAPartlyDeletedPackage(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	for _, name := range entries(t, filepath.Join(out, "print")) {
		os.Remove(filepath.Join(out, "print", name))
	}
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Force: true}); err != nil {
		t.Fatal(err)
	}
	if r, err := pack.Verify(out); err != nil || !r.Intact() {
		t.Fatalf("%v %v", err, r)
	}
}

// --out naming a file or a link is refused (exit 2 in the CLI), nothing touched.
func TestOutIsAFileOrALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	ev := demoEval(t, nil)
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	target := filepath.Join(dir, "elsewhere")
	os.Mkdir(target, 0o755)
	link := filepath.Join(dir, "link")
	os.Symlink(target, link)
	for _, out := range []string{file, link} {
		_, err := pack.Build(ev, pack.Options{Out: out, Now: when, Force: true})
		if !errors.Is(err, pack.ErrTarget) {
			t.Errorf("%s: %v", out, err)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "x" || len(entries(t, target)) != 0 || len(entries(t, dir)) != 3 {
		t.Error("something was touched")
	}
}

// A build that fails once the package is complete leaves the earlier package as it was and no
// temporary folder; the files of a finished package are all there.
func TestFailingBuildKeepsTheOldPackage(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	before := treeOf(t, out)
	var sawTemp string
	defer pack.SetBeforeCommit(func(tmp string) error {
		sawTemp = tmp
		return &os.PathError{Op: "write", Path: tmp, Err: errNoSpace}
	})()
	_, err := pack.Build(ev, pack.Options{Out: out, Now: when.Add(time.Hour), Force: true})
	if !errors.Is(err, pack.ErrIO) || !strings.Contains(err.Error(), "磁盘空间已满") {
		t.Fatalf("err = %v", err)
	}
	if _, ok := fsafe.IsOurTemp(filepath.Base(sawTemp)); !ok {
		t.Errorf("temporary folder %s is not named by fsafe", sawTemp)
	}
	if after := treeOf(t, out); after != before {
		t.Error("the old package changed")
	}
	if got := entries(t, filepath.Dir(out)); len(got) != 1 {
		t.Errorf("leftovers: %v", got)
	}
}

// When the earlier package cannot be removed after the new one is in place, the build
// succeeds, says so through Warn, and the leftover carries fsafe's name (swept later).
func TestLeftoverOldPackageIsReported(t *testing.T) {
	ev := demoEval(t, nil)
	parent := t.TempDir()
	out := filepath.Join(parent, "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	defer pack.SetRemoveAll(func(string) error { return &os.PathError{Op: "unlinkat", Path: "x", Err: errBusy} })()
	var warnings []string
	later := when.Add(time.Hour)
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: later, Force: true, Warn: func(m string) { warnings = append(warnings, m) }}); err != nil {
		t.Fatal(err)
	}
	if r, _ := pack.Verify(out); r == nil || !r.Intact() || r.Manifest.Created != later.Format(time.RFC3339) {
		t.Fatal("the new package is not in place")
	}
	var left string
	for _, name := range entries(t, parent) {
		if name != "pkg" {
			left = name
		}
	}
	if _, ok := fsafe.IsOurTemp(left); !ok {
		t.Fatalf("leftover %q not named by fsafe: %v", left, entries(t, parent))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], left) || !strings.Contains(warnings[0], "未能删除") {
		t.Fatalf("warnings: %q", warnings)
	}
}

// A dead process's temporary folder beside --out is swept at the next build; a user's file
// that merely starts with a dot, and the temporary folder of a live process, are not.
func TestBuildSweepsStaleLeftovers(t *testing.T) {
	ev := demoEval(t, nil)
	parent := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	stale := filepath.Join(parent, ".dossier-build-"+strconv.Itoa(dead.ProcessState.Pid())+"-123456")
	live := filepath.Join(parent, ".dossier-build-1-654321") // pid 1 is always running
	for _, d := range []string{stale, live} {
		os.MkdirAll(filepath.Join(d, "print"), 0o755)
		os.WriteFile(filepath.Join(d, "print", "x.pdf"), []byte("x"), 0o644)
		old := time.Now().Add(-time.Hour)
		os.Chtimes(d, old, old)
	}
	user := filepath.Join(parent, ".dossier-notes.txt")
	os.WriteFile(user, []byte("mine"), 0o644)
	if _, err := pack.Build(ev, pack.Options{Out: filepath.Join(parent, "pkg"), Now: when}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the dead process's leftover was not swept")
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a live process's folder was swept")
	}
	if b, _ := os.ReadFile(user); string(b) != "mine" {
		t.Error("a user's file was touched")
	}
}
