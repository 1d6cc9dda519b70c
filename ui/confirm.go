package ui

import (
	"fyne.io/fyne/v2"
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
