package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// eligibilityPanel lists every rule of the programme with ✓/✘, the notice's threshold and the
// value the rule saw, updated on every change.
type eligibilityPanel struct {
	verdict  *widget.Label
	deadline *widget.Label
	rules    *fyne.Container
	rows     map[string]*ruleRow
	order    []string
	obj      fyne.CanvasObject
}

// ruleRow is one rule on screen.
type ruleRow struct {
	title  *widget.Label // "✓ 2018年度主营业务收入"
	detail *widget.Label // 要求 / 实际
	why    *widget.Label // the notice's reason, when it fails
	box    *fyne.Container
}

func newEligibilityPanel() *eligibilityPanel {
	p := &eligibilityPanel{
		verdict:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameSubHeadingText},
		deadline: &widget.Label{Wrapping: fyne.TextWrapWord},
		rules:    container.NewVBox(),
		rows:     map[string]*ruleRow{},
	}
	head := &widget.Label{Text: lang.L("申报条件"), TextStyle: fyne.TextStyle{Bold: true}}
	p.obj = container.NewVScroll(container.NewPadded(container.NewVBox(head, p.verdict, p.deadline, widget.NewSeparator(), p.rules)))
	return p
}

// update shows ev's verdict, deadline and rules.
func (p *eligibilityPanel) update(ev *programme.Evaluation, today time.Time) {
	errs := 0
	for _, pr := range ev.Problems {
		if !pr.Warning {
			errs++
		}
	}
	failed, pending := 0, 0
	for _, r := range ev.Rules {
		switch r.Status {
		case programme.StatusFailed:
			failed++
		case programme.StatusPending:
			pending++
		}
	}
	switch {
	case ev.Undecidable():
		p.setVerdict(undecidableText(ev.ExprErrors()), widget.DangerImportance)
	case ev.Eligible():
		p.setVerdict(lang.L("✓ 符合申报条件"), widget.SuccessImportance)
	case errs > 0 && failed > 0:
		p.setVerdict(fmt.Sprintf(lang.L("还有%d处需要填写或修改；按已填数据，%d项条件不符合"), errs, failed), widget.WarningImportance)
	case errs > 0:
		p.setVerdict(fmt.Sprintf(lang.L("还有%d处需要填写或修改"), errs), widget.WarningImportance)
	case failed > 0:
		p.setVerdict(fmt.Sprintf(lang.L("✘ 不符合申报条件（%d项）"), failed), widget.DangerImportance)
	default:
		p.setVerdict(fmt.Sprintf(lang.L("还有%d项条件待填写"), pending), widget.WarningImportance)
	}
	setText(p.deadline, deadlineText(ev.Deadline, ev.DeadlineLabel, today))
	p.updateRules(ev.Rules)
}

func (p *eligibilityPanel) setVerdict(text string, imp widget.Importance) {
	if p.verdict.Text != text || p.verdict.Importance != imp {
		p.verdict.Text, p.verdict.Importance = text, imp
		p.verdict.Refresh()
	}
}

func (p *eligibilityPanel) updateRules(rules []programme.RuleResult) {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	if strings.Join(ids, "\x00") != strings.Join(p.order, "\x00") {
		p.rows, p.order = map[string]*ruleRow{}, ids
		p.rules.Objects = nil
		for _, id := range ids {
			row := newRuleRow()
			p.rows[id] = row
			p.rules.Add(row.box)
		}
		p.rules.Refresh()
	}
	for _, r := range rules {
		p.rows[r.ID].show(r)
	}
}

func newRuleRow() *ruleRow {
	r := &ruleRow{
		title:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		detail: &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText},
		why:    &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance, SizeName: theme.SizeNameCaptionText},
	}
	r.box = container.NewVBox(r.title, r.detail, r.why)
	return r
}

// undecidableText is the verdict when a template expression cannot be evaluated.
func undecidableText(faults []programme.ExprError) string {
	s := lang.L("无法判定：模板的表达式无法计算")
	if len(faults) > 0 {
		s += "（" + faults[0].String() + "）"
	}
	return s
}

func (r *ruleRow) show(res programme.RuleResult) {
	// No space after the mark: Fyne wraps at spaces, and a long heading in a narrow panel
	// left the mark alone on the first line.
	mark, imp := "✓", widget.SuccessImportance
	switch res.Status {
	case programme.StatusNotApplicable:
		mark, imp = "–", widget.LowImportance
	case programme.StatusPending:
		mark, imp = lang.L("○ 待填写："), widget.WarningImportance
	case programme.StatusUndecidable:
		mark, imp = lang.L("? 无法判定："), widget.DangerImportance
	case programme.StatusFailed:
		mark, imp = "✘", widget.DangerImportance
	}
	if t := mark + res.Label; r.title.Text != t || r.title.Importance != imp {
		r.title.Text, r.title.Importance = t, imp
		r.title.Refresh()
	}
	detail := lang.L("要求：") + res.Threshold
	switch {
	case res.Status == programme.StatusNotApplicable:
		detail += lang.L("（不适用）")
	case res.Status == programme.StatusPending:
		detail += "\n" + lang.L("实际：未填写")
	case res.Value != "":
		detail += "\n" + lang.L("实际：") + res.Value
	}
	setText(r.detail, detail)
	why := ""
	if res.Status != programme.StatusPassed && res.Status != programme.StatusNotApplicable {
		why = res.Why
	}
	setText(r.why, why)
	setVisible(r.why, why != "")
}

// deadlineText is the deadline with the days left (or past) as of today.
func deadlineText(d time.Time, label string, today time.Time) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := today.Date()
	days := int(d.Sub(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	s := lang.L("申报截止：") + d.Format("2006-01-02")
	if label != "" {
		s += "（" + label + "）"
	}
	switch {
	case days > 0:
		return s + fmt.Sprintf(lang.L("，还剩%d天"), days)
	case days == 0:
		return s + lang.L("，今天截止")
	}
	return s + fmt.Sprintf(lang.L("，已过%d天：本批申报已截止，上面的判断只按所填的申报日期作出"), -days)
}
