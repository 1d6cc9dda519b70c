package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"fmt"

	"dossier/dossier/decimal"
)

// The form as the rest of the program sees it: sections, fields and options with plain
// strings, built from the template's syntax nodes (model.go) once they are checked. A Field
// is a value: a copy answers the same as the original.

// FieldType is the type of a field's answer.
type FieldType string

// Field types a template may use.
const (
	TypeText     FieldType = "text"
	TypeTextarea FieldType = "textarea"
	TypeMoney    FieldType = "money"   // 万元, decimal.D, two decimals
	TypeInteger  FieldType = "integer" // int
	TypePercent  FieldType = "percent" // decimal.D as a fraction: 0.6 is 60%
	TypeDate     FieldType = "date"    // time.Time, written YYYY-MM-DD
	TypeEnum     FieldType = "enum"    // string, one of Options
	TypeBool     FieldType = "bool"
	TypeMulti    FieldType = "multi"  // []string, each one of Options (or free text when there are none)
	TypeTable    FieldType = "table"  // rows of Columns
	TypeObject   FieldType = "object" // one group of Columns (innovation_scores: {ip, conversion, …})
)

var fieldTypes = map[string]bool{}

func init() {
	for _, t := range []FieldType{TypeText, TypeTextarea, TypeMoney, TypeInteger, TypePercent, TypeDate,
		TypeEnum, TypeBool, TypeMulti, TypeTable, TypeObject} {
		fieldTypes[string(t)] = true
	}
}

// Section groups fields on the form and in navigation.
type Section struct {
	ID     string
	Title  string
	Help   string
	Fields []Field

	node *syntax.Section
}

// Field is one answer on the form, or a column of a table or object field.
type Field struct {
	ID       string
	Label    string
	Type     FieldType
	Required bool
	Help     string
	MaxChars int    // 字数 limit for text and textarea; 0 = the default
	Validate string // a named validator (validate.Named): credit_code phone …; "" = none
	Options  []Option
	Example  string // placeholder text
	// Table and object fields.
	Columns   []Field
	MinRows   int
	MaxRows   int
	Numbering string // row number prefix of a numbered table (IP, RD): rows get no = IP01, IP02…
	Unique    string // a column whose value must not repeat
	Ref       string // a numbered table whose row numbers this column references
	// Derived fields take a value by default from others (derive:, derive.go): Programme.Derive
	// gives it.
	Derived bool

	unit     string
	min, max *decimal.D
	decimals *int
	node     *syntax.Field // where the field is written, for the compiler's messages
}

// Option is one choice of an enum or multi field.
type Option struct {
	Value string
	Label string
}

// MoneyUnit is the unit every amount of money is in: forms, rules and gaps count in 万元.
const MoneyUnit = "万元"

// Unit is the unit a field's value is shown and typed in: the template's unit, or MoneyUnit
// for money; "" for none.
func (f *Field) Unit() string {
	if f.unit == "" && f.Type == TypeMoney {
		return MoneyUnit
	}
	return f.unit
}

// RowNumber is the number of row i (0-based) of a numbered table: IP01, IP02…; "" for a table
// without numbering.
func (f *Field) RowNumber(i int) string {
	if f.Numbering == "" {
		return ""
	}
	return fmt.Sprintf("%s%02d", f.Numbering, i+1)
}

// newSection builds a checked section node's model.
func newSection(n *syntax.Section) Section {
	s := Section{ID: n.ID.S, Title: n.Title.S, Help: n.Help, node: n, Fields: make([]Field, len(n.Fields))}
	for i := range n.Fields {
		s.Fields[i] = newField(&n.Fields[i])
	}
	return s
}

// newField builds a checked field node's model (its min and max parse: checkField saw them).
func newField(n *syntax.Field) Field {
	f := Field{ID: n.ID.S, Label: n.Label.S, Type: FieldType(n.Type.S), Required: n.Required, Help: n.Help,
		MaxChars: n.MaxChars, Validate: given(n.Validate), Example: n.Example, MinRows: n.MinRows, MaxRows: n.MaxRows,
		Numbering: given(n.Numbering), Unique: given(n.Unique), Ref: given(n.Ref), Derived: n.Derive.Set(), unit: n.Unit, decimals: n.Decimals, node: n}
	f.min, f.max = bound(n.Min), bound(n.Max)
	for _, o := range n.Options {
		f.Options = append(f.Options, Option{Value: o.Value.S, Label: o.Label})
	}
	if len(n.Columns) > 0 {
		f.Columns = make([]Field, len(n.Columns))
		for i := range n.Columns {
			f.Columns[i] = newField(&n.Columns[i])
		}
	}
	return f
}

func bound(s Str) *decimal.D {
	if !s.Set() {
		return nil
	}
	d, err := decimal.Parse(s.S)
	if err != nil {
		return nil
	}
	return &d
}

// given is a scalar's text, or "" when only blanks were written.
func given(s Str) string {
	if !s.Set() {
		return ""
	}
	return s.S
}
