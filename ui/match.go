package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/dossier/records"
	"dossier/dossier/session"
)

// matchScreen is the 政策匹配 view of one enterprise: every programme with its verdict, its
// gaps, what is missing, its deadline and days left, and a 新建申报 per programme that makes a
// dossier from the match's data file (everything known filled in). The judging is
// programme.MatchAll's; this screen only shows it.
type matchScreen struct {
	u       *UI
	entID   int64
	name    string
	results []programme.MatchResult // sorted: 符合, 待补充, 不符合
	obj     fyne.CanvasObject
}

// showMatch opens the 政策匹配 view of the enterprise.
func (u *UI) showMatch(entID int64) {
	m := &matchScreen{u: u, entID: entID}
	if err := m.load(); err != nil {
		return
	}
	m.buildUI()
	u.show(m)
}

func (m *matchScreen) content() fyne.CanvasObject { return m.obj }
func (m *matchScreen) leave()                     {}
func (m *matchScreen) save()                      {}

// load judges the enterprise (matchInputs): every programme by the enterprise's own dossier
// of it when there is one, the others by the base file. The application date is today's: the
// view answers "can it apply now".
func (m *matchScreen) load() error {
	u := m.u
	ent, err := u.deps.Store.Enterprise(u.ctx, m.entID)
	if err != nil {
		u.storeError(lang.L("无法进行政策匹配"), err)
		return err
	}
	m.name = enterpriseLabel(ent.Name)
	base, own, err := m.inputs(ent)
	if err != nil {
		u.storeError(lang.L("无法进行政策匹配"), err)
		return err
	}
	today := u.today()
	results, _ := programme.MatchAll(u.deps.Programmes, base, today)
	for i := range results {
		p := results[i].Programme
		if f := own[p.ID]; f != nil && f != base {
			results[i] = programme.Match(p, p, f, today)
		}
	}
	sortMatches(results)
	m.results = results
	return nil
}

// inputs are the data files the enterprise is judged by, each with the profile as its
// enterprise and no application date: base, the most recent dossier that has answers (the
// store lists them most recent first; else the most recent one, else the profile alone), for
// the programmes it has no dossier of; own, its most recent dossier of each programme.
func (m *matchScreen) inputs(ent *records.Enterprise) (base *dossier.File, own map[string]*dossier.File, err error) {
	ds, err := m.u.deps.Store.Dossiers(m.u.ctx, ent.ID)
	if err != nil {
		return nil, nil, err
	}
	prof := records.DecodeProfile(ent.Profile)
	own = map[string]*dossier.File{}
	for _, d := range ds {
		full, err := m.u.deps.Store.Dossier(m.u.ctx, d.ID)
		if err != nil {
			return nil, nil, err
		}
		f, err := dossier.Decode(bytes.NewReader(full.Data))
		if err != nil || m.u.deps.Programmes.Get(f.Programme) == nil || own[f.Programme] != nil {
			continue
		}
		f.AppliedOn = ""
		if len(prof) > 0 {
			f.Enterprise = prof // the profile is the enterprise as last saved
		}
		own[f.Programme] = f
		if base == nil || (len(base.Answers) == 0 && len(f.Answers) > 0) {
			base = f
		}
	}
	if base == nil {
		base = &dossier.File{Format: dossier.FormatVersion, Enterprise: prof, Answers: map[string]any{}}
	}
	return base, own, nil
}

// sortMatches orders the results 符合, 待补充, 不符合, keeping the set's order within each.
func sortMatches(rs []programme.MatchResult) {
	rank := map[string]int{programme.VerdictEligible: 0, programme.VerdictIncomplete: 1, programme.VerdictNotEligible: 2}
	sort.SliceStable(rs, func(i, j int) bool { return rank[rs[i].Verdict] < rank[rs[j].Verdict] })
}

func (m *matchScreen) buildUI() {
	back := &widget.Button{Text: lang.L("返回首页"), Icon: theme.NavigateBackIcon(), OnTapped: m.u.showHome}
	title := &widget.Label{Text: fmt.Sprintf(lang.L("政策匹配：%s"), m.name), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	note := &widget.Label{Text: lang.L("按企业信息和最近一份申报材料的填写内容，逐一对照每个申报项目的条件（申报日期按今天）。点“新建申报”为该项目新建申报材料，已知的内容会自动填入。"), Wrapping: fyne.TextWrapWord}
	rows := container.NewVBox()
	for i := range m.results {
		rows.Add(m.row(&m.results[i]))
	}
	top := container.NewVBox(container.NewBorder(nil, nil, back, nil, title), note)
	m.obj = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(rows)))
}

// row shows one programme's result.
func (m *matchScreen) row(r *programme.MatchResult) fyne.CanvasObject {
	name := &widget.Label{Text: session.ProgrammeName(r.Programme), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	verdict := &widget.Label{Text: verdictLabel(r.Verdict), TextStyle: fyne.TextStyle{Bold: true}, Importance: verdictImportance(r.Verdict)}
	create := &widget.Button{Text: lang.L("新建申报"), Icon: theme.ContentAddIcon(), OnTapped: func() { m.create(r) }}
	if r.Verdict == programme.VerdictEligible {
		create.Importance = widget.HighImportance
	}
	head := container.NewBorder(nil, nil, verdict, create, name)
	lines := []fyne.CanvasObject{head}
	if dl := matchDeadline(r); dl != "" {
		lines = append(lines, &widget.Label{Text: dl, SizeName: theme.SizeNameCaptionText})
	}
	for _, g := range matchGaps(r) {
		lines = append(lines, &widget.Label{Text: "·" + g, Wrapping: fyne.TextWrapWord})
	}
	return &widget.Card{Content: container.NewVBox(lines...)}
}

// verdictLabel is the verdict in words (programme.VerdictText), translated.
func verdictLabel(v string) string {
	switch v {
	case programme.VerdictEligible:
		return lang.L("符合")
	case programme.VerdictNotEligible:
		return lang.L("不符合")
	}
	return lang.L("待补充")
}

// verdictImportance colours a verdict with the theme's success, warning and error colours.
func verdictImportance(v string) widget.Importance {
	switch v {
	case programme.VerdictEligible:
		return widget.SuccessImportance
	case programme.VerdictNotEligible:
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// matchDeadline is the deadline with the days left, or 已截止.
func matchDeadline(r *programme.MatchResult) string {
	if r.Deadline.IsZero() {
		return ""
	}
	s := lang.L("申报截止：") + r.Deadline.Format("2006-01-02")
	if r.DeadlineLabel != "" {
		s += "（" + r.DeadlineLabel + "）"
	}
	switch {
	case r.DaysLeft > 0:
		return s + fmt.Sprintf(lang.L("，还剩%d天"), r.DaysLeft)
	case r.DaysLeft == 0:
		return s + lang.L("，今天截止")
	}
	return s + lang.L("，已截止")
}

// matchGaps are the lines under a programme: each unmet rule's gap (its message when no gap
// can be measured), what the programme finds wrong with the enterprise, and what is missing.
func matchGaps(r *programme.MatchResult) []string {
	out := r.Shortfalls()
	if len(r.Missing) > 0 {
		out = append(out, lang.L("待补充：")+strings.Join(r.Missing, "、"))
	}
	return out
}

// create makes a dossier for the result's programme from its data file and opens it. Its
// 申报日期 is left for the programme's notice to give, as 复制 does.
func (m *matchScreen) create(r *programme.MatchResult) {
	u := m.u
	out := *r.File
	out.AppliedOn = ""
	data, err := json.Marshal(&out)
	if err != nil {
		u.showError(lang.L("内部错误：无法新建申报材料"), err)
		return
	}
	d := &records.Dossier{EnterpriseID: m.entID, Programme: r.Programme.ID, Title: session.DossierTitle(r.Programme, out.Answers), Status: session.StatusDraft, Data: data}
	if err := u.deps.Store.SaveDossier(u.ctx, d); err != nil {
		u.storeError(lang.L("无法新建申报材料"), err)
		return
	}
	u.openDossier(d.ID)
	msg := fmt.Sprintf(lang.L("已新建“%s”的申报材料：填入了企业信息和%d项已知的填写内容，其余请补充。"), session.ProgrammeName(r.Programme), len(out.Answers))
	if len(out.Answers) == 0 {
		msg = fmt.Sprintf(lang.L("已新建“%s”的申报材料：填入了企业信息；该项目的填写项没有可沿用的内容，请逐项填写。"), session.ProgrammeName(r.Programme))
	}
	dialog.ShowInformation(lang.L("新建申报"), msg, u.win)
}
