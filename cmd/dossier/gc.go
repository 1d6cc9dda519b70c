package main

import (
	"os"
	"runtime/debug"
)

// Garbage collection for the command line. A command is a short process whose heap is a few
// megabytes (one template, one data file): with Go's default (GOGC=100) it collects several
// times while the template compiles, about a third of a cold `dossier check`. Collecting when
// the heap has grown fivefold instead costs a little memory and halves that; the aggregate of
// 10,000 files streams them and stays well under 300 MB. A soft limit keeps a large build from
// growing fivefold past it. GOGC and GOMEMLIMIT, when set, win.
const (
	cliGCPercent   = 400
	cliMemoryLimit = 768 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(cliGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cliMemoryLimit)
	}
}
