package session

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The 附件 section's operations: add files, reorder, remove and put back; the statuses say
// which are missing and which files are unusable; export keeps the files and the folder they
// are relative to.
func TestAttachmentsInSession(t *testing.T) {
	s := demo(t, load(t))
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("%PDF-1.4\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("%PDF-1.4\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.docx"), []byte("PK\x03\x04"), 0o644)
	s.SetDir(dir)
	if st := s.Attachments(); len(st) == 0 || st[0].ID != "business-licence" || !st[0].Missing {
		t.Fatalf("statuses before: %+v", st)
	}
	if err := s.AddAttachment("business-licence", "a.pdf", "b.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAttachment("no-such", "a.pdf"); err == nil {
		t.Error("an unknown attachment id was accepted")
	}
	if err := s.MoveAttachment("business-licence", 1, 0); err != nil {
		t.Fatal(err)
	}
	st := s.Attachments()[0]
	if st.Missing || len(st.Files) != 2 || st.Files[0].Given != "b.pdf" || st.Files[0].Kind != "pdf" || st.Files[0].Err != "" {
		t.Errorf("after add and move: %+v", st)
	}
	path, err := s.RemoveAttachment("business-licence", 0)
	if err != nil || path != "b.pdf" {
		t.Fatalf("remove: %q %v", path, err)
	}
	if err := s.InsertAttachment("business-licence", 0, path); err != nil { // undo
		t.Fatal(err)
	}
	s.AddAttachment("audit-report", "c.docx")
	if !s.Evaluate().Invalid() || len(s.ProblemsFor("attachments.audit-report")) != 1 {
		t.Errorf("a .docx attachment is not a problem of its attachment: %v", s.Evaluate().Problems)
	}
	f := s.Export()
	if f.Dir != dir || !slices.Equal(f.Attachments["business-licence"], []string{"b.pdf", "a.pdf"}) {
		t.Errorf("export: dir %q, attachments %v", f.Dir, f.Attachments)
	}
}
