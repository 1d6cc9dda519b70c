package ui

import (
	"dossier/dossier/session"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/document"
	"dossier/dossier/fsafe"
	"dossier/dossier/master"
	"dossier/dossier/render/xlsx"
)

// prefWorkbookDir remembers the folder the last workbook was saved in.
const prefWorkbookDir = "workbook.dir"

// saveWorkbook saves a workbook as saveFile does, in the folder the last workbook went to.
func (u *UI) saveWorkbook(title, name string, write func(io.Writer) error, done func(path string)) {
	u.saveFile(title, prefWorkbookDir, name, write, done)
}

// saveFile asks for a folder (starting at the one remembered under pref) and saves the file
// there as name, written by write (writeFile: atomic, asking before it overwrites).
func (u *UI) saveFile(title, pref, name string, write func(io.Writer) error, done func(path string)) {
	prefs := u.app.Preferences()
	u.askFolderTo(title, lang.L("保存到这里"), prefs.String(pref), func(dir string) {
		prefs.SetString(pref, dir)
		u.writeFile(filepath.Join(dir, name), false, write, done)
	})
}

// writeFile writes path with fsafe.WriteFile (atomic: an error leaves the old file) off
// the UI goroutine, asking first when a file is there, then says where it is.
func (u *UI) writeFile(path string, force bool, write func(io.Writer) error, done func(path string)) {
	if _, err := os.Lstat(path); err == nil && !force {
		confirmOverwrite(lang.L("文件已存在"), fmt.Sprintf(lang.L("“%s”已存在。是否覆盖它？"), path), func(ok bool) {
			if ok {
				u.writeFile(path, true, write, done)
			}
		}, u.win)
		return
	}
	go func() {
		fsafe.SweepStale(filepath.Dir(path))
		err := fsafe.WriteFile(path, write)
		fyne.Do(func() {
			if err != nil {
				u.showError(fmt.Sprintf(lang.L("无法写入 %s：%s"), path, fsafe.Describe(err)), err)
			} else {
				u.showSaved(path)
			}
			if done != nil {
				done(path)
			}
		})
	}()
}

// showSaved says where a file was saved, with buttons to copy the path or open its folder.
func (u *UI) showSaved(path string) {
	entry := &widget.Entry{Text: path}
	entry.ExtendBaseWidget(entry)
	entry.OnChanged = func(string) { entry.SetText(path) } // read-only but selectable
	copyBtn := &widget.Button{Text: lang.L("复制路径"), OnTapped: func() { u.app.Clipboard().SetContent(path) }}
	openBtn := &widget.Button{Text: lang.L("打开文件夹"), OnTapped: func() {
		l, err := url.Parse(storage.NewFileURI(filepath.Dir(path)).String())
		if err == nil {
			err = u.app.OpenURL(l)
		}
		if err != nil {
			u.showError(lang.L("无法打开文件夹"), err)
		}
	}}
	box := container.NewVBox(&widget.Label{Text: lang.L("已保存，位于：")}, entry, container.NewHBox(copyBtn, openBtn))
	d := dialog.NewCustom(lang.L("已保存"), lang.L("关闭"), box, u.win)
	d.Resize(fyne.NewSize(640, 200))
	d.Show()
}

// onBlank saves an empty master of the chosen programme (as `dossier master ID`).
func (m *masterScreen) onBlank() {
	p := m.chosen()
	if p == nil {
		showErrorText(m.u.win, lang.L("请先选择申报项目：名单的列因项目而不同。"))
		return
	}
	now := m.u.today()
	m.u.saveWorkbook(lang.L("选择保存企业名单的文件夹"), fsafe.SafeName(session.ProgrammeName(p)+"企业名单.xlsx"),
		func(w io.Writer) error { return master.Write(w, p, nil, now) }, nil)
}

// onSave saves the summary sheets and the 审核清单 in one xlsx, as `dossier aggregate` does.
func (a *aggregateScreen) onSave() {
	if a.res == nil || a.busy {
		return
	}
	a.u.saveWorkbook(lang.L("选择保存汇总表的文件夹"), fsafe.SafeName(session.ProgrammeName(a.prog)+"汇总表.xlsx"), a.writer(), a.onSaved)
}

// saveTo saves the workbook at path (tests; the dialog's choice goes through saveWorkbook).
func (a *aggregateScreen) saveTo(path string) {
	a.done = make(chan struct{})
	a.u.writeFile(path, false, a.writer(), a.onSaved)
}

func (a *aggregateScreen) onSaved(path string) {
	a.busy = false
	a.saved = path
	if a.done != nil {
		select {
		case <-a.done:
		default:
			close(a.done)
		}
	}
	a.enable()
}

func (a *aggregateScreen) writer() func(io.Writer) error {
	sheets := append(append([]*document.Sheet(nil), a.res.Sheets...), a.checklist)
	opts := xlsx.Options{Created: a.u.today(), Creator: a.u.deps.Generator}
	return func(w io.Writer) error { return xlsx.RenderWith(w, opts, sheets...) }
}
