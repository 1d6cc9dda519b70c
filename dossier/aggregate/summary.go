package aggregate

import (
	"fmt"
	"strconv"
	"strings"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// collector takes the judged inputs in input order: it decides duplicates, numbers the rows
// and keeps the totals.
type collector struct {
	sp      *summaryPlan
	entries []Entry
	seen    map[string]int // key → index of the entry that went in
	// rowsOf: key → the rows that entry gave, per sheet, to compare a duplicate with.
	rowsOf map[string][][][]document.Cell
	sheets []*sheetAcc
}

// sheetAcc is one summary sheet being built.
type sheetAcc struct {
	head *document.Sheet // from the first input that went in
	rows [][]document.Cell
	sums []decimal.D
	// firstOf: credit code → the entry whose enterprise quantities were counted.
	firstOf map[string]int
	// firstVals: the enterprise quantities counted for a credit code, to spot a later dossier
	// of the same enterprise that gives different figures.
	firstVals map[string][]document.Cell
	shared    bool // some enterprise has more than one project in the sheet
}

func newCollector(sp *summaryPlan, n int) *collector {
	c := &collector{sp: sp, entries: make([]Entry, 0, n), seen: map[string]int{},
		rowsOf: map[string][][][]document.Cell{}}
	for _, o := range sp.outputs {
		c.sheets = append(c.sheets, &sheetAcc{sums: make([]decimal.D, len(o.Sheet.Columns)),
			firstOf: map[string]int{}, firstVals: map[string][]document.Cell{}})
	}
	return c
}

func (c *collector) add(o *outcome) {
	idx := len(c.entries)
	e := o.entry
	if e.Verdict == Included {
		if first, dup := c.seen[o.key]; dup {
			e.Verdict = Duplicate
			e.Reason = c.duplicateReason(first, e, c.sameRows(c.rowsOf[o.key], o.rows))
		} else {
			c.seen[o.key] = idx
			c.rowsOf[o.key] = o.rows
			var notes []string
			for i, acc := range c.sheets {
				notes = append(notes, c.addRows(i, acc, o, idx)...)
				e.Rows += len(o.rows[i])
			}
			c.sp.haveHeads.Store(true) // every sheet has its head now: later inputs need none
			e.Reason = strings.Join(notes, "；")
		}
	}
	c.entries = append(c.entries, e)
}

func (c *collector) duplicateReason(first int, e Entry, same bool) string {
	f := c.entries[first]
	what := "统一社会信用代码 " + e.CreditCode
	if c.sp.project != "" {
		what += "，项目“" + e.Project + "”"
	}
	why := fmt.Sprintf("与第 %d 份（%s）是同一企业的同一申报（%s），未重复计入", first+1, f.Input, what)
	if !same {
		why += fmt.Sprintf("；两份的汇总表内容不同，汇总表按第 %d 份填写，如应以本份为准，请去掉第 %d 份后重新汇总", first+1, first+1)
	}
	return why
}

// sameRows reports whether a duplicate gives the same summary rows as the entry that went in
// (序号 aside, which the summary renumbers).
func (c *collector) sameRows(kept, dup [][][]document.Cell) bool {
	for i := range kept {
		if len(kept[i]) != len(dup[i]) {
			return false
		}
		for r := range kept[i] {
			for j := range kept[i][r] {
				if !c.sp.rowNo[i][j] && kept[i][r][j] != dup[i][r][j] {
					return false
				}
			}
		}
	}
	return true
}

// addRows appends an input's rows to a sheet, numbers them and adds them to the totals: a
// project quantity per row, an enterprise quantity once per enterprise. It returns notes for
// the 审核清单 (an enterprise whose figures differ between its dossiers).
func (c *collector) addRows(i int, acc *sheetAcc, o *outcome, idx int) []string {
	if acc.head == nil {
		acc.head = o.heads[i]
	}
	per := c.sp.perEnterprise[i]
	num := c.sp.rowNo[i]
	cc := o.entry.CreditCode
	first, counted := acc.firstOf[cc]
	if counted && len(o.rows[i]) > 0 {
		acc.shared = true
	}
	var notes []string
	for _, row := range o.rows[i] {
		for j := range row {
			if num[j] {
				row[j] = document.Cell{Number: strconv.Itoa(len(acc.rows) + 1)}
			}
			if row[j].Number == "" {
				continue
			}
			if per[j] && counted {
				if prev := acc.firstVals[cc]; prev != nil && prev[j].Number != row[j].Number {
					notes = append(notes, fmt.Sprintf("“%s”为 %s，与同一企业第 %d 份的 %s 不同，合计按第 %d 份计",
						acc.head.Columns[j].Header, row[j].Number, first+1, prev[j].Number, first+1))
				}
				continue
			}
			d, _ := decimal.Parse(row[j].Number)
			acc.sums[j] = acc.sums[j].Add(d)
		}
		if !counted {
			acc.firstOf[cc] = idx
			acc.firstVals[cc] = row
			first, counted = idx, true
		}
		acc.rows = append(acc.rows, row)
	}
	return notes
}

func (c *collector) result() *Result {
	r := &Result{Entries: c.entries}
	for i, acc := range c.sheets {
		if acc.head == nil {
			continue
		}
		sh := acc.head
		sh.Rows = acc.rows
		spec := c.sp.outputs[i].Sheet
		if len(spec.Total) > 0 {
			sh.Total = make([]document.Cell, len(spec.Columns))
			var once []string
			for j, t := range spec.Total {
				switch t {
				case "sum":
					sh.Total[j] = document.Cell{Number: acc.sums[j].Fixed(2)}
					if c.sp.perEnterprise[i][j] {
						once = append(once, "“"+sh.Columns[j].Header+"”")
					}
				default:
					sh.Total[j] = document.Cell{Text: t}
				}
			}
			if acc.shared && len(once) > 0 {
				note := "同一企业申报多个项目的，" + strings.Join(once, "、") + "的合计按企业计，只计一次。"
				if sh.Note != "" {
					note = sh.Note + "\n" + note
				}
				sh.Note = note
			}
		}
		r.Sheets = append(r.Sheets, sh)
	}
	return r
}
