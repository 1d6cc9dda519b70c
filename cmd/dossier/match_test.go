package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// match: one line per programme, id<TAB>verdict<TAB>reasons; --json exactly as CONTRACT.md;
// exit 0 for a valid file whatever the verdicts, 2 for an invalid one.
func TestMatchCommand(t *testing.T) {
	path := writeDemo(t, func(m map[string]any) {
		ent := m["enterprise"].(map[string]any)
		fin := ent["finance"].([]any)
		fin[2].(map[string]any)["main_revenue"] = 1150.00 // 350.00 short of 1,500
	})
	code, out, errOut := dossierCmd(t, "match", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 10 {
		t.Errorf("%d lines, want one per programme (10):\n%s", len(lines), out)
	}
	found := false
	for _, l := range lines {
		cols := strings.Split(l, "\t")
		if len(cols) != 3 || (cols[1] != "符合" && cols[1] != "不符合" && cols[1] != "待补充") {
			t.Errorf("line %q is not id<TAB>verdict<TAB>reasons", l)
		}
		if cols[0] == id {
			found = true
			if cols[1] != "不符合" || !strings.Contains(cols[2], "2018年度主营业务收入还差 350.00 万元") {
				t.Errorf("techinnov line: %q", l)
			}
		}
	}
	if !found {
		t.Errorf("no line for %s", id)
	}

	code, out, _ = dossierCmd(t, "match", path, "--json")
	if code != 0 {
		t.Fatalf("--json exit %d", code)
	}
	var doc struct {
		Programmes []map[string]json.RawMessage `json:"programmes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Programmes) != 10 {
		t.Fatalf("--json: %v, %d programmes\n%s", err, len(doc.Programmes), out)
	}
	for _, p := range doc.Programmes {
		var keys []string
		for k := range p {
			keys = append(keys, k)
		}
		if len(p) != 4 || p["id"] == nil || p["verdict"] == nil || p["unmet"] == nil || p["missing"] == nil {
			t.Errorf("programme keys %v, want id verdict unmet missing", keys)
		}
		var pid, verdict string
		_ = json.Unmarshal(p["id"], &pid)
		_ = json.Unmarshal(p["verdict"], &verdict)
		if verdict != "eligible" && verdict != "not-eligible" && verdict != "incomplete" {
			t.Errorf("%s verdict %q", pid, verdict)
		}
		if pid != id {
			continue
		}
		var unmet []map[string]string
		_ = json.Unmarshal(p["unmet"], &unmet)
		if verdict != "not-eligible" || len(unmet) != 1 || unmet[0]["rule"] != "main-revenue-2018" ||
			unmet[0]["gap"] != "2018年度主营业务收入还差 350.00 万元" || len(unmet[0]) != 3 {
			t.Errorf("techinnov: %s %v", verdict, unmet)
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format": 1, "enterprise": {"credit_code": "91140100MA0GRX123X", "employees": "很多"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = dossierCmd(t, "match", bad)
	if code != 2 || !strings.Contains(errOut, "统一社会信用代码") || !strings.Contains(errOut, "职工总数") {
		t.Errorf("invalid enterprise: exit %d, %s", code, errOut)
	}
	profileOnly := filepath.Join(t.TempDir(), "profile.json")
	if err := os.WriteFile(profileOnly, []byte(`{"enterprise": {"name": "只有名称的企业"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := dossierCmd(t, "match", profileOnly); code != 0 || strings.Count(out, "\n") != 10 {
		t.Errorf("a profile with only a name: exit %d, %s%s", code, out, errOut)
	}
}
