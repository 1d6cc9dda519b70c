package programme

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Pos is a line and column in a template file (1-based).
type Pos struct{ Line, Col int }

// Str is a YAML scalar that remembers where it was written, so that problems found after
// decoding (a bad expression, an unknown field reference) can still name file:line.
type Str struct {
	S   string
	Pos Pos
}

// UnmarshalYAML records the scalar's text and position.
func (s *Str) UnmarshalYAML(node ast.Node) error {
	tok := node.GetToken()
	if tok != nil {
		s.Pos = Pos{tok.Position.Line, tok.Position.Column}
	}
	switch node.(type) {
	case *ast.MappingNode, *ast.SequenceNode, *ast.MappingValueNode:
		return fmt.Errorf("[%d:%d] 此处应为文字，不是列表或映射", s.Pos.Line, s.Pos.Col)
	case *ast.NullNode:
		s.S = ""
		return nil
	}
	var v any
	if err := yaml.NodeToValue(node, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case string:
		s.S = x
	case nil:
		s.S = ""
	default:
		s.S = fmt.Sprint(x)
	}
	return nil
}

// Set reports whether anything was written.
func (s Str) Set() bool { return strings.TrimSpace(s.S) != "" }

var strType = reflect.TypeOf(Str{})

// decodeStrict decodes src into out, reporting every unknown key (with its position) and then
// any type error. goccy/go-yaml's own strict mode stops at the first unknown key; walking the
// tree ourselves lets one run list them all.
func decodeStrict(file string, src []byte, out any, errs *ErrorList) bool {
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		errs.Add(file, yamlErrPos(err), "YAML 语法错误：%s", yamlErrMsg(err))
		return false
	}
	before := len(*errs)
	for _, doc := range f.Docs {
		if doc.Body != nil {
			checkKeys(file, doc.Body, reflect.TypeOf(out), errs)
		}
	}
	if len(*errs) > before {
		return false
	}
	if err := yaml.Unmarshal(src, out); err != nil {
		errs.Add(file, yamlErrPos(err), "%s", yamlErrMsg(err))
		return false
	}
	return true
}

func checkKeys(file string, node ast.Node, t reflect.Type, errs *ErrorList) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == strType {
		return
	}
	switch n := node.(type) {
	case *ast.TagNode:
		checkKeys(file, n.Value, t, errs)
	case *ast.AnchorNode:
		checkKeys(file, n.Value, t, errs)
	case *ast.MappingValueNode:
		checkMapping(file, []*ast.MappingValueNode{n}, t, errs)
	case *ast.MappingNode:
		checkMapping(file, n.Values, t, errs)
	case *ast.SequenceNode:
		if t.Kind() == reflect.Slice {
			for _, v := range n.Values {
				checkKeys(file, v, t.Elem(), errs)
			}
		}
	}
}

func checkMapping(file string, values []*ast.MappingValueNode, t reflect.Type, errs *ErrorList) {
	switch t.Kind() {
	case reflect.Map:
		for _, mv := range values {
			checkKeys(file, mv.Value, t.Elem(), errs)
		}
	case reflect.Struct:
		fields := yamlFields(t)
		for _, mv := range values {
			key := mv.Key.GetToken().Value
			ft, ok := fields[key]
			if !ok {
				tok := mv.Key.GetToken()
				errs.Add(file, Pos{tok.Position.Line, tok.Position.Column}, "未知的键 %q（此处可用：%s）", key, strings.Join(sortedKeys(fields), ", "))
				continue
			}
			checkKeys(file, mv.Value, ft, errs)
		}
	}
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var yamlPosRe = regexp.MustCompile(`\[(\d+):(\d+)\]`)

func yamlErrPos(err error) Pos {
	m := yamlPosRe.FindStringSubmatch(err.Error())
	if m == nil {
		return Pos{}
	}
	l, _ := strconv.Atoi(m[1])
	c, _ := strconv.Atoi(m[2])
	return Pos{l, c}
}

// yamlErrMsg keeps the first line of goccy's message (the rest is a source excerpt), without
// the position prefix that ParseError prints itself.
func yamlErrMsg(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	msg = yamlPosRe.ReplaceAllString(msg, "")
	return strings.TrimSpace(msg)
}
