package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// datePicker is a calendar with a Chinese header and year and month choices, so that a date
// in 2015 is two choices away rather than 130 clicks (Fyne's calendar has only ‹ › by month
// and an English header).
type datePicker struct {
	year, month *widget.Select
	days        *fyne.Container
	shown       time.Time // the first of the month shown
	chosen      time.Time // highlighted (the field's date), zero if none
	onPick      func(time.Time)
	obj         fyne.CanvasObject
}

// pickerYears is the range of years offered: far enough back for a 成立日期, a little ahead.
func pickerYears(today time.Time) (first, last int) { return 1950, today.Year() + 5 }

func newDatePicker(start, chosen, today time.Time, onPick func(time.Time)) *datePicker {
	p := &datePicker{chosen: chosen, onPick: onPick, days: container.NewGridWithColumns(7)}
	first, last := pickerYears(today)
	var years []string
	for y := last; y >= first; y-- {
		years = append(years, strconv.Itoa(y)+"年")
	}
	months := make([]string, 12)
	for m := range months {
		months[m] = strconv.Itoa(m+1) + "月"
	}
	p.year = &widget.Select{Options: years}
	p.year.ExtendBaseWidget(p.year)
	p.month = &widget.Select{Options: months}
	p.month.ExtendBaseWidget(p.month)
	p.show(time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC))
	p.year.OnChanged = func(s string) {
		if y, err := strconv.Atoi(s[:len(s)-len("年")]); err == nil {
			p.show(time.Date(y, p.shown.Month(), 1, 0, 0, 0, 0, time.UTC))
		}
	}
	p.month.OnChanged = func(string) {
		p.show(time.Date(p.shown.Year(), time.Month(p.month.SelectedIndex()+1), 1, 0, 0, 0, 0, time.UTC))
	}
	prev := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { p.show(p.shown.AddDate(0, -1, 0)) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { p.show(p.shown.AddDate(0, 1, 0)) }}
	head := container.NewHBox(prev, p.year, p.month, next)
	p.obj = container.NewVBox(container.NewCenter(head), p.days)
	return p
}

// show shows the month starting at first, and sets the year and month choices to it.
func (p *datePicker) show(first time.Time) {
	p.shown = first
	if s := strconv.Itoa(first.Year()) + "年"; p.year.Selected != s {
		p.year.Selected = s
		p.year.Refresh()
	}
	if s := strconv.Itoa(int(first.Month())) + "月"; p.month.Selected != s {
		p.month.Selected = s
		p.month.Refresh()
	}
	objs := make([]fyne.CanvasObject, 0, 49)
	for _, d := range []string{"一", "二", "三", "四", "五", "六", "日"} {
		objs = append(objs, &widget.Label{Text: d, Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance})
	}
	offset := (int(first.Weekday()) + 6) % 7 // weeks start on Monday
	for i := 0; i < offset; i++ {
		objs = append(objs, &widget.Label{})
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := &widget.Button{Text: strconv.Itoa(d.Day()), OnTapped: func() { p.onPick(day) }}
		if !p.chosen.IsZero() && sameDay(day, p.chosen) {
			b.Importance = widget.HighImportance
		}
		objs = append(objs, b)
	}
	p.days.Objects = objs
	p.days.Refresh()
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// onPickDate opens the date picker for a date entry; the picked day is written YYYY-MM-DD.
// The calendar opens on the entry's date however it was typed (programme.Field.Parse reads it).
func (f *form) onPickDate(fd *programme.Field, e *widget.Entry) {
	today := time.Now()
	v, _ := fd.Parse(e.Text)
	chosen, _ := v.(time.Time) // zero when empty or unreadable
	start := chosen
	if chosen.IsZero() {
		start = today
	}
	var d dialog.Dialog
	p := newDatePicker(start, chosen, today, func(t time.Time) {
		e.SetText(programme.InputText(t)) // OnChanged stores it
		d.Hide()
	})
	d = dialog.NewCustom(lang.L("选择日期"), lang.L("取消"), p.obj, f.win)
	f.picker = p
	showEscapable(d, f.win)
}
