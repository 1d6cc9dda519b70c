package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

// newField builds the widget for one field, by its type (jsonforms-style: one builder per
// type). No entry has OnSubmitted: Return must never submit, save or navigate, because input
// methods send it while composing (STACK.md, Fyne).
func (f *form) newField(fd *programme.Field, path string) *fieldView {
	v := &fieldView{path: path, field: fd}
	var input fyne.CanvasObject
	switch fd.Type {
	case programme.TypeTextarea:
		input = f.textEntry(v, true)
	case programme.TypeMoney, programme.TypeInteger, programme.TypePercent:
		input = f.numberEntry(v)
	case programme.TypeDate:
		input = f.dateEntry(v)
	case programme.TypeEnum:
		input = f.enumSelect(v)
	case programme.TypeBool:
		input = f.boolRadio(v)
	case programme.TypeMulti:
		input = f.multiChoice(v)
	case programme.TypeTable:
		v.table = newTableView(f, fd, path)
		input = v.table.obj
	case programme.TypeObject:
		input = f.objectGrid(v)
	default:
		input = f.textEntry(v, false)
	}
	f.block(v, input)
	return v
}

func (f *form) textEntry(v *fieldView, multi bool) fyne.CanvasObject {
	e := f.newEntry(v, multi)
	e.Text, e.MultiLine = f.sess.Get(v.path), multi
	if multi {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(6)
		if inTable(v.path) {
			e.SetMinRowsVisible(3) // rows stay compact; long texts go to the system editor
		}
	}
	e.OnChanged = func(s string) { f.set(v.path, s) }
	if v.field.MaxChars > 0 {
		v.count = &widget.Label{Importance: widget.LowImportance, SizeName: theme.SizeNameCaptionText}
	}
	if !multi {
		return e.wheel
	}
	// Long texts can be written in the system's editor, where input methods work fully.
	outside := f.button(lang.L("用系统编辑器编辑"), theme.DocumentCreateIcon(), widget.LowImportance, func() { f.onExternalEdit(v, &e.Entry) })
	return container.NewVBox(e.wheel, container.NewHBox(layout.NewSpacer(), outside))
}

// fieldEntry is the form's entry. It scrolls its field into view when it gets the focus (Tab,
// a jump from 检查), lets the wheel scroll the form (wheelPass), holds its field's message
// still while the user types (shown once the user leaves the field), and can tidy its text
// when the user leaves it.
type fieldEntry struct {
	widget.Entry
	onFocus func()
	onBlur  func()
	tidy    func()            // on leaving, after onBlur: e.g. 1500 → 1,500.00
	wheel   fyne.CanvasObject // the entry with the wheelPass over it: what goes on screen
	pass    *wheelPass
}

// newEntry makes the field's entry; v.focus and v.input point at it.
func (f *form) newEntry(v *fieldView, multi bool) *fieldEntry {
	e := &fieldEntry{}
	e.PlaceHolder = hintText(v.field.Example)
	e.ExtendBaseWidget(e)
	e.pass = newWheelPass(f.wheelTarget)
	e.wheel = container.NewStack(e, e.pass)
	e.onFocus = func() {
		f.typing = v
		f.reveal(v)
		if multi {
			e.pass.Hide() // a focused text box scrolls its own long text
		}
	}
	e.onBlur = func() {
		if f.typing == v {
			f.typing = nil
		}
		e.pass.Show()
		f.updateView(v)
	}
	v.focus, v.input = e, &e.Entry
	return e
}

// FocusGained shows the field.
func (e *fieldEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// FocusLost shows the field's message as it now is and tidies the text (never while typing).
func (e *fieldEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
	if e.tidy != nil {
		e.tidy()
	}
}

// numberEntry takes amounts as people type them ("1,500.00", full-width digits); the session
// keeps the text and the programme parses it.
func (f *form) numberEntry(v *fieldView) fyne.CanvasObject {
	unit := v.field.Unit()
	// No "0.00" for money: a placeholder that looks like an amount reads as one.
	placeholder := hintText(v.field.Example)
	if v.field.Type == programme.TypePercent && placeholder == "" {
		placeholder = "如：5% 或 0.05"
	}
	e := f.newEntry(v, false)
	e.Text, e.PlaceHolder = f.sess.Get(v.path), placeholder
	if v.field.Type != programme.TypePercent {
		// Amounts read as forms print them, 1,500.00, and whole numbers as digits; typing
		// takes any spelling the programme reads ("2500万", full-width digits).
		e.Text = tidyNumber(v.field, e.Text)
		e.tidy = func() {
			if g := tidyNumber(v.field, e.Text); g != e.Text {
				e.SetText(g)
			}
		}
	}
	e.OnChanged = func(s string) { f.set(v.path, s) }
	if unit == "" {
		return e.wheel
	}
	return container.NewBorder(nil, nil, nil, widget.NewLabel(unit), e.wheel)
}

// tidyNumber writes a valid money amount with thousands separators and two decimals, a valid
// integer as plain digits; the programme's parser (programme.Field.Parse) reads the text.
// Anything else (empty, a typo the user is still fixing) stays as typed.
func tidyNumber(fd *programme.Field, s string) string {
	v, msg := fd.Parse(s)
	if msg != "" || v == nil {
		return s
	}
	if d, ok := v.(decimal.D); ok {
		if d.Scale() > 2 {
			return s
		}
		return d.Grouped(2)
	}
	return programme.InputText(v)
}

// tidyDate writes a valid date as 2019-05-20 whatever way it was typed (2019/5/20,
// 2019年5月20日: programme.Field.Parse reads them); anything else stays as typed.
func tidyDate(fd *programme.Field, s string) string {
	v, msg := fd.Parse(s)
	if msg != "" || v == nil {
		return s
	}
	return programme.InputText(v)
}

// dateEntry is a YYYY-MM-DD entry with a calendar button beside it.
func (f *form) dateEntry(v *fieldView) fyne.CanvasObject {
	e := f.newEntry(v, false)
	e.Text, e.PlaceHolder = f.sess.Get(v.path), "如：2019-05-20"
	e.tidy = func() {
		if t := tidyDate(v.field, e.Text); t != e.Text {
			e.SetText(t)
		}
	}
	e.OnChanged = func(s string) { f.set(v.path, s) }
	pick := f.button("", theme.CalendarIcon(), widget.LowImportance, func() { f.onPickDate(v.field, &e.Entry) })
	return container.NewBorder(nil, nil, nil, pick, e.wheel)
}

// enumSelect shows the options by their labels and stores their values.
func (f *form) enumSelect(v *fieldView) fyne.CanvasObject {
	labels := make([]string, len(v.field.Options))
	current := f.sess.Get(v.path)
	sel := &fieldSelect{}
	sel.PlaceHolder = "请选择"
	sel.onFocus = func() { f.reveal(v) }
	for i, o := range v.field.Options {
		labels[i] = optionLabel(o)
		if o.Value == current {
			sel.Selected = labels[i]
		}
	}
	sel.Options = labels
	sel.ExtendBaseWidget(sel)
	sel.OnChanged = func(label string) {
		for i, l := range labels {
			if l == label {
				f.set(v.path, v.field.Options[i].Value)
				return
			}
		}
	}
	v.focus, v.input = sel, &sel.Select
	return sel
}

// fieldSelect is a select that scrolls its field into view when it gets the focus.
type fieldSelect struct {
	widget.Select
	onFocus func()
}

// FocusGained shows the field.
func (s *fieldSelect) FocusGained() {
	s.Select.FocusGained()
	if s.onFocus != nil {
		s.onFocus()
	}
}

// hintText writes a template's example as a hint, "如：…", so it does not read as a value.
func hintText(example string) string {
	if example == "" || strings.HasPrefix(example, "如") || strings.HasPrefix(example, "例") {
		return example
	}
	return "如：" + example
}

func optionLabel(o programme.Option) string {
	if o.Label != "" {
		return o.Label
	}
	return o.Value
}

// boolRadio offers 是 and 否 rather than a check box: a required yes/no question must be able
// to read "not answered yet", which an unticked box cannot tell apart from 否.
func (f *form) boolRadio(v *fieldView) fyne.CanvasObject {
	r := newFieldRadio([]string{"是", "否"}, func() { f.reveal(v) })
	if b, set := f.sess.Bool(v.path); set {
		r.Selected = map[bool]string{true: "是", false: "否"}[b]
	}
	r.OnChanged = func(s string) { f.set(v.path, s) } // "" (deselected) removes the answer
	v.input, v.focus = r, r.items[0]
	return r
}

// multiChoice is a check group over the options; without options, an entry taking items
// separated by 、.
func (f *form) multiChoice(v *fieldView) fyne.CanvasObject {
	if len(v.field.Options) == 0 {
		e := f.newEntry(v, false)
		e.Text, e.PlaceHolder = f.sess.Get(v.path), "多项用“、”分隔"
		e.OnChanged = func(s string) { f.set(v.path, s) }
		return e.wheel
	}
	labels := make([]string, len(v.field.Options))
	have := map[string]bool{}
	for _, s := range f.sess.List(v.path) {
		have[s] = true
	}
	var selected []string
	for i, o := range v.field.Options {
		labels[i] = optionLabel(o)
		if have[o.Value] {
			selected = append(selected, labels[i])
		}
	}
	g := newFieldChecks(labels, selected, func() { f.reveal(v) })
	v.input = g
	if len(g.items) > 0 {
		v.focus = g.items[0]
	}
	g.OnChanged = func(chosen []string) {
		var values []string
		for i, l := range labels {
			for _, c := range chosen {
				if c == l {
					values = append(values, v.field.Options[i].Value)
				}
			}
		}
		f.setList(v.path, values)
	}
	return g
}

// objectGrid shows the sub-fields of an object field (a group such as 创新能力评价) side by side.
func (f *form) objectGrid(v *fieldView) fyne.CanvasObject {
	grid := container.NewGridWithColumns(2)
	for i := range v.field.Columns {
		col := &v.field.Columns[i]
		sub := f.newField(col, v.path+"."+col.ID)
		v.sub = append(v.sub, sub)
		grid.Add(sub.obj)
	}
	return &widget.Card{Content: grid}
}

// inTable reports whether the path is a cell of a table row.
func inTable(path string) bool { return strings.Contains(path, "[") }

// laterRow reports whether the path is a cell of a table row after the first: the column's
// help is shown in the first row only, not repeated down the table.
func laterRow(path string) bool { return inTable(path) && !strings.Contains(path, "[0]") }
