package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
	"dossier/dossier/session"
)

// derivedNote is the line under a field that follows from others (its template's derive:) once
// the session has filled it in: "已按类型填入：Ⅰ类", with 撤销 putting back what it held.
type derivedNote struct {
	obj   *fyne.Container
	label *widget.Label
	undo  *focusButton
	was   string
}

// newDerivedNote makes the (hidden) note of a derived field.
func (f *form) newDerivedNote(v *fieldView) *derivedNote {
	n := &derivedNote{label: &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}}
	n.undo = f.button(lang.L("撤销"), theme.ContentUndoIcon(), widget.LowImportance, func() {
		f.set(v.path, n.was) // hides the note, as any edit of the field does
		f.reload(v)
	})
	n.obj = container.NewBorder(nil, nil, nil, n.undo, n.label)
	n.obj.Hide()
	return n
}

// showFills shows the fields the session has just filled in: their inputs show the new value
// and a note says where it came from.
func (f *form) showFills(fills []session.Fill) {
	for _, fl := range fills {
		v := f.view(fl.Path)
		if v == nil || v.path != fl.Path {
			continue
		}
		f.reload(v)
		if n := v.note; n != nil {
			n.was = fl.Was
			setText(n.label, fmt.Sprintf(lang.L("已按%s填入：%s"), fl.From, valueLabel(v.field, fl.Now)))
			n.obj.Show()
			if f.notes == nil {
				f.notes = map[string]*derivedNote{}
			}
			f.notes[fl.Path] = n
		}
	}
}

// hideNote takes away the note of a field the user has set.
func (f *form) hideNote(path string) {
	if n := f.notes[path]; n != nil {
		n.obj.Hide()
		delete(f.notes, path)
	}
}

// reload shows the session's value of a field in its input without reporting it as an edit.
func (f *form) reload(v *fieldView) {
	text := f.sess.Get(v.path)
	switch w := v.input.(type) {
	case *widget.Select:
		changed := w.OnChanged
		w.OnChanged = nil
		w.ClearSelected()
		if text != "" {
			w.SetSelected(valueLabel(v.field, text))
		}
		w.OnChanged = changed
	case *widget.Entry:
		changed := w.OnChanged
		w.OnChanged = nil
		w.SetText(text)
		w.OnChanged = changed
	case *fieldRadio:
		changed := w.OnChanged
		w.OnChanged = nil
		w.SetSelected(text)
		w.OnChanged = changed
	}
}

// valueLabel is how the form shows an option's value: its label.
func valueLabel(fd *programme.Field, value string) string {
	for _, o := range fd.Options {
		if o.Value == value {
			return optionLabel(o)
		}
	}
	return value
}
