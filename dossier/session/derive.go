package session

import (
	"fmt"

	"dossier/dossier/programme"
)

// Fill is a field the session filled in because what it follows from changed (the field's
// derive: in the template, such as an IP's 类别 from its 类型).
type Fill struct {
	Path string // ip[0].class
	Was  string // what it held before ("" when empty): 撤销 puts it back
	Now  string // what was filled in (an option's value)
	From string // the labels of the fields it follows from: 类型
}

// Edit stores what the user typed at path, like Set, and fills in the fields that follow from
// it: a derived field (a column of the same row, for a table cell; a top-level answer or an
// object's part, for anything else) that is empty or still holds the value derived before the
// change takes the newly derived one. A value the user chose that differs is kept (the
// template's check still says it does not match). It returns what it filled in.
func (s *Session) Edit(path, input string) ([]Fill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edit(path, func() error { return s.set(path, input) })
}

// EditList is SetList that fills in what follows from the field, as Edit does.
func (s *Session) EditList(path string, items []string) ([]Fill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edit(path, func() error { return s.setList(path, items) })
}

func (s *Session) edit(path string, change func() error) ([]Fill, error) {
	targets := s.derivedFrom(path)
	before := make([]string, len(targets))
	if len(targets) > 0 {
		ev := s.evaluate()
		for i, t := range targets {
			before[i], _, _ = s.prog.Derive(ev, t)
		}
	}
	if err := change(); err != nil || len(targets) == 0 {
		return nil, err
	}
	ev := s.evaluate()
	var fills []Fill
	for i, t := range targets {
		now, from, ok := s.prog.Derive(ev, t)
		f, cur := s.raw(t)
		was := display(cur)
		if !ok || f == nil || now == was || (was != "" && was != before[i]) {
			continue
		}
		if err := s.fill(f, t, now); err != nil {
			return fills, err
		}
		fills = append(fills, Fill{Path: t, Was: was, Now: now, From: from})
	}
	return fills, nil
}

// fill stores a derived value at path.
func (s *Session) fill(f *programme.Field, path, text string) error {
	_, r, err := s.field(path)
	if err != nil {
		return err
	}
	v, remove := value(f, text)
	return s.put(r, v, remove)
}

// derivedFrom lists the derived fields that may follow from path, path itself left out.
func (s *Session) derivedFrom(path string) []string {
	r, err := parsePath(path)
	if err != nil || s.profileOnly {
		return nil
	}
	if r.row >= 0 {
		if r.enterprise {
			return nil
		}
		return s.derivedInRow(r)
	}
	var out []string
	for _, sec := range s.prog.Sections {
		for _, f := range sec.Fields {
			out = append(out, derivedOf(&f, path)...)
		}
	}
	return out
}

// derivedInRow lists the derived cells of the row r points into, r's own cell left out.
func (s *Session) derivedInRow(r ref) []string {
	var out []string
	if f := s.prog.Field(r.top); f != nil {
		for _, c := range f.Columns {
			if c.Derived && c.ID != r.col {
				out = append(out, fmt.Sprintf("%s[%d].%s", r.top, r.row, c.ID))
			}
		}
	}
	return out
}

// derivedOf lists the derived paths of a top-level field (itself, or an object's parts),
// path left out.
func derivedOf(f *programme.Field, path string) []string {
	var out []string
	if f.Derived && f.ID != path {
		out = append(out, f.ID)
	}
	if f.Type != programme.TypeObject {
		return out
	}
	for _, c := range f.Columns {
		if p := f.ID + "." + c.ID; c.Derived && p != path {
			out = append(out, p)
		}
	}
	return out
}

// fillPasted fills in the derived cells that pasted rows from..len left empty (rows copied
// from a spreadsheet often lack them), as typing would have.
func (s *Session) fillPasted(f *programme.Field, from, n int) {
	var cols []*programme.Field
	for i := range f.Columns {
		if f.Columns[i].Derived {
			cols = append(cols, &f.Columns[i])
		}
	}
	if len(cols) == 0 || n <= from {
		return
	}
	ev := s.evaluate()
	for i := from; i < n; i++ {
		for _, c := range cols {
			path := fmt.Sprintf("%s[%d].%s", f.ID, i, c.ID)
			if _, cur := s.raw(path); display(cur) != "" {
				continue
			}
			if now, _, ok := s.prog.Derive(ev, path); ok {
				_ = s.fill(c, path, now) // the row was just made: it can be written
			}
		}
	}
}
