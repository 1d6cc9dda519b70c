package session

import (
	"fmt"

	"dossier/dossier/programme"
)

// table resolves a table field's path ("enterprise.finance").
func (s *Session) table(path string) (ref, error) {
	f, r, err := s.field(path)
	if err != nil {
		return r, err
	}
	if r.row >= 0 || f.Type != programme.TypeTable {
		return r, fmt.Errorf("%w: %q is not a table", ErrBadPath, path)
	}
	return r, nil
}

// Rows returns the number of rows of the table at path (0 when missing or malformed).
func (s *Session) Rows(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.table(path)
	if err != nil {
		return 0
	}
	rows, _ := s.rows(r)
	return len(rows)
}

// AddRow appends an empty row to the table at path and returns its index.
func (s *Session) AddRow(path string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.table(path)
	if err != nil {
		return -1, err
	}
	rows, err := s.rows(r)
	if err != nil {
		return -1, err
	}
	s.object(r)[r.top] = append(rows, map[string]any{})
	s.changed()
	return len(rows), nil
}

// RemoveRow deletes row i of the table at path. In a numbered table (IP01…) the references to
// later rows follow their rows and references to the deleted row are dropped.
func (s *Session) RemoveRow(path string, i int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, rows, err := s.tableRows(path, i)
	if err != nil {
		return err
	}
	s.object(r)[r.top] = append(rows[:i:i], rows[i+1:]...)
	moved := make([]int, len(rows))
	for k := range moved {
		switch {
		case k < i:
			moved[k] = k
		case k == i:
			moved[k] = -1
		default:
			moved[k] = k - 1
		}
	}
	s.followRefs(r, moved)
	s.changed()
	return nil
}

// MoveRow moves row from of the table at path to position to (both 0-based); the rows between
// shift by one. In a numbered table the references to its rows (an RD's "IP02") follow them.
func (s *Session) MoveRow(path string, from, to int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, rows, err := s.tableRows(path, from)
	if err != nil {
		return err
	}
	if to < 0 || to >= len(rows) {
		return fmt.Errorf("%w: %s[%d]", ErrRow, path, to)
	}
	if from == to {
		return nil
	}
	row := rows[from]
	out := make([]any, 0, len(rows))
	out = append(out, rows[:from]...)
	out = append(out, rows[from+1:]...)
	out = append(out[:to], append([]any{row}, out[to:]...)...)
	s.object(r)[r.top] = out
	s.followRefs(r, movedIndexes(len(rows), from, to))
	s.changed()
	return nil
}

// movedIndexes maps each old row index to its new one after row from moved to to.
func movedIndexes(n, from, to int) []int {
	moved := make([]int, n)
	for k := range moved {
		switch {
		case k == from:
			moved[k] = to
		case from < to && k > from && k <= to:
			moved[k] = k - 1
		case to < from && k >= to && k < from:
			moved[k] = k + 1
		default:
			moved[k] = k
		}
	}
	return moved
}

func (s *Session) tableRows(path string, i int) (ref, []any, error) {
	r, err := s.table(path)
	if err != nil {
		return r, nil, err
	}
	rows, err := s.rows(r)
	if err != nil {
		return r, nil, err
	}
	if i < 0 || i >= len(rows) {
		return r, nil, fmt.Errorf("%w: %s[%d]", ErrRow, path, i)
	}
	return r, rows, nil
}
