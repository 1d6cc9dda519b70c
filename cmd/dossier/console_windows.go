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
//
// What the parent redirected (`> d.json`, `2> err.txt`, `| findstr`) stays where it was sent:
// only a stream without a usable handle is pointed at the console. The console is opened for
// reading and writing, so that Go recognises it as a console (GetConsoleMode needs read access)
// and writes UTF-16 with WriteConsoleW: Chinese then reads right whatever the console's code
// page (936 on a Chinese Windows), where UTF-8 bytes would be mojibake.
func attachConsole() {
	outKept := redirected(syscall.STD_OUTPUT_HANDLE)
	errKept := redirected(syscall.STD_ERROR_HANDLE)
	if outKept && errKept {
		return
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer, or already has a console
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	if !outKept {
		os.Stdout = con
	}
	if !errKept {
		os.Stderr = con
	}
}

// redirected reports whether the standard stream std has a handle the parent gave: a file, a
// pipe or a character device (NUL, a console). A GUI program started without redirection has
// none.
func redirected(std int) bool {
	h, err := syscall.GetStdHandle(std)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
