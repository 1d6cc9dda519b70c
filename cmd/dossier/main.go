// Command dossier is Dossier 申报材料助手: with no arguments it opens the desktop application;
// its subcommands (programmes, demo, check, build, verify, aggregate) do the same work headless,
// as CONTRACT.md defines.
package main

import (
	"io/fs"
	"os"
	"time"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

type fsys = fs.FS

func main() {
	handleSignals()
	if len(os.Args) > 1 {
		attachConsole()
		tuneGC()
	}
	a := &cli{now: time.Now, stdout: os.Stdout, stderr: os.Stderr, gui: startGUI}
	os.Exit(run(a, os.Args[1:]))
}
