package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// reviewPane is the 检查 list: every problem of the dossier and every rule not met, one row
// each; a row jumps to its field. It takes the place of the eligibility panel beside the form
// (the split between them resizes it), so the list stays in view while the user fixes things.
type reviewPane struct {
	e     *editor
	items []reviewItem
	head  *widget.Label
	rows  *fyne.Container
	obj   fyne.CanvasObject
}

// reviewItem is one row: a problem, a warning or a failed rule, and the field it jumps to.
type reviewItem struct {
	text  string
	field string
	kind  widget.Importance
}

// onReview shows every message under its field from now on, and lists them all beside the
// form.
func (e *editor) onReview() {
	e.form.showAll = true
	e.form.update()
	if e.review == nil {
		e.review = newReviewPane(e)
	}
	e.review.update()
	e.showReview(true)
}

// showReview puts the review (or back the eligibility panel) beside the form.
func (e *editor) showReview(on bool) {
	if e.split == nil {
		return
	}
	c := e.u.win.Canvas()
	if on {
		if e.split.Trailing != e.review.obj {
			e.split.Trailing = e.review.obj
			e.split.Offset = 0.5
			e.keysBeforeReview = c.OnTypedKey()
			previous := e.keysBeforeReview
			c.SetOnTypedKey(func(k *fyne.KeyEvent) {
				if k.Name == fyne.KeyEscape {
					e.showReview(false)
					return
				}
				if previous != nil {
					previous(k)
				}
			})
		}
	} else if e.split.Trailing != e.panel.obj {
		e.split.Trailing = e.panel.obj
		e.split.Offset = 0.66
		c.SetOnTypedKey(e.keysBeforeReview)
	}
	e.split.Refresh()
}

// reviewing reports whether the review is shown.
func (e *editor) reviewing() bool {
	return e.split != nil && e.review != nil && e.split.Trailing == e.review.obj
}

func newReviewPane(e *editor) *reviewPane {
	r := &reviewPane{e: e, rows: container.NewVBox()}
	r.head = &widget.Label{Wrapping: fyne.TextWrapWord}
	title := &widget.Label{Text: lang.L("检查结果"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	again := &widget.Button{Text: lang.L("重新检查"), Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: r.update}
	closeBtn := &widget.Button{Text: lang.L("关闭"), Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { e.showReview(false) }}
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(again, closeBtn), title), r.head, widget.NewSeparator())
	r.obj = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(r.rows)))
	return r
}

// problemCounts counts a dossier's problems the way the eligibility panel does: errors (to
// fill in or fix) apart from warnings (提示).
func problemCounts(ev *programme.Evaluation) (errs, warns int) {
	for _, p := range append(slices.Clone(ev.Problems), ev.AttachmentWarnings()...) {
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	return errs, warns
}

// update lists the current problems and failed rules.
func (r *reviewPane) update() {
	ev := r.e.sess.Evaluate()
	r.items = r.items[:0]
	for _, p := range ev.Problems {
		if !p.Warning {
			r.items = append(r.items, reviewItem{text: p.Message, field: p.Field, kind: widget.DangerImportance})
		}
	}
	for _, p := range append(slices.Clone(ev.Problems), ev.AttachmentWarnings()...) {
		if p.Warning {
			r.items = append(r.items, reviewItem{text: lang.L("提示：") + p.Message, field: p.Field, kind: widget.WarningImportance})
		}
	}
	failed := 0
	for _, rule := range ev.Rules {
		if rule.Applies && !rule.Passed {
			failed++
			item := reviewItem{text: "✘ " + rule.Label + "：" + rule.Message, kind: widget.DangerImportance}
			if fs := r.e.sess.Programme().RuleFields(rule.ID); len(fs) > 0 {
				item.field = fs[0]
			}
			r.items = append(r.items, item)
		}
	}
	setText(r.head, reviewHead(ev, failed))
	r.rows.Objects = r.rows.Objects[:0]
	for i := range r.items {
		r.rows.Add(newReviewRow(r.items[i], r.onSelected))
	}
	r.rows.Refresh()
}

func reviewHead(ev *programme.Evaluation, failed int) string {
	errs, warns := problemCounts(ev)
	warns += len(ev.AttachmentWarnings())
	missing := len(ev.MissingAttachments())
	switch {
	case errs == 0 && failed == 0 && missing == 0 && ev.Eligible():
		return lang.L("没有发现问题，符合申报条件，可以导出申报包。")
	case errs == 0 && failed == 0 && ev.Eligible():
		return fmt.Sprintf(lang.L("数据完整，符合申报条件，但有%d项必需附件未提供（见“附件”），导出的申报包不完整。"), missing)
	case errs == 0 && failed == 0:
		return lang.L("数据完整，但有申报条件不符合（见“申报条件”）。")
	}
	head := fmt.Sprintf(lang.L("%d处需要填写或修改"), errs)
	if warns > 0 {
		head += fmt.Sprintf(lang.L("，%d条提示"), warns)
	}
	if failed > 0 {
		head += fmt.Sprintf(lang.L("，%d项申报条件不符合"), failed)
	}
	return head + "。点一条跳到对应的栏目。"
}

func (r *reviewPane) onSelected(it reviewItem) {
	if it.field != "" {
		r.e.jumpTo(it.field)
	}
}

// reviewRow is one row of the review: its text, wrapped, in the colour of its kind; a tap
// jumps to the field.
type reviewRow struct {
	widget.Label
	item  reviewItem
	onTap func(reviewItem)
}

func newReviewRow(it reviewItem, onTap func(reviewItem)) *reviewRow {
	row := &reviewRow{item: it, onTap: onTap}
	row.Text, row.Wrapping, row.Importance = it.text, fyne.TextWrapWord, it.kind
	row.ExtendBaseWidget(row)
	return row
}

// Tapped jumps to the row's field.
func (r *reviewRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap(r.item)
	}
}

// Cursor is a pointing hand: the row is a link.
func (r *reviewRow) Cursor() desktop.Cursor {
	if r.item.field == "" {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}
