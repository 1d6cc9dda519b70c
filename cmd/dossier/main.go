// Command dossier is Dossier 申报材料助手: with no arguments it opens the desktop application;
// its subcommands (programmes, demo, check, build, verify, aggregate) do the same work headless,
// as docs/CONTRACT.md defines.
package main

import (
	"io/fs"
	"os"
	"time"

	"dossier/cmd/dossier/internal/fynelocale"
)

type fsys = fs.FS

func main() {
	// Fyne has read its locale (fynelocale keeps it from reading C.UTF-8); the commands see the
	// user's own. The desktop application sets the Chinese one again when it starts.
	fynelocale.Restore()
	handleSignals()
	if len(os.Args) > 1 {
		attachConsole()
		tuneGC()
	}
	a := &cli{now: time.Now, stdout: os.Stdout, stderr: os.Stderr, gui: startGUI}
	os.Exit(run(a, os.Args[1:]))
}
