package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
	"dossier/dossier/session"
)

// form shows the fields of one section of a session and keeps their messages, 字数 counts and
// visibility current. It never judges a value itself: it calls session.Set and shows what
// session.ProblemsFor and Evaluation.Visible say.
type form struct {
	sess    *session.Session
	win     fyne.Window
	changed func() // after every change the user makes

	views   []*fieldView
	touched map[string]bool // fields the user edited: their "未填写" is shown at once
	showAll bool            // after 检查: every message is shown

	external map[string]*externalText // texts being edited in the system editor, by path

	scroll *formScroll             // the scroller the form sits in (set by the editor): wheel and focus
	typing *fieldView              // the entry being typed in: its message waits until the user leaves it
	picker *datePicker             // the last date picker opened (tests pick from it)
	notes  map[string]*derivedNote // derived fields shown as filled in, by path
}

// wheelTarget is where an entry passes the mouse wheel: the form's scroller.
func (f *form) wheelTarget() fyne.Scrollable {
	if f.scroll == nil {
		return nil
	}
	return f.scroll
}

// reveal scrolls the field's block into view (it got the focus).
func (f *form) reveal(v *fieldView) {
	if f.scroll != nil && v.obj != nil {
		f.scroll.reveal(v.obj)
	}
}

// fieldView is one field on screen.
type fieldView struct {
	path  string
	field *programme.Field
	obj   fyne.CanvasObject // the whole block, hidden when the field is not visible
	msg   *widget.Label     // the field's problems, in red
	count *widget.Label     // "123/300字" for texts with a limit
	focus fyne.Focusable    // what a jump from the review list focuses
	input fyne.CanvasObject // the input widget itself (entry, select, radio group…)
	table *tableView        // for table fields
	note  *derivedNote      // for a derived field: "已按类型填入", with 撤销
	sub   []*fieldView      // the sub-fields of an object field
}

func newForm(sess *session.Session, win fyne.Window, changed func()) *form {
	return &form{sess: sess, win: win, changed: changed, touched: map[string]bool{}}
}

// build makes the widgets of fields (paths prefix+id) and returns them stacked.
func (f *form) build(fields []programme.Field, prefix string) fyne.CanvasObject {
	f.views = f.views[:0]
	box := container.NewVBox()
	for i := range fields {
		v := f.newField(&fields[i], prefix+fields[i].ID)
		f.views = append(f.views, v)
		box.Add(v.obj)
	}
	f.update()
	return box
}

// set stores what the user typed and reports the change.
func (f *form) set(path, text string) {
	fills, err := f.sess.Edit(path, text)
	if err != nil {
		fyne.LogError("set "+path, err)
		return
	}
	f.edited(path, fills)
}

// edited records the user's change at path and shows the fields the session filled in from it.
func (f *form) edited(path string, fills []session.Fill) {
	f.touched[path] = true
	f.hideNote(path)
	f.showFills(fills)
	f.changed()
}

func (f *form) setList(path string, items []string) {
	fills, err := f.sess.EditList(path, items)
	if err != nil {
		fyne.LogError("set "+path, err)
		return
	}
	f.edited(path, fills)
}

// update refreshes messages, counts and visibility from the session's current evaluation.
func (f *form) update() {
	ev := f.sess.Evaluate()
	for _, v := range f.views {
		if !strings.HasPrefix(v.path, "enterprise.") && v.path != session.AppliedOn {
			setVisible(v.obj, ev.Visible(v.field.ID))
		}
		f.updateView(v)
		for _, c := range v.children() {
			f.updateView(c)
		}
	}
}

func (f *form) updateView(v *fieldView) {
	if v.count != nil {
		n, max := f.sess.CharCount(v.path)
		setText(v.count, countText(n, max))
		if n > max {
			v.count.Importance = widget.DangerImportance
		} else {
			v.count.Importance = widget.LowImportance
		}
		v.count.Refresh()
	}
	if v == f.typing {
		// A message appearing or vanishing while the user types would push everything below
		// it up or down, so the next click lands on the wrong thing; it follows on leaving.
		return
	}
	var lines []string
	if f.showAll || f.touched[v.path] || !f.empty(v) {
		lines = messageLines(f.sess.ProblemsFor(v.path), f.empty(v))
	}
	setText(v.msg, strings.Join(lines, "\n"))
	setVisible(v.msg, len(lines) > 0)
}

// messageLines are the lines under a field: one per problem, except that a field holding
// something it cannot read (a typo in a number or date) says only what is wrong with it, not
// also "未填写".
func messageLines(problems []programme.Problem, empty bool) []string {
	var lines []string
	for _, p := range problems {
		t := problemText(p)
		if !empty && t == "未填写" && len(problems) > 1 {
			continue
		}
		lines = append(lines, t)
	}
	return lines
}

// empty reports whether the user has not given the field a value yet; its "未填写" waits until
// the field is touched or 检查 is pressed, so a new dossier does not open all red.
func (f *form) empty(v *fieldView) bool {
	if v.table != nil {
		return f.sess.Rows(v.path) == 0
	}
	return f.sess.Get(v.path) == ""
}

// view finds the field on screen with the path (a cell inside a table included).
func (f *form) view(path string) *fieldView {
	for _, v := range f.views {
		if v.path == path {
			return v
		}
		for _, c := range v.children() {
			if c.path == path {
				return c
			}
		}
		if strings.HasPrefix(path, v.path+"[") || strings.HasPrefix(path, v.path+".") {
			return v
		}
	}
	return nil
}

// problemText is a problem without its leading label when it sits under that label anyway.
func problemText(p programme.Problem) string {
	msg := strings.TrimPrefix(p.Message, p.Label+"：")
	if p.Warning {
		return lang.L("提示：") + msg
	}
	return msg
}

func countText(n, max int) string {
	return fmt.Sprintf(lang.L("%d/%d字"), n, max)
}

// labelText is the field's label with a required mark.
func labelText(fd *programme.Field) string {
	if fd.Required {
		return fd.Label + " *"
	}
	return fd.Label
}

// block stacks a field's label, input, help and message.
func (f *form) block(v *fieldView, input fyne.CanvasObject) {
	title := &widget.Label{Text: labelText(v.field), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	v.msg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	v.msg.Hide()
	items := []fyne.CanvasObject{title, input}
	if v.count != nil {
		items = append(items, container.NewHBox(v.count))
	}
	if v.field.Help != "" && !laterRow(v.path) {
		items = append(items, &widget.Label{Text: v.field.Help, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance, SizeName: theme.SizeNameCaptionText})
	}
	if v.field.Derived {
		v.note = f.newDerivedNote(v)
		items = append(items, v.note.obj)
	}
	items = append(items, v.msg)
	v.obj = container.NewPadded(container.NewVBox(items...))
}

func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

func setVisible(o fyne.CanvasObject, visible bool) {
	if visible && !o.Visible() {
		o.Show()
	} else if !visible && o.Visible() {
		o.Hide()
	}
}

// children are the fields inside a table or an object field.
func (v *fieldView) children() []*fieldView {
	if v.table != nil {
		return v.table.cells
	}
	return v.sub
}
