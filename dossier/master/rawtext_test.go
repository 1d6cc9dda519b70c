package master

import (
	"encoding/json"
	"testing"
)

// TestRawText pins how a decoded JSON value becomes the text a user would type.
func TestRawText(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"山西", "山西"},
		{true, "是"},
		{false, "否"},
		{json.Number("1500.50"), "1500.50"},
		{1e21, "1000000000000000000000"},
		{0.000015, "0.000015"},
		{[]any{"发明专利", true, json.Number("3")}, "发明专利、是、3"},
		{map[string]any{"a": json.Number("1")}, `{"a":1}`},
	} {
		if got := rawText(c.in); got != c.want {
			t.Errorf("rawText(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCellText pins the cells written as text: bools as 是/否, lists joined with 、.
func TestCellText(t *testing.T) {
	for _, c := range []struct {
		in   any
		want any
	}{
		{true, "是"},
		{false, "否"},
		{[]string{"发明专利", "软件著作权"}, "发明专利、软件著作权"},
		{int64(3), "3"},
	} {
		if got := (styles{}).cell(Column{}, c.in); got != c.want {
			t.Errorf("cell(%#v) = %#v, want %#v", c.in, got, c.want)
		}
	}
}
