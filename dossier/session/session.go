package session

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// Session is one dossier being edited. Its methods are safe for concurrent use, so the autosave
// goroutine may take a Snapshot while the UI goroutine types; the Evaluation returned by
// Evaluate must be treated as read-only.
type Session struct {
	mu          sync.Mutex
	prog        *programme.Programme
	file        *dossier.File
	now         func() time.Time
	ev          *programme.Evaluation // nil when stale
	changes     uint64                // bumped by every change
	saved       uint64                // changes as of the last MarkSaved
	profileOnly bool                  // only enterprise.* paths exist
}

// New starts a session on f for programme p. A nil f starts an empty dossier; f.Programme is
// set to p's id and missing objects are created.
func New(p *programme.Programme, f *dossier.File) *Session {
	if f == nil {
		f = &dossier.File{Format: dossier.FormatVersion}
	}
	if f.Enterprise == nil {
		f.Enterprise = map[string]any{}
	}
	if f.Answers == nil {
		f.Answers = map[string]any{}
	}
	f.Programme = p.ID
	return &Session{prog: p, file: f, now: time.Now}
}

// NewProfile starts a session on an enterprise profile alone (the "enterprise" object of a
// data file), for the enterprise screen: only enterprise.* paths exist, and only the
// profile's own checks run.
func NewProfile(enterprise map[string]any) (*Session, error) {
	p, err := programme.ProfileOnly()
	if err != nil {
		return nil, fmt.Errorf("session: profile programme: %w", err)
	}
	s := New(p, &dossier.File{Format: dossier.FormatVersion, Enterprise: enterprise})
	s.profileOnly = true
	return s, nil
}

// SetClock replaces the clock that stands in for a missing applied_on (tests).
func (s *Session) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now, s.ev = now, nil
}

// Programme is the programme the dossier is for.
func (s *Session) Programme() *programme.Programme { return s.prog }

// changed records a change: the evaluation is stale and the dossier is dirty.
func (s *Session) changed() {
	s.ev = nil
	s.changes++
}

// Set stores what the user typed at path. Numbers, dates and options are kept as typed
// (Evaluate parses "1,500.00" and full-width digits and reports what it cannot read); bool
// takes 是/否/true/false; multi takes items separated by 、，, ; or new lines; "" removes the
// value, so that a required field reads as 未填写.
//
// Fields that follow from path (a derive: in the template) are filled in as Edit says.
func (s *Session) Set(path, input string) error {
	_, err := s.Edit(path, input)
	return err
}

func (s *Session) set(path, input string) error {
	f, r, err := s.field(path)
	if err != nil {
		return err
	}
	if f.Type == programme.TypeTable || f.Type == programme.TypeObject {
		return fmt.Errorf("%w: %q is a table or object; set its cells", ErrBadPath, path)
	}
	v, remove := value(f, input)
	return s.put(r, v, remove)
}

// SetList stores the chosen items of a multi field (nil or empty removes the value).
func (s *Session) SetList(path string, items []string) error {
	_, err := s.EditList(path, items)
	return err
}

func (s *Session) setList(path string, items []string) error {
	f, r, err := s.field(path)
	if err != nil {
		return err
	}
	if f.Type != programme.TypeMulti {
		return fmt.Errorf("%w: %q is not a multiple choice", ErrBadPath, path)
	}
	list := make([]any, 0, len(items))
	for _, it := range items {
		list = append(list, it)
	}
	return s.put(r, list, len(list) == 0)
}

// put stores v (or removes the value) at r and records the change.
func (s *Session) put(r ref, v any, remove bool) error {
	var obj map[string]any
	key := r.top
	switch {
	case r.top == AppliedOn && !r.enterprise:
		str, _ := v.(string)
		if str == s.file.AppliedOn {
			return nil
		}
		s.file.AppliedOn = str
		s.changed()
		return nil
	case r.row >= 0:
		o, err := s.rowObject(r)
		if err != nil {
			return err
		}
		obj, key = o, r.col
	case r.col != "":
		o, err := s.subObject(r, !remove)
		if err != nil {
			return err
		}
		if o == nil {
			return nil // removing from a missing object
		}
		obj, key = o, r.col
	default:
		obj = s.object(r)
	}
	if remove {
		if _, ok := obj[key]; !ok {
			return nil
		}
		delete(obj, key)
	} else {
		obj[key] = v
	}
	s.changed()
	return nil
}

// value converts typed text to what the data file holds for a field of f's type; remove is
// true for empty input. Text is kept as typed, so that an entry shows back exactly what the
// user wrote and Evaluate (programme.Field.Parse, the one parser) reports what it cannot read;
// only yes/no answers and lists are stored typed, through the same parser.
func value(f *programme.Field, input string) (v any, remove bool) {
	switch f.Type {
	case programme.TypeText, programme.TypeTextarea:
		return input, input == ""
	case programme.TypeBool:
		if strings.TrimSpace(input) == "" {
			return nil, true
		}
		if b, ok := programme.ParseBool(input); ok {
			return b, false
		}
	case programme.TypeMulti:
		items := programme.SplitList(input)
		list := make([]any, 0, len(items))
		for _, it := range items {
			list = append(list, it)
		}
		return list, len(list) == 0
	}
	t := strings.TrimSpace(input)
	return t, t == ""
}

// raw returns the stored value at path (nil when missing).
func (s *Session) raw(path string) (*programme.Field, any) {
	f, r, err := s.field(path)
	if err != nil {
		return nil, nil
	}
	if path == AppliedOn {
		return f, s.file.AppliedOn
	}
	if r.row >= 0 {
		obj, err := s.rowObject(r)
		if err != nil {
			return f, nil
		}
		return f, obj[r.col]
	}
	if r.col != "" {
		obj, err := s.subObject(r, false)
		if err != nil || obj == nil {
			return f, nil
		}
		return f, obj[r.col]
	}
	return f, s.object(r)[r.top]
}

// Get returns the value at path as text to show in an entry: what was typed, numbers as
// written in the file, bool as 是/否, lists joined with 、; "" when missing or for a table.
func (s *Session) Get(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, v := s.raw(path)
	return display(v)
}

func display(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case []any:
		var parts []string
		for _, it := range x {
			if str, ok := it.(string); ok {
				parts = append(parts, str)
			}
		}
		return strings.Join(parts, "、")
	case nil:
		return ""
	}
	return ""
}

// Bool returns a bool field's value; set is false when it has none (or is not a bool).
func (s *Session) Bool(path string) (v, set bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, raw := s.raw(path)
	return programme.ParseBool(raw)
}

// List returns the items of a multi field.
func (s *Session) List(path string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, raw := s.raw(path)
	list, _ := raw.([]any)
	var out []string
	for _, it := range list {
		if str, ok := it.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// Changes counts the changes made since the session started; autosave compares it with the
// count it last saved.
func (s *Session) Changes() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changes
}

// Dirty reports whether there are changes since the last MarkSaved.
func (s *Session) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changes != s.saved
}

// MarkSaved records that the state as of change count n (from Snapshot) is saved.
func (s *Session) MarkSaved(n uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > s.saved {
		s.saved = n
	}
}

// Snapshot returns the data file as it stands (values as typed) and the change count it
// reflects, for saving.
func (s *Session) Snapshot() ([]byte, uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.Marshal(s.file)
	if err != nil {
		return nil, s.changes, fmt.Errorf("session: snapshot: %w", err)
	}
	return b, s.changes, nil
}
