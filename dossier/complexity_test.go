package dossier

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxComplexity is the highest cyclomatic complexity a function of the module may have
// (HELPER.md: functions under a complexity of ~15).
const maxComplexity = 15

// complexityAllowed are the functions over maxComplexity that are being reduced, each with
// the complexity it has today as its ceiling: it may fall, never rise. Key: the package's
// folder from the module root, a dot, the function as gocyclo names it.
var complexityAllowed = map[string]int{
	"dossier.(*fastReader).escaped": 18, // being reduced
}

// TestComplexity keeps every function of the module's non-test code at a cyclomatic
// complexity of at most maxComplexity, counted as gocyclo v0.6.0 counts it (go run
// github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0 -over 15 . lists the same functions): one,
// plus one for every if, for, range, case and select case that is not the default, && and
// ||, function literals counted in the function that holds them; folders named testdata or
// vendor or starting with . or _ are skipped.
func TestComplexity(t *testing.T) {
	root := moduleRoot(t)
	over := map[string]int{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (n == "testdata" || n == "vendor" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		funcs, err := fileComplexity(path)
		for name, c := range funcs {
			if c > maxComplexity {
				over[filepath.ToSlash(rel)+"."+name] = c
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for name, c := range over {
		if ceiling, ok := complexityAllowed[name]; !ok || c > ceiling {
			bad = append(bad, fmt.Sprintf("%s: %d", name, c))
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("cyclomatic complexity over %d (split it into named helpers): %s", maxComplexity, b)
	}
	for name := range complexityAllowed {
		if _, ok := over[name]; !ok {
			t.Logf("%s is no longer over %d: take it off complexityAllowed", name, maxComplexity)
		}
	}
}

// fileComplexity is the complexity of every function of a Go file: declared functions and
// methods ("f", "(T).m", "(*T).m") and function literals assigned to package variables.
func fileComplexity(path string) (map[string]int, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			out[funcName(d)] = complexity(d)
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, v := range vs.Values {
						if lit, ok := v.(*ast.FuncLit); ok {
							out[vs.Names[0].Name] = complexity(lit)
						}
					}
				}
			}
		}
	}
	return out, nil
}

// complexity counts as gocyclo does: one, plus one per decision point.
func complexity(fn ast.Node) int {
	c := 1
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

// funcName names a function as gocyclo does: "f", or "(T).m" and "(*T).m" for methods.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	return "(" + recvName(fn.Recv.List[0].Type) + ")." + fn.Name.Name
}

func recvName(x ast.Expr) string {
	switch t := x.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return "*" + recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	}
	return "BADRECV"
}

// moduleRoot is the folder of the module's go.mod, above this package's.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
