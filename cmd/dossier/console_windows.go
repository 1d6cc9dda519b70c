//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole connects the output to the console the program was started from. The Windows
// build is a GUI program (-H=windowsgui: no console window flashes up when it is
// double-clicked), and such a program has no console of its own; run from cmd.exe or
// PowerShell with a subcommand, it attaches to the parent's console so that check, build and
// verify are heard.
func attachConsole() {
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer, or already has a console
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
}
