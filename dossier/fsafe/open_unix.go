//go:build unix

package fsafe

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile is os.Open of a file fsafe has found to be regular, without what os.Open does for a
// file it might poll: on Linux it makes the descriptor non-blocking, offers it to the network
// poller, which refuses a regular file, and makes it blocking again (four fcntl calls and a
// failed epoll_ctl: half the system calls of reading a data file for the aggregate). A
// descriptor handed to os.NewFile is only asked whether it is non-blocking.
func openFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
