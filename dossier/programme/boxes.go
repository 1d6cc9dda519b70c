package programme

import "reflect"

// Boxed fields. Reading a field of a record value as an interface (v.Field(i).Interface(), as
// environments and checks read them) allocates a copy of it every time: a hundred allocations
// per data file. The converter already holds each value it stored as an interface, so it
// keeps them beside the record value, and readers take them from there.

// boxes are the fields of one record value as interfaces, in the record's field order: the
// value the converter stored, the record's zero for a field not given, or nil where the value
// must be read with reflect (a value whose type is not the field's own).
type boxes []any

// at is field i of the record value v (boxes b, or nil when there are none).
func (b boxes) at(v reflect.Value, i int) any {
	if b != nil && b[i] != nil {
		return b[i]
	}
	return v.Field(i).Interface()
}

// newBoxes are the boxes of a record value whose fields are not set yet: every field its zero.
func (r *record) newBoxes() boxes {
	b := make(boxes, len(r.fields))
	copy(b, r.zeros)
	return b
}

// set notes field i's value out, stored as v.Field(i).Set(reflect.ValueOf(out)) stores it.
func (r *record) set(b boxes, i int, out any) {
	if reflect.TypeOf(out) == r.ftypes[i] {
		b[i] = out
	} else {
		b[i] = nil // assignable but not identical: read back with reflect
	}
}

// tableBoxes are the boxes of a table's rows, and the rows value they belong to.
type tableBoxes struct {
	ptr  uintptr // rows.Pointer()
	rows rowsBoxes
}

// rowsBoxes are the boxes of a table's rows, one per row; nil when there are none.
type rowsBoxes []boxes

// row is row i's boxes, or nil (its fields are then read with reflect: boxes.at).
func (t rowsBoxes) row(i int) boxes {
	if t == nil {
		return nil
	}
	return t[i]
}

// rowBoxes are the boxes of the rows of the table value rows at path, when the converter made
// that very value; nil otherwise (the fields are then read with reflect).
func (e *Evaluation) rowBoxes(path string, rows reflect.Value) rowsBoxes {
	t := e.tables[path]
	if t == nil || !rows.IsValid() || rows.Kind() != reflect.Slice || rows.Len() != len(t.rows) {
		return nil
	}
	if rows.Len() > 0 && rows.Pointer() != t.ptr {
		return nil
	}
	return t.rows
}
