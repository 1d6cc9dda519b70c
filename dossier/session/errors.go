package session

import "errors"

// Sentinel errors; the errors returned wrap them with the path.
var (
	// ErrUnknownField: the path names no field of the programme or the enterprise profile.
	ErrUnknownField = errors.New("session: unknown field")
	// ErrBadPath: the path is malformed (an index on a non-table, a table without a row…).
	ErrBadPath = errors.New("session: malformed field path")
	// ErrRow: the row index is out of range, or the row is not an object.
	ErrRow = errors.New("session: no such row")
	// ErrNotTable: the table's value in the file is not a list of rows (a hand-edited file).
	ErrNotTable = errors.New("session: value is not a table")
)
