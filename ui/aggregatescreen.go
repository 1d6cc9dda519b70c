package ui

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/aggregate"
	"dossier/dossier/document"
	"dossier/dossier/programme"
	"dossier/dossier/session"
)

// aggregateScreen is the bureau's 汇总 (dossier/aggregate, as `dossier aggregate` runs it):
// choose the programme and a folder or files of data files and packages, run with a progress
// bar, then the 审核清单 (every input with its verdict and why) and the summary table, and
// save both as one xlsx.
type aggregateScreen struct {
	u      *UI
	progs  []*programme.Programme
	pick   *widget.Select
	inputs []string
	what   *widget.Label
	info   *widget.Label
	bar    *widget.ProgressBar
	runBtn *widget.Button
	saveBt *widget.Button
	tabs   *container.AppTabs
	cell   *widget.Label // the full text of the cell last tapped
	obj    fyne.CanvasObject

	prog      *programme.Programme // of the result shown
	res       *aggregate.Result
	checklist *document.Sheet
	list      *sheetTable // 审核清单
	summary   *sheetTable // the first summary sheet
	busy      bool
	done      chan struct{} // closed when a run or a save has finished (tests)
	saved     string        // where the last save went (tests)
}

// showAggregate opens the 汇总申报材料 screen.
func (u *UI) showAggregate() {
	a := &aggregateScreen{u: u}
	for _, p := range u.deps.Programmes.All() {
		if aggregate.Supports(p) {
			a.progs = append(a.progs, p)
		}
	}
	a.buildUI()
	u.show(a)
}

func (a *aggregateScreen) content() fyne.CanvasObject { return a.obj }
func (a *aggregateScreen) leave()                     {}
func (a *aggregateScreen) save()                      { a.onSave() }

func (a *aggregateScreen) buildUI() {
	u := a.u
	a.pick = programmePicker(u, a.progs, func(*programme.Programme) { a.clearResult() })
	a.what = &widget.Label{Text: lang.L("还没有选择要汇总的数据文件或申报包"), Wrapping: fyne.TextWrapWord}
	a.info = &widget.Label{Wrapping: fyne.TextWrapWord}
	a.bar = widget.NewProgressBar()
	a.bar.Hide()
	a.cell = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	a.runBtn = &widget.Button{Text: lang.L("开始汇总"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: a.onRun}
	a.saveBt = &widget.Button{Text: lang.L("保存汇总表…"), Icon: theme.DocumentSaveIcon(), OnTapped: a.onSave}
	back := &widget.Button{Text: lang.L("返回首页"), Icon: theme.NavigateBackIcon(), OnTapped: u.showHome}
	title := &widget.Label{Text: lang.L("汇总申报材料"), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	note := &widget.Label{Text: lang.L("把多家企业的数据文件（.json）或申报包（文件夹）汇总成一张汇总表。每一份都先审核：重复的、不符合申报条件的、数据有误的、申报包被改动过的不计入汇总表，原因列在审核清单中；企业层面的数据（如上年度主营业务收入）在合计中每家企业只计一次。"), Wrapping: fyne.TextWrapWord}
	pickers := container.NewHBox(
		&widget.Button{Text: lang.L("选择文件夹…"), Icon: theme.FolderOpenIcon(), OnTapped: a.onFolder},
		&widget.Button{Text: lang.L("添加文件…"), Icon: theme.FileIcon(), OnTapped: a.onFile},
		&widget.Button{Text: lang.L("清空"), Icon: theme.ContentClearIcon(), OnTapped: func() { a.setInputs(nil, "") }},
		a.runBtn)
	form := container.NewBorder(nil, nil, &widget.Label{Text: lang.L("申报项目：")}, nil, a.pick)
	top := container.NewVBox(container.NewBorder(nil, nil, back, nil, title), note, form, pickers, a.what, a.bar, a.info)
	a.tabs = container.NewAppTabs()
	bottom := container.NewBorder(nil, nil, nil, a.saveBt, a.cell)
	a.obj = container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, a.tabs)
	if len(a.progs) == 0 {
		a.what.SetText(lang.L("没有可汇总的申报项目：模板都没有定义汇总表。"))
	}
	a.enable()
}

func (a *aggregateScreen) chosen() *programme.Programme {
	if i := a.pick.SelectedIndex(); i >= 0 && i < len(a.progs) {
		return a.progs[i]
	}
	return nil
}

func (a *aggregateScreen) enable() {
	if len(a.inputs) > 0 && !a.busy && a.chosen() != nil {
		a.runBtn.Enable()
	} else {
		a.runBtn.Disable()
	}
	if a.busy {
		a.pick.Disable()
	} else {
		a.pick.Enable()
	}
	if a.res != nil && !a.busy {
		a.saveBt.Enable()
	} else {
		a.saveBt.Disable()
	}
}

// onFolder asks for a folder: a package, or a folder of data files and packages.
func (a *aggregateScreen) onFolder() {
	a.u.askFolder(lang.L("选择要汇总的文件夹"), "", a.useFolder)
}

// useFolder takes the inputs the folder holds (aggregate.FolderInputs).
func (a *aggregateScreen) useFolder(dir string) {
	ins, err := aggregate.FolderInputs(dir)
	if err != nil {
		a.u.showError(fmt.Sprintf(lang.L("无法汇总文件夹 %s：%s"), dir, err.Error()), err)
		return
	}
	a.setInputs(ins, fmt.Sprintf(lang.L("文件夹：%s（%d份数据文件或申报包）"), dir, len(ins)))
}

// onFile adds one data file (the dialog picks one at a time).
func (a *aggregateScreen) onFile() {
	a.u.askFile(lang.L("添加要汇总的数据文件"), []string{".json"}, func(path string) {
		ins := append(append([]string(nil), a.inputs...), path)
		a.setInputs(ins, fmt.Sprintf(lang.L("已选择%d份：%s"), len(ins), joinBase(ins)))
	})
}

// joinBase lists the files' names (at most five, then how many more).
func joinBase(paths []string) string {
	s := ""
	for i, p := range paths {
		if i == 5 {
			return s + fmt.Sprintf(lang.L("等%d份"), len(paths))
		}
		if i > 0 {
			s += "、"
		}
		s += filepath.Base(p)
	}
	return s
}

func (a *aggregateScreen) setInputs(ins []string, what string) {
	a.inputs = ins
	if what == "" {
		what = lang.L("还没有选择要汇总的数据文件或申报包")
	}
	a.what.SetText(what)
	a.clearResult()
}

func (a *aggregateScreen) clearResult() {
	a.res, a.checklist, a.list, a.summary = nil, nil, nil, nil
	a.tabs.SetItems(nil)
	a.info.SetText("")
	a.cell.SetText("")
	a.enable()
}

// onRun aggregates the inputs off the UI goroutine, the bar counting the inputs judged.
func (a *aggregateScreen) onRun() {
	p := a.chosen()
	if p == nil || len(a.inputs) == 0 || a.busy {
		return
	}
	a.clearResult()
	a.busy = true
	a.done = make(chan struct{})
	a.enable()
	a.bar.Min, a.bar.Max = 0, float64(len(a.inputs))
	a.bar.SetValue(0)
	a.bar.Show()
	a.info.SetText(fmt.Sprintf(lang.L("正在审核和汇总%d份……"), len(a.inputs)))
	inputs, today := a.inputs, a.u.today()
	var last atomic.Int64
	progress := func(done, total int) {
		// At most about 20 updates a second reach the UI.
		now := time.Now().UnixMilli()
		if done < total && now-last.Load() < 50 {
			return
		}
		last.Store(now)
		fyne.Do(func() { a.bar.SetValue(float64(done)) })
	}
	go func() {
		res, err := aggregate.Run(p, inputs, aggregate.Options{Today: today, Progress: progress})
		fyne.Do(func() { a.onDone(p, res, err) })
	}()
}

func (a *aggregateScreen) onDone(p *programme.Programme, res *aggregate.Result, err error) {
	defer close(a.done)
	a.busy = false
	a.bar.Hide()
	if err != nil {
		a.info.SetText("")
		a.enable()
		a.u.showError(fmt.Sprintf(lang.L("无法汇总“%s”：%s"), session.ProgrammeName(p), err.Error()), err)
		return
	}
	a.prog, a.res = p, res
	a.checklist = res.Checklist(p.Title, aggregate.ProjectField(p) != "")
	verdictCol := len(a.checklist.Columns) - 2
	a.list = newSheetTable(a.checklist, a.cell.SetText, func(_, col int, text string) widget.Importance {
		if col != verdictCol {
			return widget.MediumImportance
		}
		if text == aggregate.Included.String() {
			return widget.SuccessImportance
		}
		return widget.DangerImportance
	})
	items := []*container.TabItem{container.NewTabItem(fmt.Sprintf(lang.L("审核清单（%d份）"), len(res.Entries)), a.list.table)}
	for i, sh := range res.Sheets {
		t := newSheetTable(sh, a.cell.SetText, nil)
		if i == 0 {
			a.summary = t
		}
		items = append(items, container.NewTabItem(fmt.Sprintf(lang.L("汇总表：%s（%d行）"), sh.Name, len(sh.Rows)), t.table))
	}
	a.tabs.SetItems(items)
	n := res.Included()
	msg := fmt.Sprintf(lang.L("已汇总%d份。%s。"), n, res.Summary())
	if n == 0 {
		msg = fmt.Sprintf(lang.L("没有可汇总的申报材料（%s），保存时只写出审核清单。"), res.Summary())
	} else if len(res.Entries) > n {
		msg += lang.L("未纳入的原因见审核清单；点单元格可看完整内容。")
	}
	a.info.SetText(msg)
	a.enable()
}
