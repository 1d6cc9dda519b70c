// Package pack writes a submission package (the folder `dossier build` makes: the notice's
// documents, print/ with the print-ready copies, manifest.json) and verifies one against its
// manifest.
//
// A package is written file by file into a temporary folder beside the target (named by
// fsafe, so that an interrupted or killed build is recognised and swept later), each file and
// the folder flushed to disk, then renamed into place; an earlier package is moved aside first
// and removed only once the new one is in place. An existing folder is replaced only when it is
// recognisably an earlier package of ours (its manifest names exactly what it holds): anything
// else is never touched.
//
// Verify trusts nothing it did not check: a package holds regular files and folders only, and
// anything else (a link, a FIFO, a device) is reported, never followed or opened.
package pack

import (
	"bytes"
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
	"unicode/utf8"

	"dossier/dossier/fsafe"
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
	// Draft marks a package built with --draft (草稿): verify says so.
	Draft bool   `json:"draft,omitempty"`
	Files []Item `json:"files"`
	// Template is the template the package was built from (CONTRACT.md); absent in packages
	// written before it was recorded.
	Template *programme.Provenance `json:"template,omitempty"`
	// MissingAttachments are the ids of the required attachments that were not given: the
	// package holds a placeholder page for each and is incomplete (CONTRACT.md).
	MissingAttachments []string `json:"missing_attachments,omitempty"`
	// Print says how to print each document of print/ (PrintDocuments); absent in packages
	// written before it was recorded.
	Print []PrintDoc `json:"print,omitempty"`
}

// Item is one file of a package; Path is relative to the package folder, with / separators.
type Item struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ReadManifest reads and decodes dir's manifest.json. Each way it can fail has its own
// message: missing, not a regular file, too large, unreadable (ErrUnreadable), not valid
// JSON, not format 1 (all others ErrNotPackage).
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestName)
	src, err := readNoFollow(path, fsafe.MaxDataFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, newError(ErrNotPackage, err, "%s 中没有 %s，不是 Dossier 生成的申报包", dir, ManifestName)
	case errors.Is(err, fsafe.ErrNotRegular), errors.Is(err, fsafe.ErrTooLarge):
		return nil, newError(ErrNotPackage, err, "%s：%v", path, err)
	case err != nil:
		return nil, newError(ErrUnreadable, err, "无法读取 %s：%s", path, fsafe.Describe(err))
	}
	m, err := decodeManifest(src)
	if err != nil {
		return nil, newError(ErrNotPackage, err, "%s 不是有效的申报包清单：%v", path, err)
	}
	return m, nil
}

func decodeManifest(src []byte) (*Manifest, error) {
	if !utf8.Valid(src) {
		return nil, errors.New("不是 UTF-8 编码")
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	var m Manifest
	err := dec.Decode(&m)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return nil, fmt.Errorf("不是有效的 JSON（第 %d 行附近）", lineAt(src, se.Offset))
	case errors.As(err, &te):
		return nil, fmt.Errorf("“%s”的类型不对（第 %d 行附近）", te.Field, lineAt(src, te.Offset))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("文件为空或不完整")
	case err != nil:
		return nil, errors.New("不是有效的 JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("清单之后还有多余的内容")
	}
	switch {
	case m.Format != 1:
		return nil, fmt.Errorf("format 为 %d，本程序只认识 format 1", m.Format)
	case m.Files == nil:
		return nil, errors.New("没有 files 文件列表")
	}
	return &m, nil
}

func lineAt(src []byte, offset int64) int {
	if offset > int64(len(src)) {
		offset = int64(len(src))
	}
	return bytes.Count(src[:offset], []byte("\n")) + 1
}

// readNoFollow reads a regular file of at most limit bytes without following a link at path
// and without ever opening a FIFO or a device.
func readNoFollow(path string, limit int64) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w：%s", fsafe.ErrNotRegular, fsafe.KindOf(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%w：%s，超过上限 %s", fsafe.ErrTooLarge, fsafe.HumanSize(fi.Size()), fsafe.HumanSize(limit))
	}
	f, err := openRegular(path, fi)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w：超过上限 %s", fsafe.ErrTooLarge, fsafe.HumanSize(limit))
	}
	return b, nil
}

// openRegular opens path, which Lstat found to be the regular file fi, and checks that what it
// opened is that file: a link or a FIFO swapped in since is refused, never followed.
func openRegular(path string, fi fs.FileInfo) (*os.File, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	got, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !got.Mode().IsRegular() || !sameFile(fi, got) {
		f.Close()
		return nil, fmt.Errorf("%w：读取时被替换成了%s", fsafe.ErrNotRegular, strings.TrimPrefix(fsafe.KindOf(got.Mode()), "是"))
	}
	return f, nil
}

// tree is what a folder holds, found without following any link.
type tree struct {
	files      map[string]fs.FileInfo // regular files by relative path (/ separators)
	dirs       map[string]bool        // sub-folders
	odd        map[string]string      // anything else: relative path → what it is
	unreadable map[string]string      // sub-folders that could not be listed → why
}

func walkTree(root string) (*tree, error) {
	t := &tree{files: map[string]fs.FileInfo{}, dirs: map[string]bool{}, odd: map[string]string{}, unreadable: map[string]string{}}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		rel, relErr := filepath.Rel(root, path)
		if relErr != nil {
			return relErr
		}
		rel = filepath.ToSlash(rel)
		switch {
		case err != nil && rel == ".":
			return err
		case err != nil:
			t.unreadable[rel] = fsafe.Describe(err)
			return nil
		case rel == ".":
			return nil
		case d.IsDir():
			t.dirs[rel] = true
			return nil
		case d.Type().IsRegular():
			fi, err := d.Info()
			if err != nil {
				t.unreadable[rel] = fsafe.Describe(err)
				return nil
			}
			t.files[rel] = fi
			return nil
		}
		t.odd[rel] = fsafe.KindOf(d.Type())
		return nil
	})
	return t, err
}

// scan lists every regular file under dir except the manifest, with sizes and digests. It is
// used on the folder Build itself wrote.
func scan(dir string) ([]Item, error) {
	t, err := walkTree(dir)
	if err != nil {
		return nil, err
	}
	var items []Item
	for rel, fi := range t.files {
		if rel == ManifestName {
			continue
		}
		it, err := digest(filepath.Join(dir, filepath.FromSlash(rel)), fi)
		if err != nil {
			return nil, err
		}
		it.Path = rel
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Path < items[j].Path })
	return items, nil
}

func digest(path string, fi fs.FileInfo) (Item, error) {
	f, err := openRegular(path, fi)
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
