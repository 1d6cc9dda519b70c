package programme

import "dossier/dossier/programme/internal/syntax"

// The syntax tree's positions and problems are part of the package's API: a ParseError names
// file:line:col in a template.
type (
	// Pos is a line and column in a template file (1-based).
	Pos = syntax.Pos
	// Str is a template scalar with its position.
	Str = syntax.Str
	// ParseError is one problem of a template, at its place.
	ParseError = syntax.ParseError
	// ErrorList is every problem found in one run.
	ErrorList = syntax.ErrorList
)
