package main

import "dossier/dossier/programme"

// startGUI opens the desktop application with the programmes (embedded templates and the
// --templates folder) and, if given, a data file to open. It is nil in builds without the GUI
// (the ci tag), where `dossier` with no arguments prints the help.
var startGUI func(set *programme.Set, file string) error
