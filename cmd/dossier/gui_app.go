//go:build !ci

package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"dossier/assets"
	"dossier/cmd/dossier/internal/fynelocale"
	"dossier/dossier/fsafe"
	"dossier/dossier/store"
	"dossier/ui"
	uitheme "dossier/ui/theme"
)

// The desktop application is compiled only without the ci tag: fyne.io/fyne/v2/app needs cgo
// and the GL/X11 headers (make deps-gui installs them), which headless CI machines lack.
func init() { startGUI = runGUI }

// appID is the Fyne application id (also in FyneApp.toml); Preferences and storage hang off it.
const appID = "cn.dossier.app"

// runGUI opens the window, and the data file if one is given.
func runGUI(templatesDir, file string) error {
	if why := displayMissing(runtime.GOOS, os.Getenv); why != "" {
		return noDesktop(why)
	}
	// Without a locale (or with C, POSIX) Fyne would show its own dialogs in English; the UI
	// speaks Chinese (fynelocale gave Fyne zh_CN.UTF-8 at start; main put the user's back).
	fynelocale.Apply()
	a := fyneapp.NewWithID(appID)
	ui.SetupLanguage(a, assets.Translations)
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.Icon))
	a.Settings().SetTheme(uitheme.New())
	w, err := newWindow(a, "Dossier 申报材料助手")
	if err != nil {
		return err
	}

	dbPath := filepath.Join(a.Storage().RootURI().Path(), "dossier.db")
	st, recovered, err := store.OpenOrRecover(dbPath)
	if err != nil {
		var newer *store.NewerStoreError
		if errors.As(err, &newer) {
			return fail(exitInvalid, "%v", newer)
		}
		return fail(exitInternal, "无法打开数据库 %s：%s", dbPath, fsafe.Describe(err))
	}
	defer st.Close()

	u := ui.New(a, w, ui.Deps{
		Store: st, TemplatesDir: templatesDir, Generator: "dossier " + version,
		Screen:   func() fyne.Size { return workArea(a) },
		Maximise: maximiseWhenShown(a),
	})
	if file != "" {
		if abs, err := filepath.Abs(file); err == nil {
			file = abs
		}
	}
	u.Start(file)
	if recovered != nil {
		dialog.ShowInformation("数据库已重建", recovered.Message(), w)
	}
	w.ShowAndRun()
	return nil
}

// newWindow creates the main window; a window system that cannot start (GLFW panics when the
// display cannot be opened) is reported in Chinese, exit 3, instead of a Go stack trace.
func newWindow(a fyne.App, title string) (w fyne.Window, err error) {
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, windowFailed(os.Getenv)
		}
	}()
	return a.NewWindow(title), nil
}
