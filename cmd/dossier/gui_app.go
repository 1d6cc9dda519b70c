//go:build !ci

package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"dossier/assets"
	"dossier/dossier/store"
	"dossier/ui"
	uitheme "dossier/ui/theme"
)

// The desktop application is compiled only without the ci tag: fyne.io/fyne/v2/app needs cgo
// and the GL/X11 headers, which headless CI machines lack (STACK.md, Fyne).
func init() { startGUI = runGUI }

// appID is the Fyne application id (also in FyneApp.toml); Preferences and storage hang off it.
const appID = "cn.dossier.app"

// runGUI opens the window, and the data file if one is given.
func runGUI(templatesDir, file string) error {
	// Without a locale Fyne logs an error and shows its own dialogs in English; the UI speaks
	// Chinese, so an unset or C locale means Chinese.
	if l := os.Getenv("LANG"); l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		os.Setenv("LANG", "zh_CN.UTF-8")
		// Fyne read the locale when its lang package initialised; adding a (empty) bundle
		// makes it read the locale again, so its own dialogs speak Chinese too.
		if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale("zh-Hans")); err != nil {
			fyne.LogError("set locale", err)
		}
	}
	a := fyneapp.NewWithID(appID)
	ui.SetupLanguage(a, assets.Translations)
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.Icon))
	a.Settings().SetTheme(uitheme.New())
	w := a.NewWindow("Dossier 申报材料助手")

	dbPath := filepath.Join(a.Storage().RootURI().Path(), "dossier.db")
	st, recovered, err := store.OpenOrRecover(dbPath)
	if err != nil {
		var newer *store.NewerStoreError
		if errors.As(err, &newer) {
			return fail(exitInvalid, "%v", newer)
		}
		return fail(exitInvalid, "无法打开数据库 %s：%v", dbPath, err)
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
