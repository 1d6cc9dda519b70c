package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// tableView shows a table field as one card per row (a wide grid of eight money columns does
// not fit beside the section list and the eligibility panel), with buttons to add, remove and
// reorder rows.
type tableView struct {
	f     *form
	field *programme.Field
	path  string
	rows  *fyne.Container
	obj   fyne.CanvasObject
	cells []*fieldView
	add   *focusButton
	paste *focusButton
	// lastPaste is what the last paste reported (for tests).
	lastPaste []string
}

func newTableView(f *form, fd *programme.Field, path string) *tableView {
	t := &tableView{f: f, field: fd, path: path, rows: container.NewVBox()}
	t.add = f.button(lang.L("添加一行"), theme.ContentAddIcon(), widget.MediumImportance, t.onAdd)
	// Rows copied from Excel or WPS, columns in the table's order.
	t.paste = f.button(lang.L("粘贴表格"), theme.ContentPasteIcon(), widget.LowImportance, t.onPaste)
	t.obj = container.NewVBox(t.rows, container.NewHBox(t.add, t.paste))
	t.rebuild()
	return t
}

// rebuild makes the row cards again from the session (after a row was added, removed or moved).
func (t *tableView) rebuild() {
	t.cells = t.cells[:0]
	t.rows.Objects = nil
	n := t.f.sess.Rows(t.path)
	for i := 0; i < n; i++ {
		t.rows.Add(t.rowCard(i, n))
	}
	t.rows.Refresh()
}

func (t *tableView) rowCard(i, n int) fyne.CanvasObject {
	grid := container.NewGridWithColumns(2)
	for c := range t.field.Columns {
		col := &t.field.Columns[c]
		cell := t.f.newField(col, fmt.Sprintf("%s[%d].%s", t.path, i, col.ID))
		t.cells = append(t.cells, cell)
		grid.Add(cell.obj)
	}
	up := t.f.button("", theme.MoveUpIcon(), widget.LowImportance, func() { t.onMove(i, i-1) })
	down := t.f.button("", theme.MoveDownIcon(), widget.LowImportance, func() { t.onMove(i, i+1) })
	del := t.f.button(lang.L("删除本行"), theme.DeleteIcon(), widget.LowImportance, func() { t.confirmRemove(i) })
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	title := &widget.Label{Text: t.rowName(i), TextStyle: fyne.TextStyle{Bold: true}}
	head := container.NewBorder(nil, nil, title, container.NewHBox(up, down, del))
	return &widget.Card{Content: container.NewVBox(head, grid)}
}

func (t *tableView) onAdd() {
	i, err := t.f.sess.AddRow(t.path)
	if err != nil {
		t.f.tableError(err)
		return
	}
	t.f.touched[t.path] = true
	t.rebuild()
	t.f.changed()
	if c := t.f.view(fmt.Sprintf("%s[%d].%s", t.path, i, t.field.Columns[0].ID)); c != nil && c.focus != nil {
		t.f.win.Canvas().Focus(c.focus)
	}
}

// rowName is what a row card is called: its number in a numbered table (IP01, the number
// other tables refer to it by), else 第 n 行.
func (t *tableView) rowName(i int) string {
	if n := t.field.RowNumber(i); n != "" {
		return n
	}
	return fmt.Sprintf(lang.L("第%d行"), i+1)
}

// confirmRemove asks before deleting a row (there is no undo), saying what goes with it.
func (t *tableView) confirmRemove(i int) {
	msg := fmt.Sprintf(lang.L("删除“%s”这一行？"), t.rowName(i))
	if t.field.Numbering != "" {
		msg += "\n" + lang.L("其后各行的编号前移一位，其他表格中对这些编号的引用会随之更新；对本行的引用会被删去。")
	}
	d := dialog.NewConfirm(lang.L("删除本行"), msg, func(ok bool) {
		if ok {
			t.onRemove(i)
		}
	}, t.f.win)
	d.SetDismissText(lang.L("取消"))
	d.SetConfirmText(lang.L("删除"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (t *tableView) onRemove(i int) {
	if err := t.f.sess.RemoveRow(t.path, i); err != nil {
		t.f.tableError(err)
		return
	}
	t.rebuild()
	t.f.rebuildReferrers(t.field.ID)
	t.f.changed()
}

func (t *tableView) onMove(from, to int) {
	if err := t.f.sess.MoveRow(t.path, from, to); err != nil {
		t.f.tableError(err)
		return
	}
	t.rebuild()
	t.f.rebuildReferrers(t.field.ID)
	t.f.changed()
}

// rebuildReferrers shows again the tables on screen whose references to table id the session
// has just renumbered.
func (f *form) rebuildReferrers(id string) {
	for _, v := range f.views {
		if v.table == nil || v.table.field.ID == id {
			continue
		}
		for _, col := range v.table.field.Columns {
			if col.Ref == id {
				v.table.rebuild()
				break
			}
		}
	}
}

// tableError explains a table that cannot be edited (its value in an imported file is not a
// list of rows).
func (f *form) tableError(err error) {
	fyne.LogError("table", err)
	showErrorText(f.win, lang.L("无法修改表格：数据文件中该表格的内容不是表格行的列表，请检查导入的数据文件。"))
}
