// Package programme loads the programme templates (templates/*.yaml, templates/README.md) and
// judges a data file against one: its fields, checks, eligibility rules, deadlines and the
// documents of its package.
//
// Loading goes source.go (the file's bytes: UTF-8, size, nesting and alias limits, the YAML
// tree) → tree.go and extends.go (a child template merged over its parent's tree, by id, so
// every value keeps its file and line) → yamlpos.go (every unknown key, wrong shape and
// out-of-set value reported in Chinese at its place, then decoding into model.go's Template)
// → load.go, years.go, compile.go and outputs.go (checks the decoder cannot make, the form's
// years fixed from the application year, every expression compiled). set.go gathers the
// shipped and the user's templates into a Set. Every problem is a ParseError at file:line:col
// (errors.go); one run reports them all.
//
// Evaluation (evaluate.go, exprenv.go, record.go, fieldcheck.go) and the documents
// (documents.go, text.go) read the compiled Programme, which is immutable and safe to share.
package programme
