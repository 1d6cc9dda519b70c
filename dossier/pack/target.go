package pack

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"

	"dossier/dossier/fsafe"
)

// checkTarget decides whether out may receive a package: it does not exist, or is an empty
// folder, or (with force) holds an earlier package of ours. existing reports that a folder is
// there, to be moved aside when the new package is in place. Nothing is touched.
func checkTarget(out string, force bool) (existing bool, err error) {
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case errors.Is(err, syscall.ENOTDIR):
		return false, newError(ErrTarget, err, "无法使用输出文件夹 %s：路径中有一级是文件，不是文件夹", out)
	case err != nil:
		return false, ioError("使用输出文件夹", out, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return false, newError(ErrTarget, nil, "输出文件夹 %s 是符号链接（快捷方式）。为免写到别处，请指定一个普通文件夹或新的文件夹名", out)
	case !fi.IsDir():
		return false, newError(ErrTarget, nil, "%s 是一个文件，不是文件夹。申报包是一个新建的文件夹，请指定一个新的文件夹名", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return false, ioError("读取输出文件夹", out, err)
	}
	if len(entries) == 0 {
		return true, nil
	}
	if foreign, why := foreignEntries(out, entries); len(foreign) > 0 {
		return false, newError(ErrTarget, nil, "%s 中已有不属于 Dossier 申报包的内容%s，为免删除它们，未生成申报包：\n%s\n请选择一个空文件夹或新的文件夹名（申报包会新建在那里）",
			out, why, listing(foreign, 10))
	}
	if !force {
		return false, newError(ErrExists, nil, "%s 中已有一个申报包", out)
	}
	return true, nil
}

// foreignEntries lists what in the non-empty folder out is not part of an earlier package of
// ours: nil when out is recognisably one (a manifest.json of format 1 written by Dossier, and
// besides it only the files it names, in the folders their paths imply, plus an empty print/).
// why says, when there is no such manifest, that there is none.
func foreignEntries(out string, entries []fs.DirEntry) (foreign []string, why string) {
	m, err := ReadManifest(out)
	if err == nil && !strings.HasPrefix(m.Generator, "dossier") {
		err = errors.New("not ours")
	}
	if err != nil {
		for _, e := range entries {
			foreign = append(foreign, describeEntry(e.Name(), e.Type()))
		}
		return foreign, "（其中没有 Dossier 生成的 manifest.json）"
	}
	t, err := walkTree(out)
	if err != nil {
		return []string{"（无法读取：" + fsafe.Describe(err) + "）"}, ""
	}
	listed := map[string]bool{ManifestName: true}
	dirs := map[string]bool{PrintDir: true}
	for _, it := range m.Files {
		if !validPath(it.Path) {
			continue
		}
		listed[it.Path] = true
		for d := path.Dir(it.Path); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for rel := range t.files {
		if !listed[rel] {
			foreign = append(foreign, rel)
		}
	}
	for rel := range t.dirs {
		if !dirs[rel] {
			foreign = append(foreign, rel+"/")
		}
	}
	for rel, kind := range t.odd {
		foreign = append(foreign, rel+"（"+kind+"）")
	}
	for rel, reason := range t.unreadable {
		foreign = append(foreign, rel+"（无法读取："+reason+"）")
	}
	return foreign, ""
}

func describeEntry(name string, t fs.FileMode) string {
	switch {
	case t.IsDir():
		return name + "/"
	case !t.IsRegular():
		return name + "（" + fsafe.KindOf(t) + "）"
	}
	return name
}
