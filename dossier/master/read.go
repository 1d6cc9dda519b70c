package master

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/programme"
)

// MaxWorkbook is the largest master read (bytes): thousands of rows are a few MB.
const MaxWorkbook = 64 << 20

// MaxUnzipped bounds what a workbook may unpack to (a zip bomb is refused, not read).
const MaxUnzipped = 512 << 20

// headerScan is how many rows from the top are searched for the header (title rows, notes).
const headerScan = 30

// Row is one filled row of a master, read.
type Row struct {
	Number   int           // the worksheet's row number, as Excel shows it
	Name     string        // the enterprise's name ("" when the row has none)
	File     *dossier.File // the data file; nil when the row is bad
	Problems []string      // "第5行“2018年 主营业务收入”：…"; a row with any is not written
}

// Result is a master read.
type Result struct {
	Sheet     string
	HeaderRow int
	Rows      []Row
	// Ignored are headers that name no field of the programme (their columns are not read).
	Ignored []string
}

// ErrNotMaster wraps the reasons a workbook cannot be read as a master at all.
var ErrNotMaster = errors.New("不是可导入的企业名单")

// Read reads a master workbook of programme p. The header is the row, among the first 30 of
// the first sheet that has one, with the most cells naming the programme's columns (title
// rows above it, merged or not, are passed over). Every filled row below becomes a data file,
// or is reported: a cell that does not parse or breaks its field's constraints (or the
// profile's own checks) is named by row number and column label. today is for the profile's
// date checks when a row gives no 申报日期.
func Read(p *programme.Programme, data []byte, today time.Time) (*Result, error) {
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped})
	if err != nil && strings.Contains(err.Error(), "unzip size") {
		return nil, fmt.Errorf("%w：工作簿解压后超过 %d MB，不像企业名单，请检查文件", ErrNotMaster, MaxUnzipped>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("%w：文件不是有效的 Excel 工作簿（.xlsx）；.xls 等旧格式请先在 Excel 或 WPS 中另存为 .xlsx", ErrNotMaster)
	}
	defer x.Close()
	byLabel := map[string]Column{}
	for _, c := range Columns(p, nil) {
		byLabel[normal(c.Label)] = c
	}
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			continue
		}
		h, cols := findHeader(rows, byLabel)
		if h < 0 {
			continue
		}
		res := &Result{Sheet: sheet, HeaderRow: h + 1}
		for i, cell := range rows[h] {
			if cols[i] == nil && strings.TrimSpace(cell) != "" {
				res.Ignored = append(res.Ignored, strings.TrimSpace(cell))
			}
		}
		res.Rows = readRows(p, rows[h+1:], cols, h+2, today)
		return res, nil
	}
	return nil, fmt.Errorf("%w：前 %d 行中找不到表头（应有与表单一致的列名，如“企业名称”“统一社会信用代码”；可用 dossier master 生成空白名单）", ErrNotMaster, headerScan)
}

var yearLabel = regexp.MustCompile(`^(\d{4})年(.+)$`)

// findHeader is the index of the header row and each of its cells' column (nil: not ours),
// or -1.
func findHeader(rows [][]string, byLabel map[string]Column) (int, []*Column) {
	best, bestN := -1, 1 // one matching cell could be a title; a header names at least two
	var bestCols []*Column
	for r := 0; r < len(rows) && r < headerScan; r++ {
		cols := make([]*Column, len(rows[r]))
		n := 0
		for i, cell := range rows[r] {
			if c, ok := columnFor(normal(cell), byLabel); ok {
				cols[i] = &c
				n++
			}
		}
		if n > bestN {
			best, bestN, bestCols = r, n, cols
		}
	}
	return best, bestCols
}

// columnFor is the column a header names; finance headers may be of any year.
func columnFor(h string, byLabel map[string]Column) (Column, bool) {
	if h == "" {
		return Column{}, false
	}
	if c, ok := byLabel[h]; ok {
		return c, true
	}
	m := yearLabel.FindStringSubmatch(h)
	if m == nil {
		return Column{}, false
	}
	y, _ := strconv.Atoi(m[1])
	if y < dossier.MinYear || y > dossier.MaxYear {
		return Column{}, false
	}
	if c, ok := financeColumn(m[2]); ok {
		c.Year = y
		c.Label = strconv.Itoa(y) + "年 " + c.Field.Label
		return c, true
	}
	return Column{}, false
}

// financeColumn finds the finance item a header names, from the profile's finance columns.
func financeColumn(item string) (Column, bool) {
	pr, err := programme.EnterpriseProfile()
	if err != nil {
		return Column{}, false
	}
	f := pr.Field("finance")
	for i := range f.Columns {
		c := &f.Columns[i]
		if c.ID != "year" && normal(c.Label) == item {
			return Column{Label: c.Label, Field: c, In: InFinance, ID: c.ID}, true
		}
	}
	return Column{}, false
}

// readRows reads the rows below the header (the first is worksheet row first), in parallel:
// rows are independent. Empty rows are left out.
func readRows(p *programme.Programme, rows [][]string, cols []*Column, first int, today time.Time) []Row {
	out := make([]Row, len(rows))
	filled := make([]bool, len(rows))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], filled[i] = readRow(p, rows[i], cols, first+i, today)
			}
		}()
	}
	for i := range rows {
		next <- i
	}
	close(next)
	wg.Wait()
	kept := out[:0]
	for i := range out {
		if filled[i] {
			kept = append(kept, out[i])
		}
	}
	return kept
}

// rowReader builds one row's data file.
type rowReader struct {
	p        *programme.Programme
	number   int
	file     *dossier.File
	finance  map[int]map[string]any
	labels   map[string]string // path in the data file → column label
	finLabel map[int]map[string]string
	problems []rowProblem
	order    map[string]int // column label → position, for problems in the sheet's order
}

type rowProblem struct {
	col  int
	text string
}

func readRow(p *programme.Programme, cells []string, cols []*Column, number int, today time.Time) (Row, bool) {
	rr := &rowReader{p: p, number: number, finance: map[int]map[string]any{}, labels: map[string]string{}, finLabel: map[int]map[string]string{}, order: map[string]int{},
		file: &dossier.File{Format: dossier.FormatVersion, Programme: p.ID, Enterprise: map[string]any{}, Answers: map[string]any{}}}
	filled := false
	for i, cell := range cells {
		text := strings.TrimSpace(cell)
		if text == "" || i >= len(cols) || cols[i] == nil {
			continue
		}
		filled = true
		rr.order[cols[i].Label] = i
		rr.cell(*cols[i], text)
	}
	if !filled {
		return Row{}, false
	}
	rr.finish()
	for _, pr := range programme.FileProblems(rr.file, today) {
		if pr.Warning {
			continue
		}
		if label, ok := rr.labels[pr.Field]; ok {
			rr.add(label, strings.TrimPrefix(pr.Message, pr.Label+"："))
		}
	}
	sort.SliceStable(rr.problems, func(i, j int) bool { return rr.problems[i].col < rr.problems[j].col })
	row := Row{Number: number}
	for _, pr := range rr.problems {
		row.Problems = append(row.Problems, pr.text)
	}
	row.Name, _ = rr.file.Enterprise["name"].(string)
	if len(row.Problems) == 0 {
		row.File = rr.file
	}
	return row, true
}

func (rr *rowReader) add(label, msg string) {
	rr.problems = append(rr.problems, rowProblem{rr.order[label], fmt.Sprintf("第%d行“%s”：%s", rr.number, label, msg)})
}

// cell reads one cell into the data file.
func (rr *rowReader) cell(c Column, text string) {
	v, msg := parseCell(c.Field, text)
	if msg != "" {
		rr.add(c.Label, msg)
		return
	}
	if c.In == InAnswers {
		for _, m := range programme.ValueProblems(c.Field, v) {
			rr.add(c.Label, m)
		}
	}
	jv := jsonValue(v)
	switch c.In {
	case InAppliedOn:
		rr.file.AppliedOn = jv.(string)
		rr.labels["applied_on"] = c.Label
	case InEnterprise:
		rr.file.Enterprise[c.ID] = jv
		rr.labels["enterprise."+c.ID] = c.Label
	case InFinance:
		if rr.finance[c.Year] == nil {
			rr.finance[c.Year] = map[string]any{"year": json.Number(strconv.Itoa(c.Year))}
			rr.finLabel[c.Year] = map[string]string{}
		}
		rr.finance[c.Year][c.ID] = jv
		rr.finLabel[c.Year][c.ID] = c.Label
	case InAnswers:
		if c.Sub == "" {
			rr.file.Answers[c.ID] = jv
		} else {
			obj, _ := rr.file.Answers[c.ID].(map[string]any)
			if obj == nil {
				obj = map[string]any{}
				rr.file.Answers[c.ID] = obj
			}
			obj[c.Sub] = jv
		}
		rr.labels[c.path(0)] = c.Label
	}
}

// finish puts the finance years in order.
func (rr *rowReader) finish() {
	if len(rr.finance) == 0 {
		return
	}
	years := make([]int, 0, len(rr.finance))
	for y := range rr.finance {
		years = append(years, y)
	}
	sort.Ints(years)
	list := make([]any, len(years))
	for i, y := range years {
		list[i] = rr.finance[y]
		for id, label := range rr.finLabel[y] {
			rr.labels["enterprise.finance["+strconv.Itoa(i)+"]."+id] = label
		}
	}
	rr.file.Enterprise["finance"] = list
}

// parseCell reads a cell's text (a raw cell value: numbers unformatted, dates as Excel serial
// numbers) as its field's value.
func parseCell(f *programme.Field, text string) (any, string) {
	switch f.Type {
	case programme.TypeDate:
		if serial, err := strconv.ParseFloat(text, 64); err == nil {
			t, err := excelize.ExcelDateToTime(serial, false)
			if err != nil || t.Year() < dossier.MinYear || t.Year() > dossier.MaxYear {
				return nil, fmt.Sprintf("“%s”不是有效日期（如 2019-05-20）", text)
			}
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), ""
		}
	case programme.TypeEnum:
		var labels []string
		for _, o := range f.Options {
			if o.Value == text || (o.Label != "" && normal(o.Label) == normal(text)) {
				return o.Value, ""
			}
			labels = append(labels, optionLabel(f, o.Value))
		}
		if len(labels) > 0 {
			return nil, fmt.Sprintf("“%s”不是可选项（可选：%s）", text, strings.Join(labels, "、"))
		}
	case programme.TypeMoney, programme.TypeInteger, programme.TypePercent:
		text = excelNumber(text)
	}
	return f.Parse(text)
}

// excelNumber undoes binary floating point in a number cell: Excel stores 1499.99 as
// 1499.9899999999998 after a calculation, and shows 15 significant digits, as is read here.
func excelNumber(text string) string {
	if !plainFloat.MatchString(text) {
		return text
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return text
	}
	if d, err := decimal.Parse(text); err == nil && d.Digits() <= programme.MaxDigits {
		return text
	}
	return strconv.FormatFloat(f, 'g', programme.MaxDigits, 64)
}

var plainFloat = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

// jsonValue is a typed value as a data file holds it.
func jsonValue(v any) any {
	switch x := v.(type) {
	case decimal.D:
		return json.Number(x.String())
	case int:
		return json.Number(strconv.Itoa(x))
	case time.Time:
		return x.Format("2006-01-02")
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return v
}
