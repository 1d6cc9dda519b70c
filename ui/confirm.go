package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// confirmOverwrite asks before replacing something, with buttons that say what they do: 取消 /
// 覆盖 (Fyne's confirm dialog says 否 / 是, which reads oddly as an answer to "覆盖？").
func confirmOverwrite(title, message string, then func(bool), w fyne.Window) {
	d := dialog.NewConfirm(title, message, then, w)
	d.SetDismissText(lang.L("取消"))
	d.SetConfirmText(lang.L("覆盖"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// showDataSaved says where the data file was saved, with a button to copy the path.
func (e *editor) showDataSaved(uri fyne.URI) {
	where := uri.Path()
	if where == "" {
		where = uri.String()
	}
	path := &widget.Entry{Text: where}
	path.ExtendBaseWidget(path)
	path.OnChanged = func(string) { path.SetText(where) } // read-only but selectable
	copyBtn := &widget.Button{Text: lang.L("复制路径"), OnTapped: func() { e.u.app.Clipboard().SetContent(where) }}
	box := container.NewVBox(&widget.Label{Text: lang.L("已保存数据文件，位于：")}, path, container.NewHBox(copyBtn))
	d := dialog.NewCustom(lang.L("数据文件已导出"), lang.L("关闭"), box, e.u.win)
	d.Resize(fyne.NewSize(640, 200))
	e.lastDataFile = where
	d.Show()
}
