package aggregate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/fsafe"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// summaryPlan is what Run knows about the programme before reading any input: its sheets,
// which of their columns are enterprise quantities, and the project key.
type summaryPlan struct {
	p       *programme.Programme
	outputs []*programme.Output
	// perEnterprise[i][j]: column j of sheet i is an enterprise quantity.
	perEnterprise [][]bool
	// rowNo[i][j]: column j of sheet i is the 序号 (value: row_no), numbered over the summary.
	rowNo   [][]bool
	project string // the project-name field id, "" when the programme has none
	// haveHeads is set by the collector once it holds every sheet's head (from the first input
	// that went in): the workers then leave the heads out.
	haveHeads atomic.Bool
}

func newSummaryPlan(p *programme.Programme) *summaryPlan {
	sp := &summaryPlan{p: p, project: ProjectField(p)}
	sc := newScoper(p)
	for i := range p.Outputs {
		o := &p.Outputs[i]
		if o.Kind != programme.KindSheet || o.Sheet == nil {
			continue
		}
		sp.outputs = append(sp.outputs, o)
		cols := o.Sheet.Columns
		per, num := make([]bool, len(cols)), make([]bool, len(cols))
		for j := range cols {
			per[j] = sc.perEnterprise(cols[j].Value)
			num[j] = strings.TrimSpace(cols[j].Value) == "row_no"
		}
		sp.perEnterprise = append(sp.perEnterprise, per)
		sp.rowNo = append(sp.rowNo, num)
	}
	return sp
}

// ProjectField is the field that tells two projects of one enterprise apart in programme p:
// the programme's title field (programme.TitleField: 项目名称, 创建对象名称, 平台名称), which
// names its dossiers too. "" means the programme takes one application per enterprise (高企
// 认定, 两化融合贯标): the 统一社会信用代码 alone is the key.
func ProjectField(p *programme.Programme) string { return p.TitleField() }

// outcome is one input judged: its entry and, when it may go in, its rows per sheet.
type outcome struct {
	entry Entry
	key   string
	rows  [][][]document.Cell // per sheet
	heads []*document.Sheet   // per sheet: name, title, columns (rows cut off)
}

// judge reads one input and decides its verdict. It runs on a worker goroutine: it touches
// nothing shared but the immutable programme. buf is the worker's read buffer: nothing judge
// returns refers to it (DecodeBytes copies what it keeps), so the next input reuses it.
func (sp *summaryPlan) judge(input string, today time.Time, buf *[]byte) *outcome {
	o := &outcome{entry: Entry{Input: input}}
	data, isPackage, verdict, why := read(input, *buf)
	if cap(data) > cap(*buf) && cap(data) <= maxKeptBuffer {
		*buf = data[:0]
	}
	if why != "" {
		o.entry.Verdict, o.entry.Reason = verdict, why
		return o
	}
	f, err := dossier.DecodeBytes(data)
	if err != nil {
		o.entry.Verdict, o.entry.Reason = Invalid, err.Error()
		return o
	}
	if isPackage {
		// The attachments are bound into the package's PDFs, which verify just checked; the
		// paths its data file names were the author's and need not exist here.
		f.Attachments = nil
	} else {
		f.Dir = filepath.Dir(input) // attachment paths are relative to the data file
	}
	ev := programme.Evaluate(sp.p, f, today)
	o.entry.Name = ev.FieldText("enterprise.name")
	o.entry.CreditCode = strings.ToUpper(strings.TrimSpace(ev.FieldText("enterprise.credit_code")))
	if sp.project != "" {
		o.entry.Project = strings.Join(strings.Fields(ev.FieldText(sp.project)), " ")
	}
	switch {
	case ev.Invalid():
		o.entry.Verdict, o.entry.Reason = Invalid, problems(ev)
		return o
	case !ev.Eligible():
		o.entry.Verdict, o.entry.Reason = NotEligible, unmet(ev)
		return o
	}
	o.key = o.entry.CreditCode + "\x00" + o.entry.Project
	// The sheets' heads (title, columns) come from the first input that goes in; once the
	// collector has them (haveHeads), later inputs, which all come after it, make only rows.
	heads := !sp.haveHeads.Load()
	for _, out := range sp.outputs {
		var rows [][]document.Cell
		var err error
		if heads {
			var sh *document.Sheet
			if sh, err = programme.BuildSheet(out, []*programme.Evaluation{ev}); err == nil {
				rows, sh.Rows = sh.Rows, nil
				o.heads = append(o.heads, sh)
			}
		} else {
			rows, err = programme.SheetRows(out, ev)
		}
		if err != nil {
			o.entry.Verdict, o.entry.Reason = Invalid, err.Error()
			return o
		}
		o.rows = append(o.rows, rows)
	}
	return o
}

// maxKeptBuffer bounds the read buffer a worker keeps between inputs: one large data file
// does not pin its size for the rest of the run.
const maxKeptBuffer = 1 << 20

// read returns the data file of an input: the file itself, or a package folder's
// pack.DataFileName once the package passed verify. A non-empty why is the reason it is
// left out. The file is read into buf when it fits.
func read(input string, buf []byte) (data []byte, isPackage bool, v Verdict, why string) {
	// A data file is read at once (fsafe refuses what is not a regular file without opening
	// it); only what is not a regular file is looked at again, to tell a package folder.
	data, err := fsafe.ReadRegularInto(input, fsafe.MaxDataFile, buf)
	if errors.Is(err, fsafe.ErrNotRegular) {
		if fi, serr := os.Stat(input); serr == nil && fi.IsDir() {
			if v, why := verify(input); why != "" {
				return nil, true, v, why
			}
			isPackage = true
			data, err = fsafe.ReadRegularInto(pack.FindDataFile(input), fsafe.MaxDataFile, buf) // 不刻录/申报数据.json, or at the top level
		}
	}
	switch {
	case errors.Is(err, fsafe.ErrNotFound) && isPackage:
		return nil, true, Invalid, "申报包中没有数据文件 " + pack.DataFileName
	case errors.Is(err, fsafe.ErrNotFound):
		return nil, false, Invalid, "找不到该文件"
	case err != nil:
		return nil, isPackage, Invalid, "无法读取数据文件：" + err.Error()
	}
	return data, isPackage, Included, ""
}

// verify checks a package folder against its manifest.
func verify(dir string) (Verdict, string) {
	r, err := pack.Verify(dir)
	switch {
	case errors.Is(err, pack.ErrNotPackage):
		return Invalid, "不是申报包（" + err.Error() + "）"
	case err != nil:
		return Invalid, err.Error()
	case r.Unverified():
		return Invalid, "有文件无法读取，未能核对申报包是否完整：" + strings.Join(r.Unreadable, "；")
	case !r.Intact():
		return Tampered, "申报包与清单 manifest.json 不符：" + listFindings(r.String())
	}
	return Included, ""
}

// listFindings joins verify's lines, at most five of them.
func listFindings(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = append(lines[:5], fmt.Sprintf("等共 %d 项", len(lines)))
	}
	return strings.Join(lines, "；")
}

// problems are the errors of an invalid data file, at most five.
func problems(ev *programme.Evaluation) string {
	ev.SortProblems()
	var msgs []string
	for _, pr := range ev.Problems {
		if !pr.Warning {
			msgs = append(msgs, pr.Message)
		}
	}
	return capList(msgs, "项问题")
}

// unmet are the rules that are not met.
func unmet(ev *programme.Evaluation) string {
	var msgs []string
	for _, r := range ev.Rules {
		if r.Applies && !r.Passed {
			msgs = append(msgs, r.Message)
		}
	}
	return capList(msgs, "项条件不符合")
}

func capList(msgs []string, what string) string {
	if len(msgs) > 5 {
		n := len(msgs)
		msgs = append(msgs[:5:5], fmt.Sprintf("等共 %d %s", n, what))
	}
	return strings.Join(msgs, "；")
}

// PerEnterpriseColumns maps the header of every column of p's summary sheets (as the template
// writes it) to whether it is an enterprise quantity, counted once per enterprise in totals.
func PerEnterpriseColumns(p *programme.Programme) map[string]bool {
	sp := newSummaryPlan(p)
	out := map[string]bool{}
	for i, o := range sp.outputs {
		for j, c := range o.Sheet.Columns {
			out[c.Header] = sp.perEnterprise[i][j]
		}
	}
	return out
}
