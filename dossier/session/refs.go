package session

import (
	"strings"

	"dossier/dossier/programme"
)

// followRefs rewrites the references to rows of the numbered table at r after its rows moved
// or one was deleted, so that "IP02" in an RD row still means the same 知识产权: moved[i] is
// the new index of old row i, -1 for the deleted one (whose references are dropped).
func (s *Session) followRefs(r ref, moved []int) {
	if r.enterprise {
		return
	}
	t := s.prog.Field(r.top)
	if t == nil || t.Numbering == "" {
		return
	}
	rename := map[string]string{}
	for old, now := range moved {
		switch {
		case now < 0:
			rename[t.RowNumber(old)] = ""
		case now != old:
			rename[t.RowNumber(old)] = t.RowNumber(now)
		}
	}
	if len(rename) == 0 {
		return
	}
	for _, sec := range s.prog.Sections {
		for i := range sec.Fields {
			s.renameIn(&sec.Fields[i], r.top, rename)
		}
	}
}

// renameIn rewrites the reference columns of table f that point at table target.
func (s *Session) renameIn(f *programme.Field, target string, rename map[string]string) {
	if f.Type != programme.TypeTable {
		return
	}
	rows, _ := s.file.Answers[f.ID].([]any)
	for ci := range f.Columns {
		col := &f.Columns[ci]
		if col.Ref != target {
			continue
		}
		for _, row := range rows {
			if m, ok := row.(map[string]any); ok {
				if v, ok := m[col.ID]; ok {
					m[col.ID] = renamed(v, rename)
				}
			}
		}
	}
}

// renamed is a reference cell with its row numbers renamed: a text ("IP01、IP03") or a list.
func renamed(v any, rename map[string]string) any {
	switch x := v.(type) {
	case string:
		parts := programme.SplitRefs(x)
		out, changed := renameAll(parts, rename)
		if !changed {
			return x
		}
		return strings.Join(out, "、")
	case []any:
		out := make([]any, 0, len(x))
		for _, it := range x {
			s, ok := it.(string)
			if !ok {
				out = append(out, it)
				continue
			}
			if n, hit := rename[s]; hit {
				if n != "" {
					out = append(out, n)
				}
				continue
			}
			out = append(out, s)
		}
		return out
	case []string:
		out, _ := renameAll(x, rename)
		return out
	}
	return v
}

func renameAll(parts []string, rename map[string]string) ([]string, bool) {
	out := make([]string, 0, len(parts))
	changed := false
	for _, p := range parts {
		if n, hit := rename[p]; hit {
			changed = true
			if n != "" {
				out = append(out, n)
			}
			continue
		}
		out = append(out, p)
	}
	return out, changed
}
