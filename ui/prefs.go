package ui

// Preference keys (fyne.Preferences). Preferences hold small settings only; dossiers live in
// the store (STYLE.md §4.12).
const (
	prefWindowWidth    = ".width"          // float: last window width, after screenKey (per screen size)
	prefWindowHeight   = ".height"         // float: last window height, after screenKey
	prefLastDossier    = "last.dossier"    // int: id of the dossier open when the app was closed, 0 = home
	prefDemoCreated    = "demo.created"    // bool: the first-start demo enterprise was created once
	prefDemoEnterprise = "demo.enterprise" // int: id of the demo enterprise (labelled 示例)
	prefLanguage       = "ui.language"     // string: langSystem, langChinese or langEnglish (language.go)
	prefExportDir      = "export.dir"      // string: the folder the last package was exported into
	prefTemplateDir    = "templates.dir"   // string: the user's template folder (模板 page), "" = none
	// "import.<id>" (prefImportedFrom, import.go), string: where dossier id was imported from,
	// JSON {"file","at"} (before: the finished Chinese sentence, still read).
)
