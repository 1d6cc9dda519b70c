//go:build !windows

package pack

import (
	"io/fs"
	"os"
	"syscall"
)

// openNoFollow opens path for reading without following a link there and without blocking
// on a FIFO swapped in since it was checked.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// sameFile reports whether what was opened is the file Lstat found (not a link or FIFO swapped in).
func sameFile(found, got fs.FileInfo) bool { return os.SameFile(found, got) }
