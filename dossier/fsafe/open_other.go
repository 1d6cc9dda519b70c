//go:build !unix

package fsafe

import "os"

// openFile is os.Open (open_unix.go says why unix systems open files otherwise).
func openFile(name string) (*os.File, error) { return os.Open(name) }
