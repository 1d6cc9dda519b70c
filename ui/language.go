package ui

import (
	"embed"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Languages the UI speaks: the preference value and the file in the translations folder.
const (
	langSystem  = ""        // follow the system's locale (Chinese unless it asks for English)
	langChinese = "zh_Hans" // translations/zh_Hans.json: the source text itself
	langEnglish = "en"      // translations/en.json
)

// SetupLanguage loads the UI's translations (translations/*.json in fsys) and picks the
// language: the one chosen in 设置, else the system's. Call it once, after the app exists and
// before New. Fyne picks the language from the system locale; a choice in 设置 sets the
// locale for Fyne (LANG, read on Linux) and, where the system's locale cannot be changed
// (Windows), also loads the chosen text under the system's locale.
func SetupLanguage(a fyne.App, fsys embed.FS) {
	choice := a.Preferences().String(prefLanguage)
	switch choice {
	case langEnglish:
		os.Setenv("LANGUAGE", "en")
		os.Setenv("LANG", "en_US.UTF-8")
	case langChinese:
		os.Setenv("LANGUAGE", "zh_CN")
		os.Setenv("LANG", "zh_CN.UTF-8")
	}
	if err := lang.AddTranslationsFS(fsys, "translations"); err != nil {
		fyne.LogError("load translations", err)
	}
	if choice == langSystem {
		return
	}
	sys := lang.SystemLocale()
	if strings.HasPrefix(string(sys), "en") == (choice == langEnglish) {
		return
	}
	if data, err := fsys.ReadFile("translations/" + choice + ".json"); err == nil {
		if err := lang.AddTranslationsForLocale(data, sys); err != nil {
			fyne.LogError("set language", err)
		}
	}
}

// onSettings shows the settings: the UI language (applied at the next start).
func (u *UI) onSettings() {
	labels := []string{lang.L("跟随系统"), "中文", "English"}
	values := []string{langSystem, langChinese, langEnglish}
	sel := &widget.Select{Options: labels}
	sel.ExtendBaseWidget(sel)
	current := u.app.Preferences().String(prefLanguage)
	for i, v := range values {
		if v == current {
			sel.Selected = labels[i]
		}
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			u.app.Preferences().SetString(prefLanguage, values[i])
		}
	}
	form := widget.NewForm(widget.NewFormItem(lang.L("界面语言"), sel))
	note := &widget.Label{Text: lang.L("重新启动程序后生效。"), Importance: widget.LowImportance}
	d := dialog.NewCustom(lang.L("设置"), lang.L("关闭"), container.NewVBox(form, note), u.win)
	u.settings = sel
	showEscapable(d, u.win)
}
