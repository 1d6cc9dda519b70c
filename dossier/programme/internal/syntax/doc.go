// Package syntax is a programme template as written: the YAML read strictly (UTF-8, size,
// nesting and alias limits, every unknown key, wrong shape and out-of-set value reported in
// Chinese at its file:line), a child template merged over the parent it extends, and the
// tree decoded into Template, whose scalars are Str values that remember their position.
//
// Only the programme package's loader and compiler read this tree; everything else uses the
// compiled model (package programme), as go/types is used rather than go/ast.
//
// source.go reads a file's bytes into a YAML tree; tree.go and extends.go merge a child over
// its parent (found through a Finder), by id, so that every value keeps its file and line;
// yamlpos.go checks and decodes the merged tree into template.go's types; syntaxhints.go names
// likely misspellings and the usual culprits of a file the parser refuses; errors.go holds
// ParseError and ErrorList, which collect every problem of one run.
package syntax
