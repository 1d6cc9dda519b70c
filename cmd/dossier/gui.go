package main

// startGUI opens the desktop application; nil until the GUI exists, so that `dossier` with no
// arguments prints the help.
var startGUI func(args []string) error
