package ui

import (
	"bytes"
	"strings"
	"testing"

	"dossier/dossier"
)

// An unanswered 是/否 question shows its rule as 待填写, never ✓ with "实际：…未发生".
func TestPanelShowsPendingRule(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	p := h.u.deps.Programmes.Get("shanxi-hightech-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	delete(f.Answers, "major_incident_last_year")
	id, err := h.u.addDossier(p.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	h.u.openDossier(id)
	row := h.editor().panel.rows["no-major-incident"]
	if row == nil {
		t.Fatal("no rule no-major-incident in the panel")
	}
	if !strings.HasPrefix(row.title.Text, "○ 待填写") || strings.Contains(row.detail.Text, "实际：申请认定前一年内未发生") {
		t.Errorf("unanswered rule shows %q / %q", row.title.Text, row.detail.Text)
	}
	if v := h.editor().panel.verdict.Text; strings.Contains(v, "符合申报条件") && !strings.Contains(v, "不符合") {
		t.Errorf("verdict %q", v)
	}
}
