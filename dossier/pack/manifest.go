// Package pack writes a submission package (the folder `dossier build` makes: the notice's
// documents, print/ with the print-ready copies, manifest.json) and verifies one against its
// manifest. A package is written to a temporary folder beside the target and renamed into
// place, so a failure never leaves a partial package, and an existing package is replaced only
// when asked.
package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/dossier/programme"
)

// ManifestName is the manifest's file name inside a package.
const ManifestName = "manifest.json"

// Manifest lists every file of a package with its size and SHA-256 (CONTRACT.md).
type Manifest struct {
	Format    int    `json:"format"`
	Programme string `json:"programme"`
	Generator string `json:"generator"`
	Created   string `json:"created"`
	Files     []Item `json:"files"`
	// Template is the template the package was built from (CONTRACT.md); absent in packages
	// written before it was recorded.
	Template *programme.Provenance `json:"template,omitempty"`
}

// Item is one file of a package; Path is relative to the package folder, with / separators.
type Item struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Sentinel errors of Verify.
var (
	// ErrNotPackage: the folder has no readable manifest.json.
	ErrNotPackage = errors.New("pack: not a package")
)

// scan lists every regular file under dir except the manifest, with sizes and digests.
func scan(dir string) ([]Item, error) {
	var items []Item
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return nil
		}
		it, err := digest(path)
		if err != nil {
			return err
		}
		it.Path = rel
		items = append(items, it)
		return nil
	})
	sort.Slice(items, func(i, j int) bool { return items[i].Path < items[j].Path })
	return items, err
}

func digest(path string) (Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return Item{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Item{}, err
	}
	return Item{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Report is what Verify found.
type Report struct {
	Manifest *Manifest
	Missing  []string // listed but not there
	Extra    []string // there but not listed
	Changed  []string // size or digest differ
}

// Intact reports whether the package matches its manifest exactly.
func (r *Report) Intact() bool { return len(r.Missing)+len(r.Extra)+len(r.Changed) == 0 }

// String lists the differences in Chinese, one per line.
func (r *Report) String() string {
	var b strings.Builder
	for _, p := range r.Missing {
		fmt.Fprintf(&b, "缺少文件：%s\n", p)
	}
	for _, p := range r.Changed {
		fmt.Fprintf(&b, "文件已被修改：%s\n", p)
	}
	for _, p := range r.Extra {
		fmt.Fprintf(&b, "多出文件（清单中没有）：%s\n", p)
	}
	if r.Intact() {
		fmt.Fprintf(&b, "申报包完整：%d 个文件与清单一致\n", len(r.Manifest.Files))
	}
	return b.String()
}

// Verify checks a package folder against its manifest.json.
func Verify(dir string) (*Report, error) {
	src, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("%w：%s 中没有可读的 %s", ErrNotPackage, dir, ManifestName)
	}
	var m Manifest
	if err := json.Unmarshal(src, &m); err != nil || m.Format != 1 {
		return nil, fmt.Errorf("%w：%s 不是有效的申报包清单", ErrNotPackage, ManifestName)
	}
	have, err := scan(dir)
	if err != nil {
		return nil, fmt.Errorf("pack: read %s: %w", dir, err)
	}
	r := &Report{Manifest: &m}
	byPath := map[string]Item{}
	for _, it := range have {
		byPath[it.Path] = it
	}
	listed := map[string]bool{}
	for _, want := range m.Files {
		listed[want.Path] = true
		got, ok := byPath[want.Path]
		switch {
		case !ok:
			r.Missing = append(r.Missing, want.Path)
		case got.Size != want.Size || got.SHA256 != want.SHA256:
			r.Changed = append(r.Changed, want.Path)
		}
	}
	for _, it := range have {
		if !listed[it.Path] {
			r.Extra = append(r.Extra, it.Path)
		}
	}
	return r, nil
}
