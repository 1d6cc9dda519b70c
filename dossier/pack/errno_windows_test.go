//go:build windows

package pack_test

import "syscall"

var (
	errNoSpace = syscall.Errno(112) // ERROR_DISK_FULL
	errBusy    = syscall.Errno(32)  // ERROR_SHARING_VIOLATION
)
