package syntax

import (
	"fmt"
	"sort"
	"strings"
)

// ParseError is one problem in a template, at a place in its file.
type ParseError struct {
	File string
	Line int
	Col  int
	Msg  string
	// soft marks a problem after which decoding can go on (a value outside its key's allowed
	// set), so that the later stages' problems are listed in the same run.
	soft bool
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList gathers every problem found in one or more templates, so that a single run reports
// them all (go/scanner.ErrorList is the model).
type ErrorList []*ParseError

// Add appends a problem at pos, in file (or in the parent template pos names).
func (l *ErrorList) Add(file string, pos Pos, format string, args ...any) {
	if pos.File != "" {
		file = pos.File
	}
	*l = append(*l, &ParseError{File: file, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the problems by file and position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
