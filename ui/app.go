// Package ui is Dossier's desktop interface (Fyne): a home screen listing enterprises and their
// dossiers, an enterprise profile screen, and the dossier screen generated from a programme
// template with live validation and a live eligibility panel. The UI holds no rules: every
// value goes through dossier/session, which asks dossier/programme.
//
// Screens follow one shape (STYLE.md §4.13): a struct holding its widgets, newXxx, buildUI and
// onXxx handlers. Saving runs off the UI goroutine; results come back through fyne.Do.
package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
	"dossier/dossier/records"
	"dossier/dossier/store"
)

// Deps is what the UI needs from the outside, wired by cmd/dossier.
type Deps struct {
	Store records.Store
	// Programmes is the programme set; nil means the UI loads it (the shipped templates and
	// the user's template folder) and reloads it from its 模板 page.
	Programmes *programme.Set
	// TemplatesDir is the user's template folder given on the command line (--templates): it
	// wins over the one chosen on the 模板 page, for this run.
	TemplatesDir string
	// Now is the clock (today's date for deadlines and a missing 申报日期); nil means time.Now.
	Now func() time.Time
	// Generator is written into package manifests: "dossier VERSION".
	Generator string
	// Screen is the work area (screen minus taskbar) the window opens on, in Fyne units; nil
	// or zero when unknown. The first window is sized to fit it (window.go).
	Screen func() fyne.Size
	// Maximise maximises the window (nil where the platform cannot); called for small screens.
	Maximise func()
	// AttachmentsDir is where copies of added attachment files are kept; "" means the app's
	// storage (attachments/ under its root).
	AttachmentsDir string
}

// screen is what the window shows: the home screen or an editor.
type screen interface {
	content() fyne.CanvasObject
	// leave is called before another screen replaces this one; it saves what is pending.
	leave()
	// save saves now (Ctrl+S).
	save()
}

// UI is the application window's content and navigation.
type UI struct {
	app  fyne.App
	win  fyne.Window
	deps Deps
	ctx  context.Context

	root     *fyne.Container
	settings *widget.Select // the language choice of the last 设置 dialog (tests)
	current  screen
	home     *homeScreen

	templates *templatesScreen    // the 模板 page, once shown
	tplErrs   programme.ErrorList // the problems of the templates last loaded

	launch      launcher               // runs the PDF viewer and lp (print.go); tests replace it
	pickPackage func(func(dir string)) // asks for a package folder to print; tests replace it
	printing    *printDialog           // the last print dialog (tests)
}

// New builds the UI into w: content, main menu with the keyboard shortcuts, a window size that
// fits the screen (remembered per screen size), and saving on close. Call Start to show the first screen.
func New(a fyne.App, w fyne.Window, deps Deps) *UI {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	u := &UI{app: a, win: w, deps: deps, ctx: context.Background(), root: container.NewStack(), launch: execLauncher{}}
	u.pickPackage = u.askPackage
	if u.deps.Programmes == nil {
		u.loadProgrammes()
	}
	w.SetContent(u.root)
	u.sizeWindow()
	u.setShortcuts()
	w.SetCloseIntercept(u.onClose)
	return u
}

// Start shows the first screen: the data file given on the command line if any (imported into
// the store), else the dossier open when the app was last closed, else the home screen. On the
// very first start it creates the demo enterprise and opens its dossier.
func (u *UI) Start(file string) {
	defer u.showTemplateProblems()
	firstID := u.ensureDemo()
	switch {
	case file != "":
		u.showHome()
		u.importFile(file)
	case firstID != 0:
		u.openDossier(firstID)
	default:
		if id := int64(u.app.Preferences().Int(prefLastDossier)); id != 0 {
			if d, err := u.deps.Store.Dossier(u.ctx, id); err == nil && d.Deleted == nil {
				u.openDossier(id)
				if u.current != nil {
					return
				}
				// Its template is gone (a user template removed): the message is shown, and home.
			}
		}
		u.showHome()
	}
}

// show replaces the current screen.
func (u *UI) show(s screen) {
	if u.current != nil {
		u.current.leave()
	}
	u.current = s
	u.root.Objects = []fyne.CanvasObject{s.content()}
	u.root.Refresh()
}

// showHome shows the home screen, reloaded from the store.
func (u *UI) showHome() {
	if u.home == nil {
		u.home = newHomeScreen(u)
	}
	u.show(u.home)
	u.home.reload()
	u.app.Preferences().SetInt(prefLastDossier, 0)
}

// setShortcuts installs the main menu; its shortcuts work even while an entry has the focus
// (Fyne offers a focused entry every other shortcut first). Canvas shortcuts cover the test
// driver, which has no menu.
func (u *UI) setShortcuts() {
	mod := fyne.KeyModifierShortcutDefault
	save := &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}
	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}
	export := &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod}
	printKey := &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: mod}
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	file := fyne.NewMenu(lang.L("文件"),
		fyne.NewMenuItem(lang.L("首页"), u.showHome),
		fyne.NewMenuItem(lang.L("导入数据文件…"), u.onImport),
		fyne.NewMenuItemSeparator(),
		item(lang.L("保存"), save, u.onSave),
		item(lang.L("导出申报包…"), export, u.onExport),
		item(lang.L("打印…"), printKey, u.onPrint),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("模板…"), u.showTemplates),
		fyne.NewMenuItem(lang.L("设置…"), u.onSettings),
	)
	edit := fyne.NewMenu(lang.L("编辑"), item(lang.L("查找企业"), find, u.onFind))
	u.win.SetMainMenu(fyne.NewMainMenu(file, edit))
	c := u.win.Canvas()
	c.AddShortcut(save, func(fyne.Shortcut) { u.onSave() })
	c.AddShortcut(find, func(fyne.Shortcut) { u.onFind() })
	c.AddShortcut(export, func(fyne.Shortcut) { u.onExport() })
	c.AddShortcut(printKey, func(fyne.Shortcut) { u.onPrint() })
}

func (u *UI) onSave() {
	if u.current != nil {
		u.current.save()
	}
}

// onFind goes to the home screen and puts the cursor into its search box.
func (u *UI) onFind() {
	if u.current != u.home || u.home == nil {
		u.showHome()
	}
	u.win.Canvas().Focus(u.home.search)
}

// onExport exports the open dossier's package; elsewhere it says what to do.
func (u *UI) onExport() {
	if ed, ok := u.current.(*editor); ok && !ed.profileOnly {
		ed.onExport()
		return
	}
	dialog.ShowInformation(lang.L("导出申报包"), lang.L("请先打开一份申报材料，再导出申报包。"), u.win)
}

// onClose saves, remembers the window size, and closes.
func (u *UI) onClose() {
	if u.current != nil {
		u.current.leave()
	}
	u.rememberSize()
	u.win.Close()
}

// showError shows msg (Chinese, for the user) in a dialog and logs err with the details.
func (u *UI) showError(msg string, err error) {
	if err != nil {
		fyne.LogError(msg, err)
	}
	dialog.ShowError(errors.New(msg), u.win)
}

// storeError shows a store error in the user's words.
func (u *UI) storeError(what string, err error) {
	u.showError(what+"："+store.UserMessage(err), err)
}

// today is the clock's date.
func (u *UI) today() time.Time { return u.deps.Now() }

// showErrorText shows a Chinese message in an error dialog.
func showErrorText(w fyne.Window, msg string) {
	dialog.ShowError(errors.New(msg), w)
}
