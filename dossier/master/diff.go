package master

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

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

// Changes lists the values of an enterprise profile that differ between old and cur — THE
// profile comparison, for a master row (cur is Merge's result) and for an imported data file
// (cur is the file's profile, session.PlanImport). In the master's column order and by its
// labels: the profile's fields, then finance one value per year and item ("2018年 销售收入"),
// then the profile's other tables as their row counts, then keys the profile does not define,
// sorted. A number is the same when its value is ("1500" and "1500.00"), money reads grouped
// with two decimals, a choice as its label; a missing value and an empty text are the same.
func Changes(p *programme.Programme, old, cur map[string]any) []Change {
	years := profileYears(old)
	for y := range profileYears(cur) {
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
		a, b := profileValue(c, old), profileValue(c, cur)
		if sameValue(a, b) {
			continue
		}
		out = append(out, Change{Label: c.Label, Old: shown(c, a), New: shown(c, b)})
	}
	return append(out, otherChanges(p, old, cur)...)
}

// otherChanges are Changes' tables other than finance (a master has no column for them) and
// the keys the profile does not define.
func otherChanges(p *programme.Programme, old, cur map[string]any) []Change {
	var out []Change
	known := map[string]bool{}
	for _, s := range p.Profile().Sections {
		for _, f := range s.Fields {
			known[f.ID] = true
			if f.Type != programme.TypeTable || f.ID == "finance" {
				continue
			}
			if a, b := old[f.ID], cur[f.ID]; !sameTable(a, b) {
				out = append(out, Change{Label: f.Label, Old: rowCount(a), New: rowCount(b)})
			}
		}
	}
	var extra []string
	for _, m := range []map[string]any{old, cur} {
		for k := range m {
			if !known[k] {
				known[k] = true
				extra = append(extra, k)
			}
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		if a, b := old[k], cur[k]; !sameValue(a, b) {
			out = append(out, Change{Label: k, Old: rawText(a), New: rawText(b)})
		}
	}
	return out
}

func sameTable(a, b any) bool {
	x, _ := a.([]any)
	y, _ := b.([]any)
	if len(x) == 0 && len(y) == 0 {
		return true
	}
	j1, err1 := json.Marshal(x)
	j2, err2 := json.Marshal(y)
	return err1 == nil && err2 == nil && bytes.Equal(j1, j2)
}

// rowCount is a table as a change shows it: "3 行", "" when it has none.
func rowCount(v any) string {
	if rows, _ := v.([]any); len(rows) > 0 {
		return strconv.Itoa(len(rows)) + " 行"
	}
	return ""
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
	x, y := strings.TrimSpace(rawText(a)), strings.TrimSpace(rawText(b))
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
