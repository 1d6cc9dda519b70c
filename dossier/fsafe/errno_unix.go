//go:build !windows

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
	case syscall.EISDIR:
		return "是文件夹，不是文件"
	case syscall.ENOTDIR:
		return "路径中有一级不是文件夹"
	case syscall.EBUSY:
		return "正被其他程序使用"
	case syscall.ENOSPC:
		return "磁盘空间已满"
	case syscall.EROFS:
		return "所在磁盘是只读的"
	case syscall.EDQUOT:
		return "磁盘配额已用完"
	case syscall.ENAMETOOLONG:
		return "文件名太长"
	case syscall.EIO:
		return "磁盘读写错误"
	case syscall.ENOTEMPTY:
		return "文件夹不为空"
	case syscall.EXDEV:
		return "不能跨磁盘移动"
	}
	return ""
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

func pidAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
