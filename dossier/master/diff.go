package master

import (
	"sort"

	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

// Change is one value of an enterprise's profile that importing a master row would change.
type Change struct {
	Label string // the column's label, as the master heads it: "2018年 主营业务收入"
	Old   string // as a user would read it; "" when the profile has none
	New   string
}

// Merge is the enterprise profile after importing a row's profile into old: every value the
// row gives replaces old's, a finance year the row gives is merged into old's row of that year
// (or added), and everything the row leaves empty — other fields, other years, tables a master
// has no column for — keeps old's. Neither argument is changed.
func Merge(old, row map[string]any) map[string]any {
	out := make(map[string]any, len(old)+len(row))
	for k, v := range old {
		out[k] = v
	}
	for k, v := range row {
		if k == "finance" {
			out[k] = mergeFinance(old[k], v)
			continue
		}
		if v != nil {
			out[k] = v
		}
	}
	return out
}

func mergeFinance(old, row any) any {
	oldRows, _ := old.([]any)
	newRows, ok := row.([]any)
	if !ok {
		return old
	}
	out := make([]any, 0, len(oldRows)+len(newRows))
	byYear := map[int]map[string]any{}
	for _, it := range oldRows {
		m, ok := it.(map[string]any)
		if !ok {
			out = append(out, it)
			continue
		}
		cp := make(map[string]any, len(m))
		for k, v := range m {
			cp[k] = v
		}
		if y, ok := yearOf(cp); ok {
			byYear[y] = cp
		}
		out = append(out, cp)
	}
	for _, it := range newRows {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		y, ok := yearOf(m)
		target := byYear[y]
		if !ok || target == nil {
			out = append(out, m)
			continue
		}
		for k, v := range m {
			if k != "year" && v != nil {
				target[k] = v
			}
		}
	}
	return out
}

// Changes lists, in the master's column order and by its labels, the profile values of p's
// master that differ between old and merged (Merge's result). A number is the same when its
// value is ("1500" and "1500.00"); a choice reads as its label.
func Changes(p *programme.Programme, old, merged map[string]any) []Change {
	years := profileYears(old)
	for y := range profileYears(merged) {
		years[y] = true
	}
	var list []int
	for y := range years {
		list = append(list, y)
	}
	sort.Ints(list)
	var out []Change
	for _, c := range Columns(p, list) {
		if c.In != InEnterprise && c.In != InFinance {
			continue
		}
		a, b := profileValue(c, old), profileValue(c, merged)
		if sameValue(a, b) {
			continue
		}
		out = append(out, Change{Label: c.Label, Old: shown(c, a), New: shown(c, b)})
	}
	return out
}

func profileYears(m map[string]any) map[int]bool {
	out := map[int]bool{}
	list, _ := m["finance"].([]any)
	for _, it := range list {
		if row, ok := it.(map[string]any); ok {
			if y, ok := yearOf(row); ok {
				out[y] = true
			}
		}
	}
	return out
}

func profileValue(c Column, m map[string]any) any {
	if c.In == InEnterprise {
		return m[c.ID]
	}
	list, _ := m["finance"].([]any)
	for _, it := range list {
		if row, ok := it.(map[string]any); ok {
			if y, ok := yearOf(row); ok && y == c.Year {
				return row[c.ID]
			}
		}
	}
	return nil
}

func sameValue(a, b any) bool {
	x, y := rawText(a), rawText(b)
	if x == y {
		return true
	}
	dx, err1 := decimal.Parse(x)
	dy, err2 := decimal.Parse(y)
	return err1 == nil && err2 == nil && dx.Cmp(dy) == 0
}

func shown(c Column, v any) string {
	text := rawText(v)
	if d, err := decimal.Parse(text); err == nil && c.Field != nil && c.Field.Type == programme.TypeMoney {
		return d.Grouped(2)
	}
	if s, ok := v.(string); ok && c.Field != nil && len(c.Field.Options) > 0 {
		return optionLabel(c.Field, s)
	}
	return text
}
