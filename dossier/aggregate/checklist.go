package aggregate

import (
	"fmt"
	"strconv"
	"strings"

	"dossier/dossier/document"
)

// ChecklistName is the worksheet name of the 审核清单.
const ChecklistName = "审核清单"

// Checklist is the 审核清单 as a sheet: every input, in the order given, with its verdict and
// why. title is the programme's title.
func (r *Result) Checklist(title string, withProject bool) *document.Sheet {
	cols := []document.Column{
		{Header: "序号", Kind: "int", Align: "center", Width: 1},
		{Header: "输入（数据文件或申报包）", Width: 4},
		{Header: "企业名称", Width: 3},
		{Header: "统一社会信用代码", Width: 2.5},
	}
	if withProject {
		cols = append(cols, document.Column{Header: "项目名称", Width: 3})
	}
	cols = append(cols,
		document.Column{Header: "审核结论", Align: "center", Width: 1.5},
		document.Column{Header: "原因", Width: 6})
	sh := &document.Sheet{Name: ChecklistName, Title: title + "汇总审核清单", Subtitle: r.Summary(), Columns: cols}
	sh.Rows = make([][]document.Cell, len(r.Entries))
	for i, e := range r.Entries {
		row := []document.Cell{{Number: strconv.Itoa(i + 1)}, {Text: e.Input}, {Text: e.Name}, {Text: e.CreditCode}}
		if withProject {
			row = append(row, document.Cell{Text: e.Project})
		}
		sh.Rows[i] = append(row, document.Cell{Text: e.Verdict.String()}, document.Cell{Text: e.Reason})
	}
	return sh
}

// Summary is one line: how many inputs, and how many of each verdict.
func (r *Result) Summary() string {
	parts := []string{fmt.Sprintf("共 %d 份", len(r.Entries))}
	for v := Included; v <= Tampered; v++ {
		if n := r.Count(v); n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 份", v, n))
		}
	}
	return strings.Join(parts, "，")
}
