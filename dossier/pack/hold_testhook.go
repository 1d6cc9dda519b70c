//go:build testhook

package pack

import (
	"os"
	"time"
)

// Built with -tags testhook (tests of the command line only, never a release): when
// DOSSIER_TEST_HOLD names a file, a build writes the temporary folder's path there once the
// package is complete in it, then waits, so that a test can interrupt it mid-build.
func init() {
	hold := os.Getenv("DOSSIER_TEST_HOLD")
	if hold == "" {
		return
	}
	beforeCommit = func(tmp string) error {
		if err := os.WriteFile(hold, []byte(tmp), 0o644); err != nil {
			return err
		}
		for {
			time.Sleep(time.Hour)
		}
	}
}
