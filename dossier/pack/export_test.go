package pack

import "os"

// SetBeforeCommit, SetRemoveAll and SetOpenFile replace a test hook until the returned
// function restores it.
func SetBeforeCommit(f func(tmp string) error) func() {
	old := beforeCommit
	beforeCommit = f
	return func() { beforeCommit = old }
}

func SetRemoveAll(f func(string) error) func() {
	old := removeAll
	removeAll = f
	return func() { removeAll = old }
}

func SetOpenFile(f func(string) (*os.File, error)) func() {
	old := openFile
	openFile = f
	return func() { openFile = old }
}
