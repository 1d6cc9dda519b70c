package store

import (
	"errors"
	"fmt"

	"dossier/dossier/records"
)

// Sentinel errors of the SQLite file itself, beside the records.Err* sentinels every
// records.Store returns. Test for them with errors.Is; the errors the store returns wrap
// them with context.
var (
	// ErrNewerStore means the data file was written by a newer build of
	// Dossier, whose schema this build does not know. Open returns a
	// *NewerStoreError, which matches it; the file is left untouched.
	ErrNewerStore = errors.New("store: data file is from a newer version of dossier")

	// ErrNotAStore means the file is not an SQLite database, or is an SQLite
	// database that belongs to another application (no Dossier application_id).
	ErrNotAStore = errors.New("store: not a dossier data file")

	// ErrCorrupt means the file is a Dossier store but SQLite reports it as
	// damaged (quick_check fails or pages are unreadable).
	ErrCorrupt = errors.New("store: data file is corrupt")
)

// NewerStoreError is returned by Open and OpenOrRecover when the file's
// schema version is newer than this build knows. Its message is meant for the
// user as is. It matches ErrNewerStore under errors.Is.
type NewerStoreError struct {
	Path    string // the data file, left untouched
	Version int    // the file's schema version (PRAGMA user_version)
	Known   int    // the newest schema version this build knows
}

// Error returns the user-facing (Chinese) message.
func (e *NewerStoreError) Error() string {
	return fmt.Sprintf("数据文件来自更新版本的 Dossier（版本 %d），请升级后再打开", e.Version)
}

// Is reports whether target is ErrNewerStore.
func (e *NewerStoreError) Is(target error) bool { return target == ErrNewerStore }

// Recovered is the notice OpenOrRecover returns when it had to move a damaged
// or foreign data file aside and start a fresh store.
type Recovered struct {
	Path  string // the data file, now a fresh, empty store
	Aside string // where the old file went (its -wal/-shm/-journal, if any, sit beside it with the same suffixes)
	Cause error  // why the old file could not be opened (matches ErrNotAStore or ErrCorrupt)
}

// Message returns the notice for the user, in Chinese.
func (r *Recovered) Message() string {
	return fmt.Sprintf("原数据文件无法打开（已损坏或不是 records.Dossier 数据文件），已原样移至 %s 保存，并新建了空白数据文件。如需找回其中内容，请保留该文件并联系技术支持。", r.Aside)
}

// UserMessage turns an error from this package into a short Chinese message
// fit for a dialog. Unexpected errors become a generic "内部错误"; log the
// error itself for the details.
func UserMessage(err error) string {
	var newer *NewerStoreError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &newer):
		return newer.Error()
	case errors.Is(err, records.ErrNotFound):
		return "找不到该记录，它可能已被永久删除。"
	case errors.Is(err, records.ErrInTrash):
		return "该记录或其所属企业在回收站中，请先恢复。"
	case errors.Is(err, ErrNotAStore), errors.Is(err, ErrCorrupt):
		return "数据文件已损坏或不是 records.Dossier 数据文件。"
	case errors.Is(err, records.ErrInvalid):
		return "数据格式不正确，未能保存。"
	default:
		return "内部错误，请重试；如果问题持续，请联系技术支持。"
	}
}
