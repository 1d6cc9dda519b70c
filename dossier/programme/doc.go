// Package programme loads the programme templates (templates/*.yaml, templates/README.md) and
// judges a data file against one: its fields, checks, eligibility rules, deadlines and the
// documents of its package.
//
// # Syntax, compilation, model
//
// The package keeps a template's syntax apart from what it means, as go/ast is kept apart
// from go/types. The syntax tree (package internal/syntax: Template and its node types, whose
// scalars are Str with a file:line) is what the YAML says, and only the loader and the
// compiler read it. Compilation turns it into the model everything else uses: Programme,
// Section, Field, Option, Computed, Check, Rule, Deadline, Output, Print, Sheet, Column and
// Attachment (form.go, rulemodel.go, outputmodel.go, attachments.go). The model has plain
// strings and typed enums (FieldType, OutputKind, Binding, Sides, Style), parsed dates and
// decimals, and each object owns its compiled expressions (a program carries its place and
// what it reads, exprrun.go) and texts (text.go): nothing is found by pointer identity, and a
// copied value works like the original. A compiled Programme is immutable and safe to share.
//
// Loading goes syntax (the file's bytes read strictly, a child merged over the parent it
// extends, every unknown key, wrong shape and out-of-set value reported in Chinese at its
// place, then decoded into the syntax tree) → load.go, years.go, compile.go, outputs.go and
// derive.go (checks the decoder cannot make, the form's years fixed from the application
// year, every expression compiled into the model). set.go gathers the shipped and the user's
// templates into a Set and finds the parents a template extends. Every problem is a
// ParseError at file:line:col; one run reports them all.
//
// Evaluation (evaluate.go, exprenv.go, record.go, fieldcheck.go; Field.Parse in input.go is
// the one parser of typed answers) and the documents (documents.go, text.go) read only the
// model.
package programme
