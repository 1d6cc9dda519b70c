package pack_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/dossier/pack"
)

// packageFiles reads every file of the package at dir: path (slashed, relative) → bytes.
func packageFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBuildDeterministic: the same dossier built twice with the same Options.Now (STYLE.md
// rule 8) gives the same package byte for byte: the print copies pdfcpu binds, the volume
// with attachments it merges and stamps, and so the manifest's hashes.
func TestBuildDeterministic(t *testing.T) {
	ev := attachedDemo(t)
	var builds []map[string][]byte
	var first string
	for _, name := range []string{"a", "b"} {
		out := filepath.Join(t.TempDir(), name)
		if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"}); err != nil {
			t.Fatal(err)
		}
		builds = append(builds, packageFiles(t, out))
		if first == "" {
			first = out
		}
	}
	a, b := builds[0], builds[1]
	var names []string
	for name := range a {
		names = append(names, name)
	}
	slices.Sort(names)
	prints := 0
	for _, name := range names {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds (%d and %d bytes)", name, len(a[name]), len(b[name]))
		}
		if strings.HasPrefix(name, pack.PrintDir+"/") && strings.Contains(name, "份）") {
			prints++
		}
		if strings.HasSuffix(name, ".pdf") {
			qpdfCheck(t, filepath.Join(first, filepath.FromSlash(name)))
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	if prints == 0 {
		t.Errorf("no print copies among %q", names)
	}
	if _, ok := a[pack.ManifestName]; !ok {
		t.Errorf("no %s among %q", pack.ManifestName, names)
	}
}

// qpdfCheck fails the test unless qpdf finds the PDF at path sound.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	bin, err := exec.LookPath("qpdf")
	if err != nil {
		t.Fatal("qpdf is missing: apt-get install qpdf")
	}
	if out, err := exec.Command(bin, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out)
	}
}
