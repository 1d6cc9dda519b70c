package programme

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"dossier/dossier/decimal"
	"dossier/dossier/validate"
)

// record is a group of fields (the enterprise profile, a table's row) as a Go struct type built
// at load time, so that expressions are type-checked against the template's own fields:
// enterprise.employees is an int, a row's rd_expense a decimal.D.
type record struct {
	fields []*Field
	index  map[string]int
	typ    reflect.Type
	rows   map[string]*record // table fields' row records, by field id
	ftypes []reflect.Type     // the fields' types
	zeros  []any              // the fields' zero values (boxes.go)
}

func goType(f *Field, rows map[string]*record) reflect.Type {
	switch f.Type {
	case TypeMoney, TypePercent:
		return decType
	case TypeInteger:
		return reflect.TypeOf(0)
	case TypeDate:
		return timeType
	case TypeBool:
		return reflect.TypeOf(false)
	case TypeMulti:
		return reflect.TypeOf([]string{})
	case TypeTable:
		return reflect.SliceOf(rows[f.ID].typ)
	case TypeObject:
		return rows[f.ID].typ
	}
	return reflect.TypeOf("")
}

func newRecord(fields []*Field) *record {
	r := &record{fields: fields, index: map[string]int{}, rows: map[string]*record{}}
	var sf []reflect.StructField
	for i, f := range fields {
		if f.Type == TypeTable || f.Type == TypeObject {
			r.rows[f.ID] = newRecord(rowFields(f))
		}
		r.index[f.ID] = i
		sf = append(sf, reflect.StructField{
			Name: fmt.Sprintf("F%d", i),
			Type: goType(f, r.rows),
			Tag:  reflect.StructTag(fmt.Sprintf(`expr:%q json:%q`, f.ID, f.ID)),
		})
	}
	r.typ = reflect.StructOf(sf)
	for i := range fields {
		t := r.typ.Field(i).Type
		r.ftypes = append(r.ftypes, t)
		r.zeros = append(r.zeros, reflect.Zero(t).Interface())
	}
	return r
}

// rowFields are a table's columns, led by the row number "no" for numbered tables.
func rowFields(f *Field) []*Field {
	var cols []*Field
	if f.Numbering != "" {
		cols = append(cols, &Field{ID: "no", Label: "编号", Type: TypeText})
	}
	for i := range f.Columns {
		cols = append(cols, &f.Columns[i])
	}
	return cols
}

// zero is an empty record value.
func (r *record) zero() reflect.Value { return reflect.New(r.typ).Elem() }

// get reads a field of a record value by id.
func (r *record) get(v reflect.Value, id string) any {
	i, ok := r.index[id]
	if !ok {
		return nil
	}
	return v.Field(i).Interface()
}

// asMap flattens a record value to field id → value (row environments, JSON).
func (r *record) asMap(v reflect.Value) map[string]any {
	m := make(map[string]any, len(r.fields))
	for i, f := range r.fields {
		m[f.ID] = v.Field(i).Interface()
	}
	return m
}

// converter turns the raw JSON of a data file into typed record values, noting every problem
// (all of them, not the first) and which fields were given.
type converter struct {
	problems *[]Problem
	present  map[string]bool
	p        *Programme // its names cache (cellnames.go); nil: names are made here
	tables   map[string]*tableBoxes
}

func (c *converter) add(path, label, format string, args ...any) {
	*c.problems = append(*c.problems, Problem{Field: path, Label: label, Message: label + "：" + fmt.Sprintf(format, args...)})
}

// convert fills a record from raw (a JSON object decoded with UseNumber). Keys the record does
// not know are reported as warnings: the contract may be extended, so they are not errors.
// names, when not nil, are the fields' paths below path. The boxes are the fields as
// interfaces (boxes.go).
func (c *converter) convert(r *record, raw map[string]any, path, labelPrefix string, names *fieldNames) (reflect.Value, boxes) {
	v := r.zero()
	b := r.newBoxes()
	for key := range raw {
		if _, ok := r.index[key]; !ok {
			*c.problems = append(*c.problems, Problem{Field: join(path, key), Label: key, Warning: true,
				Message: fmt.Sprintf("%s：未知的字段“%s”，已忽略（请核对字段名）", strings.TrimSuffix(labelPrefix, " "), key)})
		}
	}
	for i, f := range r.fields {
		val, ok := raw[f.ID]
		if !ok || val == nil {
			continue
		}
		var p string
		if names != nil {
			p = names.paths[i]
		} else {
			p = join(path, f.ID)
		}
		if out, ok := c.value(r, f, val, p, labelPrefix); ok {
			v.Field(i).Set(reflect.ValueOf(out))
			r.set(b, i, out)
			c.present[p] = true
		}
	}
	return v, b
}

// rowNames are the names of row i of a table (cellnames.go).
func (c *converter) rowNames(rr *record, path, label string, i int) *fieldNames {
	if c.p == nil {
		return namesKey{rr, path, label, i}.make()
	}
	return c.p.rowNames(rr, path, label, i)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// value converts one field's raw value; its label (labelPrefix + the field's) is only made
// where a message or a nested record needs it.
func (c *converter) value(r *record, f *Field, val any, path, labelPrefix string) (any, bool) {
	switch f.Type {
	case TypeMulti:
		return c.multi(f, val, path, labelPrefix+f.Label)
	case TypeTable:
		return c.table(r.rows[f.ID], f, val, path, labelPrefix+f.Label)
	case TypeObject:
		label := labelPrefix + f.Label
		obj, ok := val.(map[string]any)
		if !ok {
			c.add(path, label, "应为一组数据（JSON 对象）")
			return nil, false
		}
		v, _ := c.convert(r.rows[f.ID], obj, path, label+" ", nil)
		return v.Interface(), true
	}
	v, msg := parseValue(f, val)
	if msg != "" {
		c.add(path, labelPrefix+f.Label, "%s", msg)
		return nil, false
	}
	return v, v != nil
}

// multi reads a multiple-choice answer: a list of texts (or one typed text, split).
func (c *converter) multi(f *Field, val any, path, label string) (any, bool) {
	if s, ok := val.(string); ok {
		v, msg := f.Parse(s)
		if msg != "" {
			c.add(path, label, "%s", msg)
		}
		return v, v != nil
	}
	list, ok := val.([]any)
	if !ok {
		c.add(path, label, "应为列表")
		return nil, false
	}
	out := []string{}
	for _, it := range list {
		s, ok := it.(string)
		if !ok {
			c.add(path, label, "列表中应为文字")
			return nil, false
		}
		if msg := validate.Text(s, false); msg != "" {
			c.add(path, label, "%s", msg)
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func (c *converter) table(rr *record, f *Field, val any, path, label string) (any, bool) {
	list, ok := val.([]any)
	if !ok {
		c.add(path, label, "应为表格行的列表")
		return nil, false
	}
	rows := reflect.MakeSlice(reflect.SliceOf(rr.typ), 0, len(list))
	var rowBoxes rowsBoxes
	for i, it := range list {
		obj, ok := it.(map[string]any)
		if !ok {
			c.add(path+"["+strconv.Itoa(i)+"]", label, "第%d行应为一行数据（JSON 对象）", i+1)
			continue
		}
		if f.Numbering != "" {
			obj = withNumber(obj, f.RowNumber(i))
		}
		names := c.rowNames(rr, path, label, i)
		row, b := c.convert(rr, obj, names.path, names.label, names)
		rows = reflect.Append(rows, row)
		rowBoxes = append(rowBoxes, b)
	}
	if c.tables == nil {
		c.tables = map[string]*tableBoxes{}
	}
	c.tables[path] = &tableBoxes{ptr: rows.Pointer(), rows: rowBoxes}
	return rows.Interface(), true
}

// withNumber gives a numbered table's row its number by position (IP01, IP02 …).
func withNumber(obj map[string]any, no string) map[string]any {
	m := make(map[string]any, len(obj)+1)
	for k, v := range obj {
		m[k] = v
	}
	m["no"] = no
	return m
}

func intOf(d decimal.D) (int, bool) {
	if d.Cmp(decimal.Int(1<<40)) > 0 || d.Cmp(decimal.Int(-(1<<40))) < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(d.Fixed(0))
	return n, err == nil
}

// labels is the record behind `labels.<field>` in expressions: the chosen option's label of
// every enum field in scope. It is a struct, not a map, so that a misspelt name is a load
// error rather than a silent blank.
type labels struct {
	enums []*Field
	typ   reflect.Type
}

// newLabels makes the labels record of the enum fields among fields; a later field with the
// same id (a row's column) replaces an earlier one.
func newLabels(fields ...[]*Field) *labels {
	l := &labels{}
	at := map[string]int{}
	for _, group := range fields {
		for _, f := range group {
			if f.Type != TypeEnum {
				continue
			}
			if i, ok := at[f.ID]; ok {
				l.enums[i] = f
				continue
			}
			at[f.ID] = len(l.enums)
			l.enums = append(l.enums, f)
		}
	}
	sf := make([]reflect.StructField, len(l.enums))
	for i, f := range l.enums {
		sf[i] = reflect.StructField{Name: fmt.Sprintf("L%d", i), Type: reflect.TypeOf(""),
			Tag: reflect.StructTag(fmt.Sprintf(`expr:%q`, f.ID))}
	}
	l.typ = reflect.StructOf(sf)
	return l
}

// value fills the labels from the values in env (field id → chosen option).
func (l *labels) value(env map[string]any) any {
	v := reflect.New(l.typ).Elem()
	for i, f := range l.enums {
		if s, ok := env[f.ID].(string); ok {
			v.Field(i).SetString(optionLabel(f, s))
		}
	}
	return v.Interface()
}

// SplitRefs splits a reference column's text into row numbers ("IP01、IP03" → IP01, IP03).
func SplitRefs(s string) []string { return splitRefs(s) }
