package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"dossier/dossier/records"
)

// setTopLevel returns the JSON object data with its top-level key set to the
// string value, keeping the other members, their order and their bytes as
// they were (a user who exports the file sees the same layout). Data that is
// not an object is returned unchanged.
func setTopLevel(data []byte, key, value string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("rewrite %q: %w: %v", key, records.ErrInvalid, err)
	}
	if tok != json.Delim('{') {
		return data, nil
	}
	newValue, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteByte('{')
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("rewrite %q: %w: %v", key, records.ErrInvalid, err)
		}
		name, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("rewrite %q: %w: %v", key, records.ErrInvalid, err)
		}
		if name == key {
			raw, found = newValue, true
		}
		writeMember(&out, name, raw)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, fmt.Errorf("rewrite %q: unterminated object: %w", key, records.ErrInvalid)
	}
	if !found {
		writeMember(&out, key, newValue)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// writeMember appends `"name":raw` to an object being built, with a comma
// when it is not the first member.
func writeMember(out *bytes.Buffer, name string, raw []byte) {
	if out.Len() > 1 {
		out.WriteByte(',')
	}
	k, _ := json.Marshal(name) // a string always marshals
	out.Write(k)
	out.WriteByte(':')
	out.Write(raw)
}
