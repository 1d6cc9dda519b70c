package programme_test

import (
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// A column written {field: x} takes its header, unit, kind and value from the field: a
// bracketed unit of the label (职工总数（人）) becomes the column's unit, money is in 万元, an
// option field shows its option's label; in a report table the field is the row's column.
func TestColumnFromField(t *testing.T) {
	const src = `format: 1
id: colf
title: 列
sections:
  - id: s
    fields:
      - {id: kind, label: 认定类型, type: enum, options: [{value: first, label: 首次认定}, {value: renewal, label: 重新认定}]}
      - {id: budget, label: 项目总投资, type: money}
      - {id: items, label: 明细, type: table, columns: [{id: level, label: 级别, type: enum, options: [{value: n, label: 国家级}]}, {id: on, label: 授权日期, type: date}]}
outputs:
  - id: sheet
    kind: sheet
    file: a.xlsx
    sheet:
      name: 表
      columns:
        - {field: enterprise.credit_code}
        - {field: enterprise.employees}
        - {field: budget}
        - {field: kind}
        - {field: budget, header: 总投资}
  - id: report
    kind: report
    file: a.pdf
    blocks:
      - table: {rows: items, columns: [{field: level}, {field: on, width: 2}]}
`
	p, err := programme.Parse("colf.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dossier.Decode(strings.NewReader(`{"format":1,"programme":"colf","enterprise":{"credit_code":"91140100MA0GRX123G","employees":120},
		"answers":{"kind":"renewal","budget":"1500.5","items":[{"level":"n","on":"2018-05-20"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	ev := programme.Evaluate(p, f, today)
	sh, err := programme.BuildSheet(outputOf(t, ev, "sheet"), []*programme.Evaluation{ev})
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, c := range sh.Columns {
		heads = append(heads, c.Header+"|"+c.Unit+"|"+c.Kind)
	}
	if got, want := strings.Join(heads, " "), "统一社会信用代码||text 职工总数|人|int 项目总投资|万元|money 认定类型||text 总投资||money"; got != want {
		t.Errorf("sheet columns:\n got %s\nwant %s", got, want)
	}
	row := sh.Rows[0]
	if row[0].Text != "91140100MA0GRX123G" || row[1].Number != "120" || row[2].Number != "1500.50" || row[3].Text != "重新认定" {
		t.Errorf("sheet row: %+v", row)
	}
	rep := ev.Report(outputOf(t, ev, "report"), time.Time{})
	tab := tableOf(t, rep)
	if c := tab.Columns; len(c) != 2 || c[0].Header != "级别" || c[1].Header != "授权日期" || c[1].Kind != "date" || c[1].Width != 2 {
		t.Errorf("table columns: %+v", c)
	}
	if len(tab.Rows) != 1 || tab.Rows[0][0] != "国家级" || !strings.Contains(tab.Rows[0][1], "2018") {
		t.Errorf("table rows: %+v", tab.Rows)
	}
}

// A {field: x} column naming no field, a field with a value too, or a field that cannot be a
// column are reported at their line.
func TestColumnFromFieldProblems(t *testing.T) {
	const src = `format: 1
id: colf
title: 列
sections:
  - id: s
    fields:
      - {id: ok, label: 是否, type: bool}
outputs:
  - id: sheet
    kind: sheet
    file: a.xlsx
    sheet:
      name: 表
      columns:
        - {field: nosuch}
        - {field: enterprise.name, value: enterprise.name}
        - {field: ok}
`
	_, err := programme.Parse("colf.yaml", []byte(src), nil)
	if err == nil {
		t.Fatal("no problems reported")
	}
	for _, want := range []string{"colf.yaml:15:", "“nosuch” 不是字段", "colf.yaml:16:", "不能再写 value", "colf.yaml:17:", "“ok” 是bool字段"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

// tableOf is the report's first table.
func tableOf(t *testing.T, r *document.Report) *document.Table {
	t.Helper()
	for _, b := range r.Blocks {
		if tab, ok := b.(*document.Table); ok {
			return tab
		}
	}
	t.Fatal("no table in the report")
	return nil
}
