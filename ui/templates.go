package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
)

// templateDir is the user's template folder in use: --templates when given, else the one
// chosen on the 模板 page ("" = none).
func (u *UI) templateDir() (dir string, fromFlag bool) {
	if u.deps.TemplatesDir != "" {
		return u.deps.TemplatesDir, true
	}
	return u.app.Preferences().String(prefTemplateDir), false
}

// loadProgrammes (re)loads the shipped templates and the user's folder; the templates with
// problems are left out and their problems kept for the 模板 page.
func (u *UI) loadProgrammes() {
	dir, _ := u.templateDir()
	set, errs := programme.LoadUser(dir)
	u.deps.Programmes, u.tplErrs = set, errs
	if u.home != nil {
		u.home.dl = deadlineCache{} // deadlines depend on the templates
	}
}

// showTemplateProblems tells, once at start, that some user templates could not be loaded.
func (u *UI) showTemplateProblems() {
	if len(u.tplErrs) == 0 {
		return
	}
	d := dialog.NewConfirm(lang.L("模板有问题"),
		fmt.Sprintf(lang.L("用户模板中有%d处问题，有问题的模板未载入。是否打开“模板”页查看？"), len(u.tplErrs)),
		func(ok bool) {
			if ok {
				u.showTemplates()
			}
		}, u.win)
	d.SetConfirmText(lang.L("查看"))
	d.SetDismissText(lang.L("稍后"))
	d.Show()
}

// templatesScreen is the 模板 page: the user's template folder, the programmes it adds or
// overrides, every problem of its templates (file:line), and 重新加载.
type templatesScreen struct {
	u      *UI
	folder *widget.Label
	flag   *widget.Label
	body   *fyne.Container
	obj    fyne.CanvasObject
	// chooseDir asks for the folder; tests replace it.
	chooseDir func(then func(dir string))
}

// showTemplates shows the 模板 page.
func (u *UI) showTemplates() {
	if u.templates == nil {
		u.templates = newTemplatesScreen(u)
	}
	u.show(u.templates)
	u.templates.refresh()
}

func newTemplatesScreen(u *UI) *templatesScreen {
	t := &templatesScreen{u: u}
	t.chooseDir = t.askDir
	t.folder = &widget.Label{Wrapping: fyne.TextWrapBreak}
	t.flag = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	t.body = container.NewVBox()
	back := &widget.Button{Text: lang.L("首页"), Icon: theme.NavigateBackIcon(), OnTapped: u.showHome}
	title := &widget.Label{Text: lang.L("模板"), TextStyle: fyne.TextStyle{Bold: true}}
	bar := container.NewBorder(nil, nil, container.NewHBox(back, title), nil)
	buttons := container.NewHBox(
		&widget.Button{Text: lang.L("选择文件夹…"), Icon: theme.FolderOpenIcon(), OnTapped: t.onChoose},
		&widget.Button{Text: lang.L("不使用用户模板"), Icon: theme.ContentClearIcon(), OnTapped: t.onClear},
		&widget.Button{Text: lang.L("重新加载"), Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: t.onReload},
	)
	head := container.NewVBox(
		&widget.Label{Text: lang.L("用户模板文件夹中的模板新增申报项目，或覆盖编号相同的内置模板。修改模板文件后点“重新加载”，不必重新启动程序。"), Wrapping: fyne.TextWrapWord},
		container.NewBorder(nil, nil, &widget.Label{Text: lang.L("用户模板文件夹："), TextStyle: fyne.TextStyle{Bold: true}}, nil, t.folder),
		t.flag, buttons, widget.NewSeparator())
	t.obj = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil,
		container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewVScroll(container.NewPadded(t.body))))
	return t
}

func (t *templatesScreen) content() fyne.CanvasObject { return t.obj }
func (t *templatesScreen) leave()                     {}
func (t *templatesScreen) save()                      {}

// refresh shows the folder, the user's programmes and the problems of the set loaded.
func (t *templatesScreen) refresh() {
	dir, fromFlag := t.u.templateDir()
	t.folder.SetText(dir)
	if dir == "" {
		t.folder.SetText(lang.L("（未选择：只使用内置模板）"))
	}
	t.flag.Hidden = !fromFlag
	t.flag.SetText(lang.L("本次启动时用命令行参数 --templates 指定了这个文件夹；它优先于这里选择的文件夹。"))
	t.body.Objects = nil
	t.body.Add(heading(lang.L("用户模板提供的申报项目")))
	rows := t.programmeRows()
	if len(rows) == 0 {
		t.body.Add(&widget.Label{Text: lang.L("没有：所有申报项目都使用内置模板。"), Importance: widget.LowImportance})
	}
	t.body.Objects = append(t.body.Objects, rows...)
	t.body.Add(widget.NewSeparator())
	errs := t.u.tplErrs
	if len(errs) == 0 {
		t.body.Add(heading(lang.L("问题")))
		t.body.Add(&widget.Label{Text: lang.L("没有问题：所有模板都已载入。"), Importance: widget.SuccessImportance})
	} else {
		t.body.Add(heading(fmt.Sprintf(lang.L("问题（%d处；有问题的模板未载入）"), len(errs))))
	}
	for _, e := range errs {
		t.body.Add(problemRow(e))
	}
	t.body.Refresh()
}

func heading(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
}

// programmeRows lists the programmes of the user's templates: added or overriding (which
// file wins, with both versions).
func (t *templatesScreen) programmeRows() []fyne.CanvasObject {
	over := map[string]programme.Override{}
	for _, o := range t.u.deps.Programmes.Overrides() {
		over[o.ID] = o
	}
	var rows []fyne.CanvasObject
	for _, p := range t.u.deps.Programmes.All() {
		pv := p.Provenance()
		if pv.Source != programme.SourceUser {
			continue
		}
		what := lang.L("新增项目")
		if o, ok := over[pv.ID]; ok {
			what = fmt.Sprintf(lang.L("覆盖%s模板 %s（版本%d）"), sourceLabel(o.OldSource), o.OldFile, o.OldVersion)
		}
		line := fmt.Sprintf(lang.L("%s（%s）　·　文件 %s，版本%d　·　%s"), p.Title, pv.ID, p.File, pv.Version, what)
		if len(p.Files) > 1 {
			line += "　·　" + lang.L("继承自") + " " + strings.Join(p.Files[1:], " → ")
		}
		rows = append(rows, &widget.Label{Text: line, Wrapping: fyne.TextWrapWord})
	}
	return rows
}

// sourceLabel names where a template comes from.
func sourceLabel(src string) string {
	if src == programme.SourceBuiltin {
		return lang.L("内置")
	}
	return lang.L("用户")
}

// problemRow is one problem: where (file:line:column) above what.
func problemRow(e *programme.ParseError) fyne.CanvasObject {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf(lang.L("%s 第%d行第%d列"), e.File, e.Line, e.Col)
	}
	return container.NewVBox(
		&widget.Label{Text: where, TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapBreak},
		&widget.Label{Text: e.Msg, Wrapping: fyne.TextWrapWord},
	)
}

func (t *templatesScreen) onChoose() {
	t.chooseDir(func(dir string) {
		t.u.app.Preferences().SetString(prefTemplateDir, dir)
		t.onReload()
	})
}

func (t *templatesScreen) onClear() {
	t.u.app.Preferences().SetString(prefTemplateDir, "")
	t.onReload()
}

// onReload reloads the programme set and shows what it holds now.
func (t *templatesScreen) onReload() {
	t.u.loadProgrammes()
	t.refresh()
}

// askDir asks for the template folder with the folder dialog, starting at the current one.
func (t *templatesScreen) askDir(then func(dir string)) {
	dir, _ := t.u.templateDir()
	t.u.askFolder(lang.L("选择模板文件夹"), dir, then)
}
