package records

import (
	"encoding/json"
	"testing"
)

// A profile keeps its numbers as written (1500.00 stays 1500.00, not 1500), and whatever is
// not a JSON object reads as an empty profile rather than nil.
func TestDecodeProfile(t *testing.T) {
	m := DecodeProfile([]byte(`{"name": "汾河", "employees": 1500.00}`))
	if n, ok := m["employees"].(json.Number); !ok || n.String() != "1500.00" || m["name"] != "汾河" {
		t.Errorf("decoded %#v", m)
	}
	for _, b := range []string{"", "null", "[1]", "42", "{"} {
		if m := DecodeProfile([]byte(b)); m == nil || len(m) != 0 {
			t.Errorf("%q: %#v, want an empty profile", b, m)
		}
	}
}
