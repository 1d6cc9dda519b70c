package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/session"
)

// onPaste adds the rows copied from Excel or WPS (the clipboard's text) to the table, through
// the session (session.PasteRows reads each cell as a typed one), and says which cells could
// not be read; the others are kept.
func (t *tableView) onPaste() {
	text := fyne.CurrentApp().Clipboard().Content()
	rows := session.SplitClipboard(text)
	if len(rows) == 0 {
		showErrorText(t.f.win, lang.L("剪贴板中没有表格内容：请先在 Excel 或 WPS 中选中要粘贴的单元格（按本表的列顺序），复制后再点“粘贴表格”。"))
		return
	}
	first := t.f.sess.Rows(t.path)
	added, problems, err := t.f.sess.PasteRows(t.path, rows)
	if err != nil {
		t.f.tableError(err)
		return
	}
	t.f.touched[t.path] = true
	t.rebuild()
	t.f.changed()
	if len(problems) == 0 {
		return
	}
	lines := []string{fmt.Sprintf(lang.L("已粘贴%d行（%s起）。以下内容无法读取，已留空，请逐项补填："), added, t.rowName(first))}
	for _, p := range problems {
		lines = append(lines, t.pasteProblem(p))
	}
	msg := &widget.Label{Text: strings.Join(lines, "\n"), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(lang.L("粘贴表格"), lang.L("知道了"), msg, t.f.win)
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
	t.lastPaste = lines
}

// pasteProblem writes a cell that could not be pasted as "IP03 · 授权日期：…".
func (t *tableView) pasteProblem(p session.PasteProblem) string {
	switch {
	case p.Row < 0:
		return p.Message
	case p.Column == "":
		return t.rowName(p.Row) + " · " + p.Message
	}
	return t.rowName(p.Row) + " · " + p.Column + "：" + p.Message
}
