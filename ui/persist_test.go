package ui

import (
	"errors"
	"testing"
)

// The editor saves the profile and the dossier together: when the dossier cannot be
// written, the enterprise keeps its stored name too, and the change stays unsaved.
func TestSaveWritesProfileAndDossierTogether(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	before, err := h.st.Enterprise(h.u.ctx, ed.enterpriseID)
	if err != nil {
		t.Fatal(err)
	}
	if err := ed.sess.Set("enterprise.name", "改过名的企业"); err != nil {
		t.Fatal(err)
	}
	disk := errors.New("disk full")
	h.st.FailDossierWrites(disk)
	if err := ed.persist(); !errors.Is(err, disk) {
		t.Fatalf("persist() = %v, want the dossier's failure", err)
	}
	if e, _ := h.st.Enterprise(h.u.ctx, ed.enterpriseID); e.Name != before.Name {
		t.Errorf("the enterprise was renamed to %q though its dossier was not saved", e.Name)
	}
	if !ed.sess.Dirty() {
		t.Error("a failed save was marked saved")
	}
	h.st.FailDossierWrites(nil)
	if err := ed.persist(); err != nil {
		t.Fatal(err)
	}
	if e, _ := h.st.Enterprise(h.u.ctx, ed.enterpriseID); e.Name != "改过名的企业" {
		t.Errorf("after the retry the enterprise is %q", e.Name)
	}
}
