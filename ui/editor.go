package ui

import (
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/records"
	"dossier/dossier/session"
)

// navSection is one entry of the section list: a section of the profile or the programme.
type navSection struct {
	id, title, help string
	prefix          string // "enterprise." for profile fields, "" for answers
	fields          []programme.Field
	conditional     bool // a programme section that may be hidden (show_if)
}

// editor is the screen that edits a session: the dossier screen (profile and programme
// sections, eligibility panel, 检查 and export) or, with profileOnly, the enterprise profile.
type editor struct {
	u            *UI
	sess         *session.Session
	profileOnly  bool
	dossierID    int64
	enterpriseID int64
	storedStatus string
	exportedAt   atomic.Uint64  // change count + 1 at the last export; status 已导出 while unchanged
	forceSave    atomic.Bool    // save even when nothing changed (the status did)
	lastExport   string         // the last package folder written
	lastManifest *pack.Manifest // the manifest of the last package written
	saver        *saver
	pickFolder   func(func(dir string)) // chooses the export folder; tests replace it

	sections []navSection
	visible  []int // indexes into sections of those shown
	current  int   // index into sections
	form     *form

	obj    fyne.CanvasObject
	nav    *widget.List
	scroll *formScroll
	title  *widget.Label
	status *widget.Label
	saved  *widget.Label
	panel  *eligibilityPanel
	split  *container.Split // form | eligibility panel or review
	review *reviewPane      // the 检查 list, once shown
	attach *attachmentsPane // the 附件 section, once shown

	keysBeforeReview func(*fyne.KeyEvent) // the window's key handler while the review is shown
}

func newEditor(u *UI, sess *session.Session, profileOnly bool) *editor {
	e := &editor{u: u, sess: sess, profileOnly: profileOnly}
	e.form = newForm(sess, u.win, e.onChanged)
	e.saver = newSaver(e.persist, e.onSaved)
	e.pickFolder = e.chooseFolder
	e.sections = e.makeSections()
	e.buildUI()
	return e
}

// makeSections lists the sections: 申报日期 (the application date), the enterprise profile,
// then the programme's own.
func (e *editor) makeSections() []navSection {
	var out []navSection
	if !e.profileOnly {
		f := e.sess.Field(session.AppliedOn)
		out = append(out, navSection{id: "_application", title: "申报日期", prefix: "", fields: []programme.Field{*f}})
	}
	for _, s := range e.sess.Programme().Profile().Sections {
		out = append(out, navSection{id: s.ID, title: s.Title, help: s.Help, prefix: "enterprise.", fields: s.Fields})
	}
	if !e.profileOnly {
		for _, s := range e.sess.Programme().Sections {
			out = append(out, navSection{id: s.ID, title: s.Title, help: s.Help, fields: s.Fields, conditional: true})
		}
	}
	return append(out, e.attachmentsSection()...)
}

func (e *editor) content() fyne.CanvasObject { return e.obj }

func (e *editor) buildUI() {
	e.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	e.status = &widget.Label{}
	e.saved = &widget.Label{Importance: widget.LowImportance, Text: lang.L("已保存")}
	back := &widget.Button{Text: lang.L("首页"), Icon: theme.NavigateBackIcon(), OnTapped: e.u.showHome}
	var actions []fyne.CanvasObject
	if !e.profileOnly {
		actions = append(actions, e.aboutButton(),
			&widget.Button{Text: lang.L("检查"), Icon: theme.SearchIcon(), OnTapped: e.onReview},
			&widget.Button{Text: lang.L("导出数据文件"), Icon: theme.DocumentSaveIcon(), OnTapped: e.onExportData},
			&widget.Button{Text: lang.L("导出申报包"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: e.onExport},
		)
	}
	left := container.NewHBox(back, e.status, e.saved)
	bar := container.NewBorder(nil, nil, left, container.NewHBox(actions...), e.title)

	e.nav = &widget.List{
		Length:     func() int { return len(e.visible) },
		CreateItem: newNavItem,
		UpdateItem: e.updateNavItem,
		OnSelected: e.onSection,
	}
	e.nav.ExtendBaseWidget(e.nav)
	e.scroll = newFormScroll(widget.NewLabel(""))
	e.form.scroll = e.scroll
	var body fyne.CanvasObject = e.scroll
	if !e.profileOnly {
		e.panel = newEligibilityPanel()
		e.split = container.NewHSplit(e.scroll, e.panel.obj)
		e.split.Offset = 0.66
		body = e.split
	}
	main := container.NewHSplit(e.nav, body)
	main.Offset = 0.17
	e.obj = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, main)
	e.refreshAll()
	e.showSection(e.firstSection())
}

// firstSection is where the dossier opens: the first section with something to fix, else the
// programme's first section (missing scans do not count: the data comes first; the enterprise profile is usually complete already).
func (e *editor) firstSection() int {
	for _, i := range e.visible {
		if e.sections[i].id != attachmentsSectionID && e.sectionProblems(e.sections[i]) > 0 {
			return i
		}
	}
	for _, i := range e.visible {
		if e.sections[i].conditional {
			return i
		}
	}
	return e.visible[0]
}

// refreshAll updates everything that depends on the evaluation.
func (e *editor) refreshAll() {
	ev := e.sess.Evaluate()
	e.visible = e.visible[:0]
	for i, s := range e.sections {
		if !s.conditional || ev.Visible(s.id) {
			e.visible = append(e.visible, i)
		}
	}
	e.nav.Refresh()
	e.updateTitle()
	if e.panel != nil {
		e.panel.update(ev, e.u.today())
	}
}

func (e *editor) updateTitle() {
	name := enterpriseLabel(e.sess.Name())
	if e.u.isDemo(e.enterpriseID) {
		name = lang.L("示例 · ") + name
	}
	if e.profileOnly {
		setText(e.title, lang.L("企业信息：")+name)
		setText(e.status, "")
		return
	}
	setText(e.title, name+" · "+session.ProgrammeName(e.sess.Programme()))
	st := e.statusNow()
	setText(e.status, lang.L("状态：")+statusText(st))
}

// statusText is a dossier's status (session.Status*, stored in Chinese) in the UI's language.
func statusText(st string) string {
	switch st {
	case session.StatusDraft, "":
		return lang.L("草稿")
	case session.StatusComplete:
		return lang.L("完整")
	case session.StatusEligible:
		return lang.L("符合条件")
	case session.StatusExported:
		return lang.L("已导出")
	}
	return st
}

// statusNow is the dossier's status: 已导出 while nothing changed since the last export.
func (e *editor) statusNow() string {
	if n := e.exportedAt.Load(); n != 0 && n == e.sess.Changes()+1 {
		return session.StatusExported
	}
	return e.sess.Status()
}

// enterpriseLabel is an enterprise's name as the screen shows it: 未命名企业 (in the user's
// language) when it has none.
func enterpriseLabel(name string) string {
	if n := records.EnterpriseName(name); n != records.UnnamedEnterprise {
		return n
	}
	return lang.L(records.UnnamedEnterprise)
}

func (e *editor) updateNavItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(e.visible) {
		return
	}
	s := e.sections[e.visible[id]]
	var icon *widget.Icon
	var title, count *widget.Label
	for _, obj := range o.(*fyne.Container).Objects {
		switch w := obj.(type) {
		case *widget.Icon:
			icon = w
		case *widget.Label:
			if w.Truncation == fyne.TextTruncateEllipsis {
				title = w
			} else {
				count = w
			}
		}
	}
	title.SetText(s.title)
	if n := e.sectionProblems(s); n == 0 {
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		count.SetText("")
	} else {
		icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
		count.SetText(strconv.Itoa(n))
	}
}

// newNavItem is one row of the section list: mark, title (cut with … when the list is narrow)
// and the number of problems, which always stays visible.
func newNavItem() fyne.CanvasObject {
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, widget.NewIcon(nil), &widget.Label{}, title)
}

// sectionProblems counts the errors (not warnings) inside a section's fields.
func (e *editor) sectionProblems(s navSection) int {
	if s.id == attachmentsSectionID {
		return e.attachmentProblems()
	}
	n := 0
	for _, f := range s.fields {
		for _, p := range e.sess.ProblemsUnder(s.prefix + f.ID) {
			if !p.Warning {
				n++
			}
		}
	}
	return n
}

func (e *editor) onSection(id widget.ListItemID) {
	if id < len(e.visible) && e.visible[id] != e.current {
		e.showSection(e.visible[id])
	}
}

// showSection builds the form of section i and selects it in the list.
func (e *editor) showSection(i int) {
	e.current = i
	s := e.sections[i]
	head := []fyne.CanvasObject{&widget.Label{Text: s.title, SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}}
	if s.help != "" {
		head = append(head, &widget.Label{Text: s.help, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	body := e.form.build(s.fields, s.prefix)
	if s.id == attachmentsSectionID {
		body = e.attachmentsView()
	}
	e.scroll.Content = container.NewPadded(container.NewVBox(append(head, body)...))
	e.scroll.Offset = fyne.Position{}
	e.scroll.Refresh()
	for k, idx := range e.visible {
		if idx == i {
			e.nav.Select(k)
		}
	}
}

// onChanged runs after every change the user makes: messages, list marks, the eligibility
// panel and the status follow at once; the save follows shortly after.
func (e *editor) onChanged() {
	e.form.update()
	e.refreshAll()
	if e.reviewing() {
		e.review.update()
	}
	setText(e.saved, lang.L("未保存"))
	e.saver.touch()
}

// jumpTo shows the section holding the field at path and puts the cursor into it.
func (e *editor) jumpTo(path string) {
	if strings.HasPrefix(path, "attachments.") {
		e.jumpToSection(attachmentsSectionID)
		return
	}
	top := path
	if i := strings.IndexByte(top, '['); i >= 0 {
		top = top[:i]
	}
	for _, i := range e.visible {
		s := e.sections[i]
		for _, f := range s.fields {
			if s.prefix+f.ID != top {
				continue
			}
			if i != e.current {
				e.showSection(i)
			}
			e.form.touched[path] = true
			e.form.update()
			if v := e.form.view(path); v != nil {
				e.scrollTo(v.obj)
				if v.focus != nil {
					e.u.win.Canvas().Focus(v.focus)
				}
			}
			return
		}
	}
}

// scrollTo scrolls the form so that o is at the top (laid out first: a section just built
// has no positions yet, which left the jumped-to field off-screen).
func (e *editor) scrollTo(o fyne.CanvasObject) {
	e.scroll.layoutNow()
	if y, ok := offsetIn(e.scroll.Content, o); ok {
		e.scroll.ScrollToOffset(fyne.NewPos(0, y-8))
	}
}
