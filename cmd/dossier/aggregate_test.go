package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// aggregate: exit 0 when everything went in; exit 2 when anything was left out, with the
// list on stderr, and the summary of the rest still written beside its 审核清单.
func TestAggregateExitCodesAndChecklist(t *testing.T) {
	dir := t.TempDir()
	data := writeDemo(t, nil)
	ineligible := writeDemo(t, func(m map[string]any) {
		ent(m)["credit_code"] = "91140105MA0K7D3Q3K"
		ent(m)["province"] = "河北省"
	})
	ok := filepath.Join(dir, "ok.xlsx")
	if code, out, errOut := dossierCmd(t, "aggregate", id, "--out", ok, data); code != 0 || !strings.Contains(out, "已汇总 1 份") {
		t.Fatalf("exit %d %s%s", code, out, errOut)
	}
	mixed := filepath.Join(dir, "mixed.xlsx")
	code, out, errOut := dossierCmd(t, "aggregate", id, "--out", mixed, data, data, ineligible)
	if code != 2 || !strings.Contains(out, "已汇总 1 份") || !strings.Contains(errOut, "[重复] "+data) ||
		!strings.Contains(errOut, "[不符合] "+ineligible) || !strings.Contains(errOut, "未纳入 2 份") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	f, err := excelize.OpenFile(mixed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if names := f.GetSheetList(); len(names) != 2 || names[1] != "审核清单" {
		t.Fatalf("sheets %v", names)
	}
	rows, _ := f.GetRows("审核清单")
	var verdicts []string
	for _, r := range rows[3:] {
		verdicts = append(verdicts, r[5])
	}
	if strings.Join(verdicts, " ") != "纳入 重复 不符合" {
		t.Errorf("审核清单: %v", rows)
	}
}
