package master_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"dossier/dossier/master"
)

// Merging a master row into an existing profile keeps what the row leaves empty (other
// fields, other years, the intellectual property table), takes the row's values, and Changes
// names exactly what differs by the master's labels: 1500 and 1500.00 are the same number.
func TestMergeAndChanges(t *testing.T) {
	p := shipped(t).Get("shanxi-techinnov-2019")
	old := map[string]any{
		"name": "山西甲科技有限公司", "credit_code": "91140100MA0GRX123G", "employees": json.Number("300"), "address": "太原市",
		"ip": []any{map[string]any{"title": "一种装置"}},
		"finance": []any{
			map[string]any{"year": json.Number("2017"), "main_revenue": json.Number("900")},
			map[string]any{"year": json.Number("2018"), "main_revenue": json.Number("1500.00"), "sales_revenue": json.Number("1400")},
		},
	}
	row := map[string]any{
		"name": "山西甲科技有限公司", "credit_code": "91140100MA0GRX123G", "employees": json.Number("320"),
		"finance": []any{map[string]any{"year": json.Number("2018"), "main_revenue": json.Number("1500"), "sales_revenue": json.Number("1600")}},
	}
	merged := master.Merge(old, row)
	if merged["address"] != "太原市" || merged["ip"] == nil || fmt.Sprint(merged["employees"]) != "320" {
		t.Errorf("merged: %v", merged)
	}
	fin := merged["finance"].([]any)
	if len(fin) != 2 || fmt.Sprint(fin[0].(map[string]any)["main_revenue"]) != "900" || fmt.Sprint(fin[1].(map[string]any)["sales_revenue"]) != "1600" {
		t.Errorf("finance merged: %v", fin)
	}
	if fmt.Sprint(old["finance"].([]any)[1].(map[string]any)["sales_revenue"]) != "1400" || fmt.Sprint(old["employees"]) != "300" {
		t.Error("Merge changed the old profile")
	}
	got := fmt.Sprint(master.Changes(p, old, merged))
	if want := "[{职工总数（人） 300 320} {2018年 销售收入 1,400.00 1,600.00}]"; got != want {
		t.Errorf("changes %s, want %s", got, want)
	}
	if c := master.Changes(p, old, master.Merge(old, map[string]any{"employees": json.Number("300.0")})); len(c) != 0 {
		t.Errorf("no change expected: %v", c)
	}
}
