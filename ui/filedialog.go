package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// fileDialogSize fits a 1366×768 screen with the window's frame around it.
var fileDialogSize = fyne.NewSize(900, 600)

// askFolder shows the folder dialog titled title, opened at start when that folder exists,
// and gives then the folder chosen; a cancelled dialog does nothing.
func (u *UI) askFolder(title, start string, then func(dir string)) {
	u.askFolderTo(title, "", start, then)
}

// askFolderTo is askFolder whose confirm button says confirm (Fyne's 打开 when "": a folder
// to save into wants 保存到这里).
func (u *UI) askFolderTo(title, confirm, start string, then func(dir string)) {
	d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil {
			u.showError(lang.L("无法打开所选文件夹"), err)
			return
		}
		if uri != nil {
			then(uri.Path())
		}
	}, u.win)
	d.SetTitleText(title)
	if confirm != "" {
		d.SetConfirmText(confirm)
	}
	if start != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fileDialogSize)
	showFileDialog(d, u.win)
}

// askFile shows the file dialog titled title for one file with one of the extensions exts,
// and gives then its path; a cancelled dialog does nothing.
func (u *UI) askFile(title string, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(lang.L("无法打开所选文件"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, u.win)
	d.SetTitleText(title)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fileDialogSize)
	showFileDialog(d, u.win)
}

// placeName is the UI's word for a place in the file dialog's side list: Fyne v2.7.1 writes
// those names in English without passing them through its translations (dialog/file.go:
// "Home", "App Files", the Desktop… folders; dialog/file_unix.go: "Computer").
func placeName(name string) string {
	switch name {
	case "Home":
		return lang.L("主文件夹")
	case "Computer":
		return lang.L("计算机")
	case "App Files":
		return lang.L("程序文件")
	case "Desktop":
		return lang.L("桌面")
	case "Documents":
		return lang.L("文档")
	case "Downloads":
		return lang.L("下载")
	case "Music":
		return lang.L("音乐")
	case "Pictures":
		return lang.L("图片")
	case "Videos", "Movies":
		return lang.L("视频")
	}
	return name
}

// showFileDialog shows a Fyne file dialog, its places named in the UI's language; Escape
// cancels it, as 取消 does (Fyne's file dialogs ignore the key).
func showFileDialog(d interface{ Show() }, w fyne.Window) {
	if fd, ok := d.(*dialog.FileDialog); ok {
		showClosingOnEscape(fd, w, fd.Dismiss)
	} else {
		d.Show()
	}
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	places := firstList(pop.Content)
	if places == nil {
		return
	}
	update := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		update(id, o)
		if box, ok := o.(*fyne.Container); ok {
			for _, c := range box.Objects {
				if l, ok := c.(*widget.Label); ok {
					l.SetText(placeName(l.Text))
				}
			}
		}
	}
	places.Refresh()
}

// firstList is the first list in o's tree (the file dialog's places, at the split's leading
// side), looking through containers, splits and scrolls.
func firstList(o fyne.CanvasObject) *widget.List {
	switch x := o.(type) {
	case *widget.List:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if l := firstList(c); l != nil {
				return l
			}
		}
	case *container.Split:
		if l := firstList(x.Leading); l != nil {
			return l
		}
		return firstList(x.Trailing)
	case *container.Scroll:
		return firstList(x.Content)
	}
	return nil
}
