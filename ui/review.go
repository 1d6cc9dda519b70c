package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// reviewDialog is the 检查 list: every problem of the dossier and every rule not met. Tapping
// a problem jumps to its field.
type reviewDialog struct {
	e        *editor
	problems []programme.Problem
	list     *widget.List
	dlg      dialog.Dialog
}

// onReview shows every message under its field from now on, and lists them all.
func (e *editor) onReview() {
	e.form.showAll = true
	e.form.update()
	r := &reviewDialog{e: e, problems: e.sess.Evaluate().Problems}
	r.buildUI()
	showEscapable(r.dlg, e.u.win)
	e.review = r
}

func (r *reviewDialog) buildUI() {
	ev := r.e.sess.Evaluate()
	var head string
	switch {
	case len(r.problems) == 0 && ev.Eligible():
		head = "没有发现问题，符合申报条件，可以导出申报包。"
	case len(r.problems) == 0:
		head = "数据完整，但有申报条件不符合（见右侧“申报条件”）。"
	default:
		head = fmt.Sprintf("共 %d 处问题，点一条跳到对应的栏目：", len(r.problems))
	}
	r.list = &widget.List{
		Length:     func() int { return len(r.problems) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Wrapping: fyne.TextWrapWord} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := r.problems[id]
			text := p.Message
			if p.Warning {
				text = "提示：" + text
			}
			o.(*widget.Label).SetText(text)
			r.list.SetItemHeight(id, o.MinSize().Height)
		},
		OnSelected: r.onSelected,
	}
	r.list.ExtendBaseWidget(r.list)
	var failed []fyne.CanvasObject
	for _, rule := range ev.Rules {
		if rule.Applies && !rule.Passed {
			failed = append(failed, &widget.Label{Text: "✘ " + rule.Message, Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance})
		}
	}
	top := container.NewVBox(&widget.Label{Text: head, Wrapping: fyne.TextWrapWord})
	bottom := container.NewVBox(failed...)
	content := container.NewBorder(top, bottom, nil, nil, r.list)
	r.dlg = dialog.NewCustom("检查结果", "关闭", content, r.e.u.win)
	r.dlg.Resize(fyne.NewSize(720, 520))
}

func (r *reviewDialog) onSelected(id widget.ListItemID) {
	if id >= len(r.problems) {
		return
	}
	r.dlg.Hide()
	r.e.jumpTo(r.problems[id].Field)
}
