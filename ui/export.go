package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// onExport builds the submission package: it asks for a folder, proposes the package name
// <单位>_<项目>_<yyyymmdd>, and offers a 草稿 (watermarked) package when the dossier is
// incomplete or not eligible.
func (e *editor) onExport() {
	_ = e.saver.flush()
	ev := e.sess.ExportEvaluation()
	if ev.Eligible() {
		e.pickFolder(func(dir string) { e.exportTo(ev, filepath.Join(dir, e.packageName()), false, false) })
		return
	}
	var lines []string
	for _, p := range ev.Problems {
		if !p.Warning && len(lines) < 5 {
			lines = append(lines, "· "+p.Message)
		}
	}
	for _, r := range ev.Rules {
		if r.Applies && !r.Passed && len(lines) < 8 {
			lines = append(lines, "· "+r.Message)
		}
	}
	msg := lang.L("数据尚不完整或不符合申报条件，不能生成正式申报包：") + "\n" + strings.Join(lines, "\n") +
		"\n\n" + lang.L("可以生成每页带“草稿”水印的草稿申报包，供内部审阅。是否生成草稿？")
	label := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomConfirm(lang.L("导出草稿申报包"), lang.L("生成草稿"), lang.L("取消"), container.NewVScroll(label), func(ok bool) {
		if ok {
			e.pickFolder(func(dir string) { e.exportTo(ev, filepath.Join(dir, e.packageName()+"_草稿"), true, false) })
		}
	}, e.u.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// packageName is the package folder's name the GUI proposes (session.PackageName).
func (e *editor) packageName() string { return e.sess.PackageName() }

// chooseFolder asks for the folder to put the package in.
func (e *editor) chooseFolder(then func(dir string)) {
	prefs := e.u.app.Preferences()
	e.u.askFolderTo(lang.L("选择放申报包的文件夹"), lang.L("保存到这里"), prefs.String(prefExportDir), func(dir string) {
		prefs.SetString(prefExportDir, dir)
		then(dir)
	})
}

// exportTo builds the package at out in a goroutine behind a progress dialog.
func (e *editor) exportTo(ev *programme.Evaluation, out string, draft, force bool) {
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(lang.L("正在生成申报包"), container.NewVBox(
		&widget.Label{Text: lang.L("正在生成 PDF 报告、Excel 汇总表和打印稿……")}, bar), e.u.win)
	prog.Show()
	n := e.sess.Changes()
	go func() {
		var warnings []string
		warn := func(msg string) { warnings = append(warnings, msg) }
		m, err := pack.Build(ev, pack.Options{Out: out, Force: force, Draft: draft, Now: e.u.today(), Generator: e.u.deps.Generator, Warn: warn})
		fyne.Do(func() {
			bar.Stop()
			prog.Hide()
			e.onBuilt(ev, out, draft, n, m, err)
			if err == nil && len(warnings) > 0 {
				showErrorText(e.u.win, strings.Join(warnings, "\n"))
			}
		})
	}()
}

func (e *editor) onBuilt(ev *programme.Evaluation, out string, draft bool, n uint64, m *pack.Manifest, err error) {
	switch {
	case errors.Is(err, pack.ErrExists):
		// Only an earlier package of ours is offered for replacement: a folder holding anything
		// else is pack.ErrTarget, shown below, and never overwritten.
		confirmOverwrite(lang.L("申报包已存在"), fmt.Sprintf(lang.L("“%s”中已有一个申报包。是否用新的申报包覆盖它？"), out), func(ok bool) {
			if ok {
				e.exportTo(ev, out, draft, true)
			}
		}, e.u.win)
		return
	case errors.Is(err, pack.ErrTarget):
		e.u.showError(err.Error(), err)
		return
	case errors.Is(err, pack.ErrInvalid), errors.Is(err, pack.ErrNotEligible):
		e.u.showError(lang.L("数据不完整或不符合申报条件，未生成申报包（可生成草稿）"), err)
		return
	case err != nil:
		e.u.showError(lang.L("生成申报包失败：")+err.Error(), err)
		return
	}
	if !draft {
		e.exportedAt.Store(n + 1)
		e.updateTitle()
		e.forceSave.Store(true) // the status changed, the data did not: save anyway
		e.saver.now()
	}
	e.lastExport, e.lastManifest = out, m
	e.showExported(out, draft, m)
}

// showExported tells where the package is, with buttons to copy the path or open the folder.
func (e *editor) showExported(out string, draft bool, m *pack.Manifest) {
	done := lang.L("已生成申报包（%d个文件），位于：")
	if draft {
		done = lang.L("已生成草稿申报包（%d个文件），位于：")
	}
	path := &widget.Entry{Text: out}
	path.ExtendBaseWidget(path)
	path.OnChanged = func(string) { path.SetText(out) } // read-only but selectable and copyable
	copyBtn := &widget.Button{Text: lang.L("复制路径"), OnTapped: func() { e.u.app.Clipboard().SetContent(out) }}
	openBtn := &widget.Button{Text: lang.L("打开文件夹"), OnTapped: func() {
		u, err := url.Parse(storage.NewFileURI(out).String())
		if err == nil {
			err = e.u.app.OpenURL(u)
		}
		if err != nil {
			e.u.showError(lang.L("无法打开文件夹"), err)
		}
	}}
	content := container.NewVBox(
		&widget.Label{Text: fmt.Sprintf(done, len(m.Files))},
		path, &widget.Label{Text: manifestTemplateText(m), Wrapping: fyne.TextWrapWord},
		container.NewHBox(copyBtn, openBtn, &widget.Button{Text: lang.L("打印…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { e.u.showPrint(out) }}))
	d := dialog.NewCustom(lang.L("导出完成"), lang.L("关闭"), content, e.u.win)
	d.Resize(fyne.NewSize(640, 240))
	d.Show()
}

// onExportData saves the CONTRACT.md data file.
func (e *editor) onExportData() {
	e.u.saveFile(lang.L("选择保存数据文件的文件夹"), prefExportDir, e.packageName()+".json", e.writeDataFile, nil)
}

// writeDataFile writes the data file as CONTRACT.md defines it (numbers as numbers).
func (e *editor) writeDataFile(w io.Writer) error {
	f := e.sess.Export()
	if f == nil {
		return errors.New("ui: export data file: no data")
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
