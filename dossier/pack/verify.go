package pack

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/dossier/fsafe"
)

// Report is what Verify found. Every list is sorted by path.
type Report struct {
	Manifest   *Manifest
	Missing    []string // listed but not there
	Extra      []string // there but not listed
	Changed    []string // size or digest differ
	NotRegular []string // a link, FIFO, device or folder where a file belongs: "path（是符号链接）"
	Unreadable []string // could not be read: "path：why"
	Duplicate  []string // listed more than once in the manifest
	BadPath    []string // manifest entries that are not a path inside the package
	// NotBurned are the files of print/ and 不刻录/ when dir is a disc: the top level of a
	// package, burned without those folders (disc.go). They are not checked.
	NotBurned []string
}

// Intact reports whether the package matches its manifest exactly.
func (r *Report) Intact() bool { return r.differences() == 0 && len(r.Unreadable) == 0 }

// Unverified reports whether nothing differs but some files could not be read, so that
// intactness could not be established (an I/O problem, not a tampered package).
func (r *Report) Unverified() bool { return r.differences() == 0 && len(r.Unreadable) > 0 }

func (r *Report) differences() int {
	return len(r.Missing) + len(r.Extra) + len(r.Changed) + len(r.NotRegular) + len(r.Duplicate) + len(r.BadPath)
}

// String lists the findings in Chinese, one per line.
func (r *Report) String() string {
	var b strings.Builder
	lines := func(format string, items []string) {
		for _, p := range items {
			fmt.Fprintf(&b, format, p)
		}
	}
	lines("缺少文件：%s\n", r.Missing)
	lines("文件已被修改：%s\n", r.Changed)
	lines("不是普通文件（申报包中只应有普通文件）：%s\n", r.NotRegular)
	lines("多出文件（清单中没有）：%s\n", r.Extra)
	lines("无法读取，未能核对：%s\n", r.Unreadable)
	lines("清单中重复列出：%s\n", r.Duplicate)
	lines("清单中的路径无效（不在申报包内）：%s\n", r.BadPath)
	switch {
	case r.Intact() && len(r.NotBurned) > 0:
		fmt.Fprintf(&b, "电子版（光盘）完整：%d 个文件与清单一致；打印稿和不刻录的 %d 个文件不在光盘上，未核对\n", len(r.Manifest.Files)-len(r.NotBurned), len(r.NotBurned))
	case r.Intact():
		fmt.Fprintf(&b, "申报包完整：%d 个文件与清单一致\n", len(r.Manifest.Files))
	}
	if r.Manifest != nil && r.Manifest.Draft {
		b.WriteString("注意：这是草稿（生成时用了 --draft，每页带“草稿”水印），不能报送\n")
	}
	return b.String()
}

// Verify checks a package folder against its manifest.json. Nothing in the package is
// followed: a link, a FIFO or a device where a file belongs is reported, never opened. dir
// itself, as the user names it, may be a link to the package folder.
func Verify(dir string) (*Report, error) {
	root, err := packageRoot(dir)
	if err != nil {
		return nil, err
	}
	m, err := ReadManifest(root)
	if err != nil {
		return nil, err
	}
	t, err := walkTree(root)
	if err != nil {
		return nil, newError(ErrUnreadable, err, "无法读取 %s：%s", dir, fsafe.Describe(err))
	}
	r := &Report{Manifest: m}
	listed := map[string]bool{ManifestName: true}
	for _, want := range m.Files {
		switch {
		case !validPath(want.Path):
			r.BadPath = append(r.BadPath, want.Path)
		case listed[want.Path]:
			r.Duplicate = append(r.Duplicate, want.Path)
		default:
			listed[want.Path] = true
			r.check(root, t, want)
		}
	}
	r.Missing, r.NotBurned = burnedOnly(t, r.Missing)
	for rel := range t.files {
		if !listed[rel] {
			r.Extra = append(r.Extra, rel)
		}
	}
	for rel, kind := range t.odd {
		r.NotRegular = append(r.NotRegular, fmt.Sprintf("%s（%s）", rel, kind))
	}
	for rel, why := range t.unreadable {
		r.Unreadable = append(r.Unreadable, fmt.Sprintf("%s：%s", rel, why))
	}
	for _, l := range [][]string{r.Missing, r.Extra, r.Changed, r.NotRegular, r.Unreadable, r.Duplicate, r.BadPath} {
		sort.Strings(l)
	}
	return r, nil
}

// check compares one listed file with what is there.
func (r *Report) check(root string, t *tree, want Item) {
	fi, ok := t.files[want.Path]
	switch {
	case t.odd[want.Path] != "":
		return // reported with everything that is not a regular file
	case t.dirs[want.Path]:
		r.NotRegular = append(r.NotRegular, want.Path+"（是文件夹）")
		return
	case !ok:
		r.Missing = append(r.Missing, want.Path)
		return
	case fi.Size() != want.Size:
		r.Changed = append(r.Changed, want.Path)
		return
	}
	got, err := digest(filepath.Join(root, filepath.FromSlash(want.Path)), fi)
	switch {
	case err != nil:
		r.Unreadable = append(r.Unreadable, fmt.Sprintf("%s：%s", want.Path, fsafe.Describe(err)))
	case got.Size != want.Size || got.SHA256 != want.SHA256:
		r.Changed = append(r.Changed, want.Path)
	}
}

// validPath: a manifest path names a file inside the package, with / separators.
func validPath(p string) bool {
	return fs.ValidPath(p) && p != "." && p != ManifestName && !strings.ContainsAny(p, `\:`)
}

// packageRoot is the folder to verify: dir, or what it links to when the user named a link.
func packageRoot(dir string) (string, error) {
	fi, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return "", newError(ErrNotPackage, err, "%s 不存在", dir)
	case err != nil:
		return "", newError(ErrUnreadable, err, "无法读取 %s：%s", dir, fsafe.Describe(err))
	case !fi.IsDir():
		return "", newError(ErrNotPackage, nil, "%s 不是文件夹（申报包是一个文件夹）", dir)
	}
	if lfi, err := os.Lstat(dir); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return real, nil
		}
	}
	return dir, nil
}

// burnedOnly separates, when dir is a disc (neither print/ nor 不刻录/ is there at all), the
// missing files of those folders from the really missing ones.
func burnedOnly(t *tree, missing []string) (still, notBurned []string) {
	if t.dirs[PrintDir] || t.dirs[PrivateDir] {
		return missing, nil
	}
	for _, p := range missing {
		if strings.HasPrefix(p, PrintDir+"/") || strings.HasPrefix(p, PrivateDir+"/") {
			notBurned = append(notBurned, p)
		} else {
			still = append(still, p)
		}
	}
	return still, notBurned
}
