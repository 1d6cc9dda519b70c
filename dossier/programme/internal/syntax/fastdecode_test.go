package syntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"dossier/templates"
)

// profileShape mirrors programme.profileFile (profile.yaml's shape); the test fails when
// profile.yaml has a key it lacks. Columns and Lines are the shared columns and lines that
// the template-sharing work adds to profile.yaml (absent keys decode to nothing).
type profileShape struct {
	Sections []Section `yaml:"sections"`
	Checks   []Check   `yaml:"checks"`
	Shared   []Field   `yaml:"shared"`
	Columns  []Column  `yaml:"columns"`
	Lines    []Line    `yaml:"lines"`
}

// decodeCase is one tree to decode both ways; fast says fastDecode must take it.
type decodeCase struct {
	name string
	body func(t *testing.T) ast.Node // the tree; nil: not one Decode would decode
	into func() any
	fast bool
}

// Every shipped template (merged over its parents), profile.yaml and the test templates decode
// to exactly what goccy's NodeToValue gives: equal values, and the same sharing (an alias is
// the same list or pointer as its anchor). The shipped ones must take the fast path; crafted
// shapes it leaves to goccy must fall back, not decode differently.
func TestFastDecodeMatchesGoccy(t *testing.T) {
	var cases []decodeCase
	names, _ := fs.Glob(templates.FS, "*.yaml")
	if len(names) == 0 {
		t.Fatal("no shipped templates")
	}
	for _, name := range names {
		cases = append(cases, decodeCase{name: name, fast: true, into: func() any { return &Template{} }, body: func(t *testing.T) ast.Node {
			src, _ := templates.FS.ReadFile(name)
			var errs ErrorList
			find := func(id string) (string, []byte, error, bool) {
				b, err := templates.FS.ReadFile(id + ".yaml")
				return id + ".yaml", b, err, err == nil
			}
			tree := Build(find, name, src, nil, &errs)
			if tree == nil || len(errs) > 0 {
				t.Fatalf("%s: %v", name, errs.Err())
			}
			return tree.Body
		}})
	}
	cases = append(cases, decodeCase{name: "profile.yaml", fast: true, into: func() any { return &profileShape{} },
		body: func(t *testing.T) ast.Node { return parseFile(t, "../../profile.yaml") }})
	local, _ := filepath.Glob("../../testdata/*/*.yaml")
	local2, _ := filepath.Glob("../../testdata/*.yaml")
	for _, path := range append(local, local2...) {
		cases = append(cases, decodeCase{name: path, into: func() any { return &Template{} },
			body: func(t *testing.T) ast.Node { return parseFile(t, path) }})
	}
	for name, src := range crafted {
		cases = append(cases, decodeCase{name: name, fast: !strings.HasPrefix(name, "goccy:"), into: func() any { return &Template{} },
			body: func(t *testing.T) ast.Node { return parseText(t, name, src) }})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := c.body(t)
			if body == nil {
				return
			}
			want, got := c.into(), c.into()
			if err := yaml.NodeToValue(body, want); err != nil {
				if c.fast {
					t.Fatalf("goccy: %v", err)
				}
				return
			}
			ok := fastDecode(body, got)
			if c.fast && !ok {
				t.Fatal("fastDecode left the tree to goccy")
			}
			if !c.fast && ok && strings.HasPrefix(c.name, "goccy:") {
				t.Fatal("fastDecode took a shape it should leave to goccy")
			}
			if !ok {
				return
			}
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("fastDecode differs from goccy:\n got %+v\nwant %+v", got, want)
			}
			if msg := sameSharing(reflect.ValueOf(want), reflect.ValueOf(got), map[uintptr]uintptr{}, map[uintptr]uintptr{}); msg != "" {
				t.Fatal(msg)
			}
		})
	}
}

// crafted are shapes the shipped templates may not all use; "goccy:" ones fastDecode must
// leave to goccy.
var crafted = map[string]string{
	"anchors": `format: 1
id: x
sections:
  - &s1 {id: a, title: A, fields: [{id: f, label: F, type: text, options: &o [{value: "1", label: 一}]}]}
  - *s1
  - {id: b, title: B, fields: [{id: g, label: G, type: enum, options: *o, decimals: &d 2}, {id: h, label: H, type: money, decimals: *d}]}
outputs:
  - id: r
    print: &p {copies: 2, seal_mark: true}
    blocks:
      - signature: &sg {lines: [{label: 签字}]}
      - signature: *sg
      - table: {rows: t, columns: [{header: 年, value: year, width: 30}, {header: b, value: x, width: 12.5}], total: &tt [合计, sum]}
      - table: {rows: t, total: *tt}
  - {id: s, print: *p}
`,
	"scalars": `format: 1
id: "x"
version: 3
title: |
  两行
  标题
short_title: >
  折叠
  的
issued: 2019-05-01
year:
abstract: false
notice: ~
sections:
  - id: 7
    title: 1.5
    help: ""
    fields:
      - {id: a, label: true, type: text, required: true, max_chars: 200, min: 0, max: "1e3"}
`,
	"goccy:tag":          "format: 1\nid: !!str 12\n",
	"goccy:merge":        "format: 1\nid: x\nsections:\n  - &b {id: a, title: A}\n  - <<: *b\n    id: c\n",
	"goccy:int-in-text":  "format: 1\nid: x\nshort_title: 12\n",
	"goccy:float-to-int": "format: 1\nid: x\nversion: 2.0\n",
	"goccy:twice-named":  "format: 1\nid: x\nsections:\n  - &a {id: a}\n  - &a {id: b}\n  - *a\n",
}

func parseFile(t *testing.T, path string) ast.Node {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseText(t, path, string(src))
}

// parseText parses a file; nil when it does not parse or its keys are wrong (Decode would not
// decode it).
func parseText(t *testing.T, name, src string) ast.Node {
	var errs ErrorList
	body := ParseSource(name, []byte(src), &errs)
	if body == nil {
		return nil
	}
	shape := reflect.TypeOf(&Template{})
	if strings.HasSuffix(name, "profile.yaml") {
		shape = reflect.TypeOf(&profileShape{})
	}
	checkKeys(name, body, shape, "", &errs)
	if shape != reflect.TypeOf(&Template{}) && len(errs) > 0 {
		t.Fatalf("profileShape no longer mirrors programme.profileFile: %v", errs.Err())
	}
	if hardSince(errs, 0) {
		return nil
	}
	return body
}

// sameSharing reports a difference in which lists and pointers of a and b are the same: the
// values are walked together, and every list or pointer of a must stand for one of b and back.
func sameSharing(a, b reflect.Value, ab, ba map[uintptr]uintptr) string {
	switch a.Kind() {
	case reflect.Pointer, reflect.Slice:
		if a.IsNil() || b.IsNil() || (a.Kind() == reflect.Slice && a.Len() == 0) {
			return ""
		}
		pa, pb := a.Pointer(), b.Pointer()
		if x, seen := ab[pa]; seen && x != pb {
			return "a list or pointer shared in goccy's result is not shared in fastDecode's"
		}
		if x, seen := ba[pb]; seen && x != pa {
			return "a list or pointer shared in fastDecode's result is not shared in goccy's"
		}
		ab[pa], ba[pb] = pb, pa
		if a.Kind() == reflect.Pointer {
			return sameSharing(a.Elem(), b.Elem(), ab, ba)
		}
		for i := 0; i < a.Len(); i++ {
			if msg := sameSharing(a.Index(i), b.Index(i), ab, ba); msg != "" {
				return msg
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if msg := sameSharing(a.Field(i), b.Field(i), ab, ba); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// FuzzFastDecode: on any template text Decode would decode, fastDecode either leaves it to
// goccy or gives goccy's result.
func FuzzFastDecode(f *testing.F) {
	for _, src := range crafted {
		f.Add(src)
	}
	f.Add("format: 1\nid: x\nsections: [{id: a, title: A, fields: [{id: b, label: B, type: money, decimals: 2}]}]\n")
	f.Fuzz(func(t *testing.T, src string) {
		body := parseText(t, "fuzz.yaml", src)
		if body == nil {
			return
		}
		want, got := &Template{}, &Template{}
		if err := yaml.NodeToValue(body, want); err != nil {
			return
		}
		if !fastDecode(body, got) {
			return
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("fastDecode differs from goccy:\n got %+v\nwant %+v", got, want)
		}
		if msg := sameSharing(reflect.ValueOf(want), reflect.ValueOf(got), map[uintptr]uintptr{}, map[uintptr]uintptr{}); msg != "" {
			t.Fatal(msg)
		}
	})
}
