//go:build windows

package fsafe

import (
	"errors"
	"os"
	"syscall"
)

func describeErrno(err error) string {
	var e syscall.Errno
	if !errors.As(err, &e) {
		return ""
	}
	switch e {
	case 32, 33: // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
		return "正被其他程序使用（请先关闭打开它的程序，如 WPS、Acrobat）"
	case 112: // ERROR_DISK_FULL
		return "磁盘空间已满"
	case 19: // ERROR_WRITE_PROTECT
		return "所在磁盘是只读的"
	case 206: // ERROR_FILENAME_EXCED_RANGE
		return "文件名太长"
	case 145: // ERROR_DIR_NOT_EMPTY
		return "文件夹不为空"
	}
	return ""
}

func syncDir(string) error { return nil }

func pidAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release() // FindProcess opens a handle on Windows: it fails for a process that is gone
	return true
}
