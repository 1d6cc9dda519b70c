package syntax

import (
	"math"
	"reflect"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
)

// A template's tree is decoded by walking it with the target types' fields looked up once per
// type. goccy/go-yaml's NodeToValue first turns the whole tree into maps (to find anchors),
// then rebuilds every struct's field table on each mapping it meets: together with parsing,
// most of a cold `dossier check`. fastDecode gives exactly what NodeToValue gives for the
// shapes templates are written in (mappings into structs, lists into slices, plain scalars,
// anchors and aliases); on anything else (a tag, a merge key, a scalar that needs converting,
// an anchor named twice) it reports false and Decode leaves the whole tree to goccy.
// TestFastDecodeMatchesGoccy holds it to goccy's result, shared aliases included.

// fastDecoder is one decode of one tree.
type fastDecoder struct {
	// anchors are the values decoded for each anchor so far: an alias shares them, as goccy's
	// do (a list, a pointer).
	anchors map[string]reflect.Value
	// named counts each anchor name's definitions in the tree.
	named map[string]int
}

// fastDecode decodes body into out (a pointer to a zero struct); false means it met a shape it
// leaves to goccy, and out may be partly filled.
func fastDecode(body ast.Node, out any) bool {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	d := &fastDecoder{named: map[string]int{}}
	ast.Walk(d, body)
	for _, n := range d.named {
		if n > 1 {
			return false
		}
	}
	return d.value(body, v.Elem())
}

// Visit counts anchor definitions (ast.Visitor).
func (d *fastDecoder) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok {
		d.named[a.Name.GetToken().Value]++
	}
	return d
}

// value decodes n into v, a settable zero value.
func (d *fastDecoder) value(n ast.Node, v reflect.Value) bool {
	switch x := n.(type) {
	case *ast.NullNode:
		return true // goccy leaves the zero value (an unmarshaler is not called)
	case *ast.AnchorNode:
		name := x.Name.GetToken().Value
		if !d.value(x.Value, v) {
			return false
		}
		if d.anchors == nil {
			d.anchors = map[string]reflect.Value{}
		}
		d.anchors[name] = v
		return true
	case *ast.AliasNode:
		return d.alias(x, v)
	case *ast.TagNode, *ast.MappingKeyNode:
		return false
	}
	t := v.Type()
	if t == strType {
		return v.Addr().Interface().(*Str).UnmarshalYAML(n) == nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := reflect.New(t.Elem())
		if !d.value(n, e.Elem()) {
			return false
		}
		v.Set(e)
		return true
	case reflect.Struct:
		return d.mapping(n, v)
	case reflect.Slice:
		return d.sequence(n, v)
	}
	return scalar(n, v)
}

// alias sets v to the value its anchor was decoded to, as goccy does: the same list, the
// same pointer.
func (d *fastDecoder) alias(x *ast.AliasNode, v reflect.Value) bool {
	a, ok := d.anchors[x.Value.GetToken().Value]
	if !ok {
		return false // not decoded yet: goccy would decode the anchor's node again
	}
	if v.Kind() == reflect.Pointer && !a.Type().AssignableTo(v.Type()) && a.CanAddr() {
		a = a.Addr()
	}
	if !a.Type().AssignableTo(v.Type()) {
		return false
	}
	v.Set(a)
	return true
}

// field decodes a struct field's or list item's node into v: through a value of its own when
// the node is an anchor, so that the anchor keeps that value, as goccy's does.
func (d *fastDecoder) field(n ast.Node, v reflect.Value) bool {
	if _, anchored := n.(*ast.AnchorNode); !anchored {
		return d.value(n, v)
	}
	t := v.Type()
	tmp := reflect.New(t).Elem()
	if t.Kind() == reflect.Pointer {
		// goccy decodes the pointee and points at it: the anchor is the pointee.
		e := reflect.New(t.Elem())
		if !d.value(n, e.Elem()) {
			return false
		}
		tmp.Set(e)
	} else if !d.value(n, tmp) {
		return false
	}
	v.Set(tmp)
	return true
}

func (d *fastDecoder) mapping(n ast.Node, v reflect.Value) bool {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		return false
	}
	keys := make([]string, len(values))
	for i, mv := range values {
		k, ok := mv.Key.(*ast.StringNode)
		if !ok || mv.Key.IsMergeKey() {
			return false
		}
		keys[i] = k.Value
	}
	fields, ok := decodeFields(v.Type())
	if !ok {
		return false
	}
	// In the struct's field order, as goccy decodes: it decides which of an anchor and its
	// aliases is met first.
	for _, f := range fields {
		for i, k := range keys {
			if k == f.name {
				if !d.field(values[i].Value, v.Field(f.index)) {
					return false
				}
				break
			}
		}
	}
	return true
}

func (d *fastDecoder) sequence(n ast.Node, v reflect.Value) bool {
	s, ok := n.(*ast.SequenceNode)
	if !ok {
		return false
	}
	out := reflect.MakeSlice(v.Type(), len(s.Values), len(s.Values))
	for i, item := range s.Values {
		if !d.field(item, out.Index(i)) {
			return false
		}
	}
	v.Set(out)
	return true
}

// scalar sets a string, number or bool from a node already of that kind; anything goccy would
// convert is left to it.
func scalar(n ast.Node, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		s, ok := plainString(n)
		if ok {
			v.SetString(s)
		}
		return ok
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, ok := integer(n)
		if ok && !v.OverflowInt(i) {
			v.SetInt(i)
			return true
		}
	case reflect.Float64:
		if x, ok := n.(*ast.FloatNode); ok {
			v.SetFloat(x.Value)
			return true
		}
		if x, ok := n.(*ast.IntegerNode); ok {
			switch i := x.Value.(type) {
			case int64:
				v.SetFloat(float64(i))
				return true
			case uint64:
				v.SetFloat(float64(i))
				return true
			}
		}
	case reflect.Bool:
		if x, ok := n.(*ast.BoolNode); ok {
			v.SetBool(x.Value)
			return true
		}
	}
	return false
}

// plainString is the text of a string scalar (plain, quoted, or a | or > block) as goccy
// decodes it; false for any other node.
func plainString(n ast.Node) (string, bool) {
	switch x := n.(type) {
	case *ast.StringNode:
		return x.Value, true
	case *ast.LiteralNode:
		return x.Value.Value, true
	}
	return "", false
}

// integer is an integer node's value, when it fits an int64.
func integer(n ast.Node) (int64, bool) {
	x, ok := n.(*ast.IntegerNode)
	if !ok {
		return 0, false
	}
	switch i := x.Value.(type) {
	case int64:
		return i, true
	case uint64:
		return int64(i), i <= math.MaxInt64
	}
	return 0, false
}

// decodeField is a struct field goccy decodes: its index and its key.
type decodeField struct {
	index int
	name  string
}

var decodeFieldsOf sync.Map // reflect.Type → []decodeField; nil: not for fastDecode

// decodeFields are the fields goccy decodes a struct's keys into, in order, named as it names
// them (the yaml tag, else the json tag, else the lower-cased field name); ok is false for a
// struct with an embedded or inline field, which fastDecode leaves to goccy.
func decodeFields(t reflect.Type) (fields []decodeField, ok bool) {
	if f, ok := decodeFieldsOf.Load(t); ok {
		fields = f.([]decodeField)
		return fields, fields != nil
	}
	out := []decodeField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, ok := yamlKey(f)
		if !ok || (f.PkgPath != "" && !f.Anonymous) {
			continue
		}
		if f.Anonymous || strings.Contains(opts, "inline") {
			out = nil
			break
		}
		out = append(out, decodeField{index: i, name: name})
	}
	decodeFieldsOf.Store(t, out)
	return out, out != nil
}
