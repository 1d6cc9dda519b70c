package pack

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"dossier/dossier/fsafe"
)

// Build and Verify errors, for errors.Is. Their texts are for logs; what a user reads is the
// Error text of the *Error that carries them.
var (
	// ErrExists: the target folder holds an earlier package of ours and Force was not given.
	ErrExists = errors.New("pack: package exists")
	// ErrTarget: the target cannot be used as given (a file, a link, or a folder holding
	// anything but an earlier package of ours). Nothing was touched.
	ErrTarget = errors.New("pack: output folder unusable")
	// ErrIO: the package could not be written (disk full, read-only disk, no permission).
	ErrIO = errors.New("pack: write failed")
	// ErrInvalid: the data has problems (and Draft was not given).
	ErrInvalid = errors.New("pack: invalid data")
	// ErrNotEligible: the enterprise does not meet the rules (and Draft was not given).
	ErrNotEligible = errors.New("pack: not eligible")
	// ErrNotPackage: the folder has no manifest.json, or one that is not a package manifest.
	ErrNotPackage = errors.New("pack: not a package")
	// ErrAttachment: an attachment file cannot be bound (a PDF that does not parse, a broken
	// image): the data's fault, like ErrInvalid.
	ErrAttachment = errors.New("pack: attachment unreadable")
	// ErrUnreadable: the manifest exists but could not be read (permission, disk error).
	ErrUnreadable = errors.New("pack: manifest unreadable")
)

// Error is an error of this package: Error() is the Chinese message for the user, errors.Is
// matches its kind (one of the sentinels above), and Unwrap gives the operating-system error.
type Error struct {
	Kind error
	Msg  string
	Err  error
}

func (e *Error) Error() string        { return e.Msg }
func (e *Error) Is(target error) bool { return target == e.Kind }
func (e *Error) Unwrap() error        { return e.Err }

func newError(kind, err error, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Err: err}
}

// ioError is a failed write, in Chinese: what could not be done, where, and why.
func ioError(what, path string, err error) error {
	var pe *Error
	if errors.As(err, &pe) {
		return err
	}
	return newError(ErrIO, err, "无法%s %s：%s", what, path, fsafe.Describe(err))
}

// listing is a sorted list for a message, at most max lines, indented.
func listing(items []string, max int) string {
	sort.Strings(items)
	extra := 0
	if len(items) > max {
		extra = len(items) - max
		items = items[:max]
	}
	s := "  " + strings.Join(items, "\n  ")
	if extra > 0 {
		s += fmt.Sprintf("\n  ……另有 %d 项", extra)
	}
	return s
}
