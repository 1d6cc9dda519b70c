//go:build !windows

package pack

import (
	"os"
	"syscall"
)

// openNoFollow opens path for reading without following a link there and without blocking
// on a FIFO swapped in since it was checked.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
