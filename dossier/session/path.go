package session

import (
	"fmt"
	"strconv"
	"strings"

	"dossier/dossier/programme"
)

// AppliedOn is the path of the application date, a top-level key of the data file.
const AppliedOn = programme.AppliedOnID

// ref is a parsed field path: a top-level field of the enterprise or the answers, and for a
// table cell the row and column.
type ref struct {
	enterprise bool   // under "enterprise."
	top        string // the top-level field id
	row        int    // -1 unless a table cell
	col        string // column id of a table cell, or sub-field id of an object field
}

// parsePath splits "enterprise.finance[2].rd_expense" into its parts.
func parsePath(path string) (ref, error) {
	r := ref{row: -1}
	rest, ok := strings.CutPrefix(path, "enterprise.")
	r.enterprise = ok
	top, col, hasCol := strings.Cut(rest, ".")
	if name, idx, ok := strings.Cut(top, "["); ok {
		n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		if err != nil || !strings.HasSuffix(idx, "]") || n < 0 || !hasCol || col == "" {
			return r, fmt.Errorf("%w: %q", ErrBadPath, path)
		}
		top, r.row, r.col = name, n, col
	} else if hasCol {
		if col == "" {
			return r, fmt.Errorf("%w: %q", ErrBadPath, path)
		}
		r.col = col // a sub-field of an object field: innovation_scores.ip
	}
	if top == "" || strings.ContainsAny(r.col, ".[]") {
		return r, fmt.Errorf("%w: %q", ErrBadPath, path)
	}
	r.top = top
	return r, nil
}

// topPath is the path of the top-level field: "enterprise.finance" for a finance cell.
func (r ref) topPath() string {
	if r.enterprise {
		return "enterprise." + r.top
	}
	return r.top
}

// Field returns the definition of the field at path (a table column for a cell), or nil when
// the path names none. applied_on is described as a date field.
func (s *Session) Field(path string) *programme.Field {
	f, _, err := s.field(path)
	if err != nil {
		return nil
	}
	return f
}

// field resolves a path to its definition and parsed form.
func (s *Session) field(path string) (*programme.Field, ref, error) {
	if path == AppliedOn {
		return programme.AppliedOnField(), ref{top: AppliedOn, row: -1}, nil
	}
	r, err := parsePath(path)
	if err != nil {
		return nil, r, err
	}
	f := s.prog.Field(r.topPath())
	if f == nil || (!r.enterprise && s.profileOnly) {
		return nil, r, fmt.Errorf("%w: %q", ErrUnknownField, path)
	}
	if r.row < 0 && r.col == "" {
		return f, r, nil
	}
	if (r.row >= 0) != (f.Type == programme.TypeTable) || (r.row < 0) != (f.Type == programme.TypeObject) {
		return nil, r, fmt.Errorf("%w: %q is not a table or an object", ErrBadPath, path)
	}
	for i := range f.Columns {
		if f.Columns[i].ID == r.col {
			return &f.Columns[i], r, nil
		}
	}
	return nil, r, fmt.Errorf("%w: %q", ErrUnknownField, path)
}

// object is the map holding the top-level field: the enterprise object or the answers.
func (s *Session) object(r ref) map[string]any {
	if r.enterprise {
		if s.file.Enterprise == nil {
			s.file.Enterprise = map[string]any{}
		}
		return s.file.Enterprise
	}
	if s.file.Answers == nil {
		s.file.Answers = map[string]any{}
	}
	return s.file.Answers
}

// rows returns the table's rows; a missing table is an empty one.
func (s *Session) rows(r ref) ([]any, error) {
	v, ok := s.object(r)[r.top]
	if !ok || v == nil {
		return nil, nil
	}
	rows, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNotTable, r.topPath())
	}
	return rows, nil
}

// subObject returns the map of an object field (innovation_scores), created when create is
// set and it is missing.
func (s *Session) subObject(r ref, create bool) (map[string]any, error) {
	parent := s.object(r)
	switch v := parent[r.top].(type) {
	case map[string]any:
		return v, nil
	case nil:
		if !create {
			return nil, nil
		}
		m := map[string]any{}
		parent[r.top] = m
		return m, nil
	}
	return nil, fmt.Errorf("%w: %q is not an object", ErrNotTable, r.topPath())
}

// rowObject returns the row object of a table cell's path.
func (s *Session) rowObject(r ref) (map[string]any, error) {
	rows, err := s.rows(r)
	if err != nil {
		return nil, err
	}
	if r.row >= len(rows) {
		return nil, fmt.Errorf("%w: %s[%d]", ErrRow, r.topPath(), r.row)
	}
	obj, ok := rows[r.row].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: %s[%d] is not an object", ErrRow, r.topPath(), r.row)
	}
	return obj, nil
}
