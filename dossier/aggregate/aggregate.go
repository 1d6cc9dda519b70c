// Package aggregate builds a bureau's summary table (汇总表) from many enterprises' data files and
// application packages, and the 审核清单 that says what became of every input.
//
// The rules (CONTRACT.md, "Many enterprises"):
//   - Every input is judged on its own: a package folder must pass pack.Verify and its data file
//     (pack.DataFileName) is read from it; a data file is read with fsafe.ReadRegular (never a
//     FIFO or a device, bounded size); the data must be valid and the enterprise eligible.
//     Anything else is left out with its verdict: 数据有误, 不符合, 申报包被改动.
//   - The same enterprise + project given more than once (key: 统一社会信用代码 + the programme's
//     project-name field, see ProjectField) goes in once, the first time; later ones are 重复.
//   - Totals: a column whose value depends on the enterprise profile only (enterprise.*,
//     fin(year), or a computed value built from those; see PerEnterprise) is an enterprise
//     quantity: its total counts each enterprise once, however many projects it has. Every
//     other summed column is a per-project quantity, counted per row.
//
// Inputs are read and judged by a bounded pool of workers (GOMAXPROCS by default) and collected
// in input order, so memory stays flat however many inputs there are: only the summary rows are
// kept, never the evaluations.
package aggregate

import (
	"errors"
	"runtime"
	"sync"
	"time"

	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// Verdict is what became of one input.
type Verdict int

// Verdicts, in the words of the 审核清单.
const (
	Included    Verdict = iota // 纳入
	Duplicate                  // 重复: the same enterprise + project was already counted
	NotEligible                // 不符合: valid data, but a rule of the notice is not met
	Invalid                    // 数据有误: unreadable, not a data file, invalid data, not a package
	Tampered                   // 申报包被改动: a package that fails verify
)

var verdictText = [...]string{"纳入", "重复", "不符合", "数据有误", "申报包被改动"}

func (v Verdict) String() string {
	if int(v) < len(verdictText) {
		return verdictText[v]
	}
	return "未知"
}

// Entry is one input's line of the 审核清单.
type Entry struct {
	Input      string // as the user gave it
	Verdict    Verdict
	Reason     string // Chinese; empty for a plain 纳入
	Name       string // 企业名称, when it could be read
	CreditCode string // 统一社会信用代码, when it could be read
	Project    string // the project-name field, when the programme has one
	Rows       int    // summary rows this input gave (纳入 only)
}

// Options tune Run. The zero value is valid.
type Options struct {
	// Today stands in for a missing applied_on (as in check and build).
	Today time.Time
	// Workers is the number of inputs read and judged at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, when not nil, is called after each input with the count done and the total,
	// from one goroutine, in order.
	Progress func(done, total int)
}

// Result is the summary and the 审核清单.
type Result struct {
	// Sheets are the programme's summary sheets over the inputs that went in; nil when none did.
	Sheets  []*document.Sheet
	Entries []Entry // one per input, in input order
}

// Included counts the inputs that went in.
func (r *Result) Included() int {
	n := 0
	for _, e := range r.Entries {
		if e.Verdict == Included {
			n++
		}
	}
	return n
}

// Count is the number of inputs with the verdict.
func (r *Result) Count(v Verdict) int {
	n := 0
	for _, e := range r.Entries {
		if e.Verdict == v {
			n++
		}
	}
	return n
}

// ErrNoSheet: the programme's template defines no summary sheet.
var ErrNoSheet = errors.New("模板没有定义汇总表")

// Run reads and judges every input and builds the summary of those that went in. It fails only
// when the programme has no summary sheet; every problem of an input is its Entry's verdict.
func Run(p *programme.Programme, inputs []string, opts Options) (*Result, error) {
	sp := newSummaryPlan(p)
	if len(sp.outputs) == 0 {
		return nil, ErrNoSheet
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	col := newCollector(sp, len(inputs))
	type job struct {
		input string
		out   chan *outcome
	}
	jobs := make(chan job)
	// order holds the pending outcomes in input order; its capacity bounds how far the
	// workers may run ahead of the collector, and so the memory held.
	order := make(chan chan *outcome, 4*workers)
	go func() {
		for _, in := range inputs {
			ch := make(chan *outcome, 1)
			order <- ch
			jobs <- job{in, ch}
		}
		close(jobs)
		close(order)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for j := range jobs {
				j.out <- sp.judge(j.input, opts.Today, &buf)
			}
		}()
	}
	done := 0
	for ch := range order {
		col.add(<-ch)
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(inputs))
		}
	}
	wg.Wait()
	return col.result(), nil
}
