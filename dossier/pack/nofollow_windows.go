//go:build windows

package pack

import (
	"io/fs"
	"os"
)

// openNoFollow opens path for reading. Windows has no O_NOFOLLOW; openRegular checks that what
// was opened is a regular file.
func openNoFollow(path string) (*os.File, error) {
	return os.Open(path)
}

// sameFile on Windows trusts the type check alone: a FileInfo that came from reading a folder
// does not carry the file id os.SameFile compares (under Wine it never matches), and Windows
// has no FIFOs to swap in.
func sameFile(_, got fs.FileInfo) bool { return got.Mode().IsRegular() }
