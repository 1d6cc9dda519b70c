package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"dossier/dossier"
	"dossier/dossier/store"
)

// copyImportedAttachments copies the files an imported data file names under attachments into
// the store, as the 附件 section does with the files it adds (store.CopyAttachment), so that a
// moved or deleted original loses nothing, and points dossier id at the copies. Relative paths
// are taken from the imported file's folder (name's, when the file was read through a dialog).
// A file that cannot be copied is said in a message; the import stands.
func (u *UI) copyImportedAttachments(id int64, f *dossier.File, name string) {
	if len(f.Attachments) == 0 {
		return
	}
	dir := f.Dir
	if dir == "" && filepath.IsAbs(name) {
		dir = filepath.Dir(name)
	}
	labels := map[string]string{}
	if p := u.deps.Programmes.Get(f.Programme); p != nil {
		for _, a := range p.Attachments {
			labels[a.ID] = a.Label
		}
	}
	label := func(aid string) string {
		if l := labels[aid]; l != "" {
			return l
		}
		return aid
	}
	d, err := u.deps.Store.Dossier(u.ctx, id)
	if err != nil {
		u.storeError(lang.L("无法复制导入的附件"), err)
		return
	}
	data, problems, err := store.CopyDataAttachments(u.attachmentsRoot(), id, d.Data, dir, label)
	if err == nil {
		d.Data = data
		err = u.deps.Store.SaveDossier(u.ctx, d)
	}
	if err != nil {
		u.storeError(lang.L("无法复制导入的附件"), err)
		return
	}
	if len(problems) > 0 {
		showErrorText(u.win, fmt.Sprintf(lang.L("已导入 %s，但有%d个附件文件未能复制："), name, len(problems))+"\n"+strings.Join(problems, "\n"))
	}
}
