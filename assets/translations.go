package assets

import "embed"

// Translations are the UI's text (STYLE.md §10): translations/zh_Hans.json, whose keys are the
// Chinese source text, and translations/en.json, for fyne.io/fyne/v2/lang.AddTranslationsFS.
//
//go:embed translations
var Translations embed.FS
