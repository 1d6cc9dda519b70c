package ui

import (
	"dossier/dossier/session"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/fsafe"
	"dossier/dossier/master"
	"dossier/dossier/programme"
)

// prefMasterProgramme remembers the programme last chosen on the import and aggregate screens.
const prefMasterProgramme = "master.programme"

// masterScreen imports an Excel master (企业名单, dossier/master as `dossier import` reads it):
// every row with its result — correct, or its problems by row number and column label — and
// for a correct row whether its enterprise is in the store (by credit code) and what the import
// would change in its profile. Rows are imported as enterprises and dossiers; an existing
// enterprise is changed only after the changes were shown and confirmed.
type masterScreen struct {
	u                    *UI
	progs                []*programme.Programme
	pick                 *widget.Select
	file                 *widget.Label
	info                 *widget.Label
	bar                  *widget.ProgressBar
	wait                 *widget.ProgressBarInfinite
	list                 *widget.List
	detail               *fyne.Container
	selAll, doSel, doAll *widget.Button
	obj                  fyne.CanvasObject

	prog    *programme.Programme // of the rows shown
	path    string
	rows    []masterRow
	shown   int // the row in the detail pane; -1 for none
	busy    bool
	confirm func(ok bool) // the pending 确认更改 dialog's answer (tests)
	loaded  chan struct{} // closed when a read or an import has finished (tests)
}

// showMasterImport opens the 导入企业名单 screen.
func (u *UI) showMasterImport() {
	m := &masterScreen{u: u, shown: -1}
	m.buildUI()
	u.show(m)
}

func (m *masterScreen) content() fyne.CanvasObject { return m.obj }
func (m *masterScreen) leave()                     {}
func (m *masterScreen) save()                      {}

func (m *masterScreen) buildUI() {
	u := m.u
	m.progs = u.deps.Programmes.All()
	m.pick = programmePicker(u, m.progs, func(*programme.Programme) { m.clear() })
	m.file = &widget.Label{Text: lang.L("还没有选择文件"), Truncation: fyne.TextTruncateEllipsis}
	m.info = &widget.Label{Wrapping: fyne.TextWrapWord}
	m.bar = widget.NewProgressBar()
	m.bar.Hide()
	m.wait = widget.NewProgressBarInfinite()
	m.wait.Stop()
	m.wait.Hide()
	m.list = &widget.List{Length: func() int { return len(m.rows) }, CreateItem: m.newItem, UpdateItem: m.updateItem,
		OnSelected: func(id widget.ListItemID) { m.showRow(id) }}
	m.list.ExtendBaseWidget(m.list)
	m.detail = container.NewVBox()
	m.selAll = &widget.Button{Text: lang.L("全选正确的行"), Icon: theme.CheckButtonCheckedIcon(), OnTapped: m.onSelectAll}
	m.doSel = &widget.Button{Text: lang.L("导入所选的行"), Icon: theme.DownloadIcon(), OnTapped: func() { m.onImport(false) }}
	m.doAll = &widget.Button{Text: lang.L("导入全部正确的行"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: func() { m.onImport(true) }}
	back := &widget.Button{Text: lang.L("返回首页"), Icon: theme.NavigateBackIcon(), OnTapped: u.showHome}
	title := &widget.Label{Text: lang.L("导入企业名单（Excel）"), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	choose := &widget.Button{Text: lang.L("选择 Excel 文件…"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance, OnTapped: m.onChoose}
	note := &widget.Label{Text: lang.L("名单的表头是表单的字段名称（可点“导出空白名单…”生成）。每个正确的行导入为一家企业和一份申报材料；统一社会信用代码已有的企业会先列出将更改的内容，确认后才更新。"), Wrapping: fyne.TextWrapWord}
	form := container.NewBorder(nil, nil, &widget.Label{Text: lang.L("申报项目：")}, container.NewHBox(choose, &widget.Button{Text: lang.L("导出空白名单…"), Icon: theme.DocumentSaveIcon(), OnTapped: m.onBlank}), m.pick)
	top := container.NewVBox(container.NewBorder(nil, nil, back, nil, title), note, form, m.file, m.wait, m.bar, m.info)
	buttons := container.NewHBox(m.selAll, m.doSel, m.doAll)
	split := container.NewHSplit(m.list, container.NewVScroll(container.NewPadded(m.detail)))
	split.Offset = 0.55
	m.obj = container.NewBorder(container.NewPadded(top), container.NewPadded(buttons), nil, nil, split)
	m.enable()
}

// programmePicker is a programme choice (by title) among progs, the one last chosen selected.
func programmePicker(u *UI, progs []*programme.Programme, onChange func(p *programme.Programme)) *widget.Select {
	titles := make([]string, len(progs))
	for i, p := range progs {
		titles[i] = session.ProgrammeName(p)
	}
	sel := &widget.Select{Options: titles, PlaceHolder: lang.L("请选择申报项目")}
	sel.ExtendBaseWidget(sel)
	last := u.app.Preferences().String(prefMasterProgramme)
	for i, p := range progs {
		if programmeID(p) == last {
			sel.SetSelectedIndex(i)
		}
	}
	if sel.SelectedIndex() < 0 && len(progs) > 0 {
		sel.SetSelectedIndex(0)
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			u.app.Preferences().SetString(prefMasterProgramme, programmeID(progs[i]))
			if onChange != nil {
				onChange(progs[i])
			}
		}
	}
	return sel
}

// programmeID is the programme's id (the one place this screen reads it).
func programmeID(p *programme.Programme) string { return p.ID }

// clear forgets the rows read (another programme reads the master with other columns).
func (m *masterScreen) clear() {
	if m.busy || m.list == nil {
		return
	}
	m.rows, m.shown, m.path = nil, -1, ""
	m.list.UnselectAll()
	m.list.Refresh()
	m.detail.RemoveAll()
	m.file.SetText(lang.L("还没有选择文件"))
	m.info.SetText("")
	m.enable()
}

// chosen is the programme picked, nil when none is.
func (m *masterScreen) chosen() *programme.Programme {
	if i := m.pick.SelectedIndex(); i >= 0 && i < len(m.progs) {
		return m.progs[i]
	}
	return nil
}

// onChoose asks for the master workbook and reads it.
func (m *masterScreen) onChoose() {
	if m.chosen() == nil {
		showErrorText(m.u.win, lang.L("请先选择申报项目：名单的列因项目而不同。"))
		return
	}
	m.u.askFile(lang.L("选择企业名单（.xlsx）"), []string{".xlsx"}, m.load)
}

// load reads the master at path for the chosen programme off the UI goroutine (a thousand
// rows take seconds) and lists its rows.
func (m *masterScreen) load(path string) {
	p := m.chosen()
	if p == nil || m.busy {
		return
	}
	m.busy, m.path = true, path
	m.loaded = make(chan struct{})
	m.file.SetText(fmt.Sprintf(lang.L("文件：%s"), path))
	m.info.SetText(lang.L("正在读取企业名单……"))
	m.wait.Show()
	m.wait.Start()
	m.enable()
	today := m.u.today()
	go func() {
		var rows []masterRow
		var res *master.Result
		data, err := fsafe.ReadRegular(path, master.MaxWorkbook)
		msg := ""
		if err != nil {
			msg = fmt.Sprintf(lang.L("无法读取 %s：%s"), path, fsafe.Describe(err))
		} else if res, err = master.Read(p, data, today); err != nil {
			msg = fmt.Sprintf(lang.L("无法导入 %s：%s"), path, err.Error())
		} else if rows, err = analyse(m.u, p, res.Rows); err != nil {
			msg = lang.L("无法读取企业列表") + "：" + storeMessage(err)
		}
		fyne.Do(func() { m.onLoaded(p, res, rows, msg, err) })
	}()
}

func (m *masterScreen) onLoaded(p *programme.Programme, res *master.Result, rows []masterRow, msg string, err error) {
	defer close(m.loaded)
	m.busy = false
	m.wait.Stop()
	m.wait.Hide()
	m.prog, m.rows, m.shown = p, rows, -1
	m.list.UnselectAll()
	m.list.Refresh()
	m.detail.RemoveAll()
	m.enable()
	if msg != "" {
		m.info.SetText(msg)
		m.u.showError(msg, err)
		return
	}
	m.info.SetText(m.summary(res))
	if len(rows) > 0 {
		m.list.Select(0)
	}
}

// summary is the line above the list: rows, correct, bad, new, existing, ignored columns.
func (m *masterScreen) summary(res *master.Result) string {
	good, bad, known, changed := 0, 0, 0, 0
	for _, r := range m.rows {
		switch {
		case !r.good():
			bad++
		case r.known:
			good++
			known++
			if len(r.changes) > 0 {
				changed++
			}
		default:
			good++
		}
	}
	s := fmt.Sprintf(lang.L("工作表“%s”第%d行是表头，共%d行：正确%d行（新企业%d家，已有企业%d家，其中%d家的企业信息将更改），有误%d行（不导入）。"),
		res.Sheet, res.HeaderRow, len(m.rows), good, good-known, known, changed, bad)
	if len(res.Ignored) > 0 {
		s += fmt.Sprintf(lang.L("列“%s”不是本项目的字段，未读取。"), strings.Join(res.Ignored, "”“"))
	}
	return s
}

// enable greys the buttons that cannot work now.
func (m *masterScreen) enable() {
	good := false
	for _, r := range m.rows {
		if r.good() && r.done == "" {
			good = true
		}
	}
	if m.busy {
		m.pick.Disable()
	} else {
		m.pick.Enable()
	}
	for _, b := range []*widget.Button{m.selAll, m.doSel, m.doAll} {
		if good && !m.busy {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// newItem is a list row: a check box, the row number, the name, the credit code, the result.
func (m *masterScreen) newItem() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	num := &widget.Label{Text: fmt.Sprintf(lang.L("第%d行"), 9999)}
	name := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	code := &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	result := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	// A row that cannot be imported shows no box (a disabled one reads as available in the
	// dark theme); the place stays so the columns line up.
	left := container.NewHBox(container.New(layout.NewGridWrapLayout(check.MinSize()), check), num)
	return container.NewBorder(nil, nil, left, nil, container.NewGridWithColumns(2, container.NewVBox(name, code), result))
}

func (m *masterScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(m.rows) {
		return
	}
	r := &m.rows[id]
	box := o.(*fyne.Container)
	left := box.Objects[1].(*fyne.Container)
	check := left.Objects[0].(*fyne.Container).Objects[0].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(r.checked)
	check.OnChanged = func(on bool) { r.checked = on }
	switch {
	case !r.good() || r.done != "":
		check.Hide()
	case m.busy:
		check.Show()
		check.Disable()
	default:
		check.Show()
		check.Enable()
	}
	left.Objects[1].(*widget.Label).SetText(fmt.Sprintf(lang.L("第%d行"), r.Number))
	grid := box.Objects[0].(*fyne.Container)
	texts := grid.Objects[0].(*fyne.Container)
	name := r.Name
	if name == "" {
		name = lang.L("（未填企业名称）")
	}
	texts.Objects[0].(*widget.Label).SetText(name)
	texts.Objects[1].(*widget.Label).SetText(r.code)
	res := grid.Objects[1].(*widget.Label)
	res.Text, res.Importance = r.resultText()
	res.Refresh()
}
