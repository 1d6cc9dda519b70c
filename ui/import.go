package ui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"dossier/dossier"
	"dossier/dossier/store"
)

// onImport asks for a data file (CONTRACT.md) and imports it.
func (u *UI) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(lang.L("无法打开所选文件"), err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		name := r.URI().Path() // where it came from, shown with the dossier
		if name == "" {
			name = r.URI().Name()
		}
		u.importData(name, r)
	}, u.win)
	d.SetTitleText(lang.L("导入数据文件"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Resize(fyne.NewSize(900, 600))
	showFileDialog(d, u.win)
}

// importFile imports the data file at path (given on the command line).
func (u *UI) importFile(path string) {
	f, err := dossier.ReadFile(path)
	if err != nil {
		u.showError(importMessage(path, err), err)
		return
	}
	u.importParsed(path, f)
}

// importData imports a data file read from r; name is for messages.
func (u *UI) importData(name string, r io.Reader) {
	f, err := dossier.Decode(r)
	if err != nil {
		u.showError(importMessage(name, err), err)
		return
	}
	u.importParsed(name, f)
}

// importParsed stores the file as a new dossier (of the enterprise with its credit code, or a
// new one) and opens it.
func (u *UI) importParsed(name string, f *dossier.File) {
	if u.deps.Programmes.Get(f.Programme) == nil {
		var ids []string
		for _, p := range u.deps.Programmes.All() {
			ids = append(ids, p.ID)
		}
		u.showError(fmt.Sprintf(lang.L("无法导入 %s：数据文件的申报项目“%s”不在已知项目中（已知：%s）"), name, f.Programme, strings.Join(ids, "、")), nil)
		return
	}
	id, err := u.addDossier(f.Programme, f)
	if err != nil {
		u.showError(fmt.Sprintf(lang.L("无法导入 %s：%s"), name, store.UserMessage(err)), err)
		return
	}
	u.app.Preferences().SetString(prefImportedFrom(id), fmt.Sprintf(lang.L("导入自 %s（%s）"), name, u.today().Format("2006-01-02 15:04")))
	u.openDossier(id)
}

// prefImportedFrom is the preference key saying where the dossier id was imported from (the
// file and the day), shown on its home card and in its header.
func prefImportedFrom(id int64) string { return fmt.Sprintf("import.%d", id) }

// importedFrom says where the dossier was imported from, "" when it was not.
func (u *UI) importedFrom(id int64) string {
	return u.app.Preferences().String(prefImportedFrom(id))
}

// importMessage explains why a data file cannot be read; dossier's errors are Chinese already.
func importMessage(name string, err error) string {
	return "无法导入 " + name + "：" + err.Error()
}
