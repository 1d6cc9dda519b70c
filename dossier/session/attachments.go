package session

import (
	"errors"
	"slices"

	"dossier/dossier/programme"
)

// The attachments of a dossier (附件, CONTRACT.md), for the form's 附件 section: list them with
// their status, add files, remove or reorder them. The data file keeps the paths as given.

// ErrUnknownAttachment: the id names no attachment of the programme.
var ErrUnknownAttachment = errors.New("session: unknown attachment")

// Attachments lists the programme's attachments in binding order with the files given, each
// file's kind or problem, and whether a required one is missing.
func (s *Session) Attachments() []programme.AttachmentStatus {
	return s.Evaluate().Attachments()
}

func (s *Session) knownAttachment(id string) bool {
	for _, a := range s.prog.Attachments {
		if a.ID == id {
			return true
		}
	}
	return false
}

// AddAttachment appends files (paths, absolute or relative to the data file's folder) to the
// attachment id. Files that cannot be bound are kept and reported by Evaluate, so the user
// sees the problem next to the file.
func (s *Session) AddAttachment(id string, paths ...string) error {
	if !s.knownAttachment(id) {
		return ErrUnknownAttachment
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file.Attachments == nil {
		s.file.Attachments = map[string][]string{}
	}
	s.file.Attachments[id] = append(slices.Clone(s.file.Attachments[id]), paths...)
	s.changed()
	return nil
}

// RemoveAttachment removes the i-th file of attachment id and returns its path (for undo:
// InsertAttachment puts it back).
func (s *Session) RemoveAttachment(id string, i int) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	files := s.file.Attachments[id]
	if i < 0 || i >= len(files) {
		return "", ErrUnknownAttachment
	}
	path := files[i]
	files = slices.Delete(slices.Clone(files), i, i+1)
	if len(files) == 0 {
		delete(s.file.Attachments, id)
	} else {
		s.file.Attachments[id] = files
	}
	s.changed()
	return path, nil
}

// InsertAttachment puts a file at position i of attachment id (undo of RemoveAttachment,
// and reordering with MoveAttachment).
func (s *Session) InsertAttachment(id string, i int, path string) error {
	if !s.knownAttachment(id) {
		return ErrUnknownAttachment
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file.Attachments == nil {
		s.file.Attachments = map[string][]string{}
	}
	files := s.file.Attachments[id]
	i = max(0, min(i, len(files)))
	s.file.Attachments[id] = slices.Insert(slices.Clone(files), i, path)
	s.changed()
	return nil
}

// MoveAttachment moves the file at from to position to within attachment id.
func (s *Session) MoveAttachment(id string, from, to int) error {
	path, err := s.RemoveAttachment(id, from)
	if err != nil {
		return err
	}
	return s.InsertAttachment(id, to, path)
}

// SetDir says which folder relative attachment paths are resolved against (the folder of the
// data file the dossier was opened from, or the store's copy).
func (s *Session) SetDir(dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.file.Dir = dir
	s.changed()
}
