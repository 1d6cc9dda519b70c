package main

import (
	"os"
	"os/signal"
	"syscall"

	"dossier/dossier/fsafe"
	"dossier/dossier/pack"
)

// handleSignals makes Ctrl-C, SIGTERM and SIGHUP leave nothing behind (CONTRACT.md): the
// package write in progress is stopped (an earlier package being swapped is never left moved
// aside), the temporary files and folders of this process are removed, and the process exits
// 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP), as a shell
// reports a process killed by it. The GUI dies of these signals as it did before, only without
// leftovers.
func handleSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-ch
		pack.Interrupt()
		fsafe.RemoveTracked()
		code := 130
		if n, ok := s.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		os.Exit(code)
	}()
}
