package ui

import (
	"bytes"
	"testing"

	"dossier/dossier"
)

// Every programme's demo opens, every section builds, and the demo is eligible on screen.
func TestEveryProgrammeDemoOpens(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	for _, p := range h.u.deps.Programmes.All() {
		if len(p.Demo) == 0 {
			continue
		}
		f, err := dossier.Decode(bytes.NewReader(p.Demo))
		if err != nil {
			t.Fatal(err)
		}
		id, err := h.u.addDossier(p.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		h.u.openDossier(id)
		ed := h.editor()
		for k := range ed.visible {
			ed.nav.Select(k)
		}
		if ed.sess.Evaluate().Eligible() && ed.panel.verdict.Text != "✓ 符合申报条件" {
			t.Errorf("%s: verdict %q", p.ID, ed.panel.verdict.Text)
		}
		h.u.showHome()
	}
}
