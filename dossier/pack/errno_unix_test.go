//go:build !windows

package pack_test

import "syscall"

var (
	errNoSpace = syscall.ENOSPC
	errBusy    = syscall.EBUSY
)
