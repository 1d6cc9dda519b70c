package syntax

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Pos is a line and column in a template file (1-based). File is set when the place is in
// another file than the template being compiled: a parent the template extends.
type Pos struct {
	Line, Col int
	File      string
}

// Str is a YAML scalar that remembers where it was written, so that problems found after
// decoding (a bad expression, an unknown field reference) can still name file:line.
type Str struct {
	S   string
	Pos Pos
}

// UnmarshalYAML records the scalar's text and position.
func (s *Str) UnmarshalYAML(node ast.Node) error {
	s.Pos = posOf(node)
	switch n := node.(type) {
	case *ast.MappingNode, *ast.SequenceNode, *ast.MappingValueNode:
		return fmt.Errorf("[%d:%d] 此处应为文字，不是列表或映射", s.Pos.Line, s.Pos.Col)
	case *ast.NullNode:
		s.S = ""
		return nil
	case *ast.StringNode, *ast.LiteralNode: // what NodeToValue gives, without its decoder
		s.S, _ = plainString(n)
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

// DecodeStrict parses and decodes one standalone file (the profile, a template without
// extends) into out.
func DecodeStrict(file string, src []byte, out any, errs *ErrorList) bool {
	body := ParseSource(file, src, errs)
	return body != nil && Decode(file, body, out, errs)
}

// Decode decodes a template's (merged) tree into out, after reporting every unknown or
// repeated key, every value of the wrong shape and every value outside its key's allowed set
// (an enum:"a|b" tag on the field), each at its position. goccy/go-yaml's own strict mode
// stops at the first unknown key and speaks English; walking the tree ourselves lets one run
// list them all, in Chinese.
func Decode(file string, body ast.Node, out any, errs *ErrorList) bool {
	before := len(*errs)
	checkKeys(file, body, reflect.TypeOf(out), "", errs)
	if hardSince(*errs, before) {
		return false
	}
	if fastDecode(body, out) {
		return true
	}
	// A shape fastDecode leaves to goccy: start again from the zero value.
	rv := reflect.ValueOf(out).Elem()
	rv.Set(reflect.Zero(rv.Type()))
	if err := yaml.NodeToValue(body, out); err != nil {
		errs.Add(file, yamlErrPos(err), "值的类型不对：%s", explainYAML(yamlErrMsg(err)))
		return false
	}
	return true
}

var (
	intType   = reflect.TypeOf(0)
	floatType = reflect.TypeOf(0.0)
	boolType  = reflect.TypeOf(false)
)

func checkKeys(file string, node ast.Node, t reflect.Type, key string, errs *ErrorList) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n := node.(type) {
	case *ast.TagNode:
		checkKeys(file, n.Value, t, key, errs)
		return
	case *ast.AnchorNode:
		checkKeys(file, n.Value, t, key, errs)
		return
	case *ast.AliasNode, *ast.NullNode, nil:
		return
	}
	if !checkShape(file, node, t, key, errs) {
		return
	}
	switch n := node.(type) {
	case *ast.MappingValueNode:
		checkMapping(file, []*ast.MappingValueNode{n}, t, errs)
	case *ast.MappingNode:
		checkMapping(file, n.Values, t, errs)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			checkKeys(file, v, t.Elem(), key, errs)
		}
	}
}

// checkShape reports a value of the wrong kind for its key (a list where a text belongs, a
// word where a number belongs), in the words a template author uses.
func checkShape(file string, node ast.Node, t reflect.Type, key string, errs *ErrorList) bool {
	want := wantedShape(node, t)
	if want == "" {
		return true
	}
	name := key
	if name == "" {
		name = "此处"
	}
	errs.Add(file, posOf(node), "%s 应为%s，不是 “%s”", name, want, shortText(node))
	return false
}

// wantedShape is what a value of type t must be written as, when node is not that; "" when
// it is.
func wantedShape(node ast.Node, t reflect.Type) string {
	_, isInt := node.(*ast.IntegerNode)
	_, isFloat := node.(*ast.FloatNode)
	_, isBool := node.(*ast.BoolNode)
	_, isSeq := node.(*ast.SequenceNode)
	switch {
	case t == strType || t.Kind() == reflect.String:
		return unless(!isCollection(node), "文字（不是列表或映射）")
	case t == intType:
		return unless(isInt, "整数")
	case t == floatType:
		return unless(isInt || isFloat, "数字")
	case t == boolType:
		return unless(isBool, "true 或 false")
	case t.Kind() == reflect.Slice:
		return unless(isSeq, "列表（- 开头的各项，或 [a, b]）")
	case t.Kind() == reflect.Struct || t.Kind() == reflect.Map:
		return unless(isCollection(node) && !isSeq, "映射（键: 值）")
	}
	return ""
}

// unless is want when ok is false, else "".
func unless(ok bool, want string) string {
	if ok {
		return ""
	}
	return want
}

func isCollection(n ast.Node) bool {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return true
	}
	return false
}

// shortText is a value as written, cut for a message.
func shortText(n ast.Node) string {
	s := strings.Join(strings.Fields(n.String()), " ")
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return s
}

func checkMapping(file string, values []*ast.MappingValueNode, t reflect.Type, errs *ErrorList) {
	switch t.Kind() {
	case reflect.Map:
		for _, mv := range values {
			checkKeys(file, mv.Value, t.Elem(), mv.Key.GetToken().Value, errs)
		}
	case reflect.Struct:
		fields := yamlFields(t)
		seen := map[string]Pos{}
		for _, mv := range values {
			key := mv.Key.GetToken().Value
			pos := posOf(mv.Key)
			if first, dup := seen[key]; dup {
				errs.Add(file, pos, "键 “%s” 重复：第 %d 行已经写过，同一处只能写一次", key, first.Line)
				continue
			}
			seen[key] = pos
			f, ok := fields[key]
			if !ok {
				errs.Add(file, pos, "未知的键 “%s”%s（此处可用：%s）", key, DidYouMean(key, SortedKeys(fields)), strings.Join(SortedKeys(fields), ", "))
				continue
			}
			checkKeys(file, mv.Value, f.Type, key, errs)
			checkEnum(file, mv.Value, f, key, errs)
		}
	}
}

// checkEnum checks a scalar against its field's enum:"a|b" tag.
func checkEnum(file string, node ast.Node, f reflect.StructField, key string, errs *ErrorList) {
	allowed := f.Tag.Get("enum")
	if allowed == "" || isCollection(node) {
		return
	}
	if _, null := node.(*ast.NullNode); null {
		return
	}
	v := node.GetToken().Value
	for _, a := range strings.Split(allowed, "|") {
		if v == a || v == "" {
			return
		}
	}
	errs.Add(file, posOf(node), "%s 的值 “%s” 无效（可用：%s）", key, v, strings.ReplaceAll(allowed, "|", "、"))
	(*errs)[len(*errs)-1].soft = true
}

var yamlFieldsOf sync.Map // reflect.Type → map[string]reflect.StructField

// yamlFields are a struct's fields by key, worked out once per type (every mapping of a
// template is checked against them). The map is shared: read it only.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := yamlFieldsOf.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, ok := yamlKey(f); ok && f.IsExported() {
			m[name] = f
		}
	}
	yamlFieldsOf.Store(t, m)
	return m
}

// yamlKey is the key a struct field is read from, as goccy names it: the yaml tag, else the
// json tag, else the lower-cased field name; ok is false for a field it skips ("-"). opts
// are the tag's options (inline…).
func yamlKey(f reflect.StructField) (name, opts string, ok bool) {
	tag := f.Tag.Get("yaml")
	if tag == "" {
		tag = f.Tag.Get("json")
	}
	if tag == "-" {
		return "", "", false
	}
	name, opts, _ = strings.Cut(tag, ",")
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, opts, true
}

func SortedKeys[K ~string, V any](m map[K]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
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
	return Pos{Line: l, Col: c}
}

// posOf is where a node was written; for a node of a parent template, File names the parent.
func posOf(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	tok := n.GetToken()
	if tok == nil || tok.Position == nil {
		return Pos{}
	}
	return Pos{Line: tok.Position.Line, Col: tok.Position.Column, File: originName(tok.Position.Offset)}
}

// Nodes of a parent template are marked with a negative token offset naming their file in
// this registry (the offset is not used once a file is parsed), so that a merged tree's
// positions still say which file each value came from.
var origins struct {
	sync.Mutex
	ids   map[string]int
	names []string
}

// markOrigin marks every node of a parsed tree as written in file.
func markOrigin(body ast.Node, file string) {
	origins.Lock()
	id, ok := origins.ids[file]
	if !ok {
		if origins.ids == nil {
			origins.ids = map[string]int{}
		}
		origins.names = append(origins.names, file)
		id = len(origins.names)
		origins.ids[file] = id
	}
	origins.Unlock()
	ast.Walk(marker(-id), body)
}

type marker int

func (m marker) Visit(n ast.Node) ast.Visitor {
	if tok := n.GetToken(); tok != nil && tok.Position != nil {
		tok.Position.Offset = int(m)
	}
	return m
}

func originName(offset int) string {
	if offset >= 0 {
		return ""
	}
	origins.Lock()
	defer origins.Unlock()
	if -offset <= len(origins.names) {
		return origins.names[-offset-1]
	}
	return ""
}

// yamlErrMsg keeps the first line of goccy's message (the rest is a source excerpt), without
// the position prefix that ParseError prints itself.
func yamlErrMsg(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	msg = yamlPosRe.ReplaceAllString(msg, "")
	return strings.TrimSpace(msg)
}
