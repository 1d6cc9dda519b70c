//go:build windows

package pack

import "os"

// openNoFollow opens path for reading. Windows has no O_NOFOLLOW: openRegular compares what
// was opened with what Lstat saw, so a link swapped in is still refused.
func openNoFollow(path string) (*os.File, error) {
	return os.Open(path)
}
