package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/dossier/fsafe"
)

// outTarget checks a file to be written: a new file, or with --force an existing regular
// file; a folder, a link or a device is never written over.
func outTarget(out string, force bool) error {
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return fail(exitInvalid, "无法写入 %s：文件夹 %s 不存在或不是文件夹", out, filepath.Dir(out))
	}
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fail(exitInvalid, "无法使用 %s：%s", out, fsafe.Describe(err))
	case !fi.Mode().IsRegular():
		return fail(exitInvalid, "%s 已存在且不是普通文件，请换一个文件名", out)
	case !force:
		return fail(exitInvalid, "%s 已存在（如要覆盖，请加 --force）", out)
	}
	return nil
}
