package main

// startGUI opens the desktop application with the embedded templates and the user's template
// folder (templatesDir, from --templates; "" = the folder chosen on the 模板 page, if any) and,
// if given, a data file to open. It is nil in builds without the GUI (the ci tag), where
// `dossier` with no arguments prints the help.
var startGUI func(templatesDir, file string) error
