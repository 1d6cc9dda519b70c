package store

import (
	"context"
	"dossier/dossier/records"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCollectAttachments: only the stored copies that no dossier names any more (live or in
// the trash) and that are older than the grace period go; a copy named again is kept; the
// user's originals, a link to one, and files of other names are never touched; a copy goes
// only once the save that stopped naming it has committed.
func TestCollectAttachments(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	src, root := t.TempDir(), t.TempDir()
	file := func(dir, name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("%PDF-1.4 "+content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	e := mustEnterprise(t, s, "山西示例科技有限公司", "91140100MA0GRX123G")
	live := mustDossier(t, s, e.ID, "shanxi-hightech-2019", "live")
	trashed := mustDossier(t, s, e.ID, "shanxi-hightech-2019", "trashed")
	copyOf := func(d *records.Dossier, name string) string {
		c, err := CopyAttachment(root, d.ID, file(src, name, name))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	kept, dropped, young := copyOf(live, "营业执照.pdf"), copyOf(live, "旧审计报告.pdf"), copyOf(live, "刚加的.pdf")
	inTrash, purged := copyOf(trashed, "专利证书.pdf"), copyOf(trashed, "废弃.pdf")
	original := file(src, "用户原件.pdf", "original") // named by the dossier, outside the store
	link := filepath.Join(filepath.Dir(kept), "0123456789ab-链接.pdf")
	if err := os.Symlink(original, link); err != nil {
		t.Fatal(err)
	}
	other := file(filepath.Dir(kept), "notes.pdf", "not ours")
	save := func(d *records.Dossier, files ...string) {
		t.Helper()
		data, _ := json.Marshal(map[string]any{"format": 1, "programme": d.Programme, "answers": map[string]any{},
			"attachments": map[string][]string{"business-licence": files}})
		d.Data = data
		if err := s.SaveDossier(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	save(live, kept, dropped, original)
	save(trashed, inTrash)
	if err := s.Delete(ctx, records.KindDossier, trashed.ID); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * AttachmentGrace)
	for _, p := range []string{kept, dropped, inTrash, purged, original, other} {
		os.Chtimes(p, old, old)
	}
	os.Chtimes(filepath.Dir(purged), old, old)

	// The first run: only the trashed dossier's unnamed copy goes (the young one stays).
	n, err := s.CollectAttachments(ctx, root)
	if err != nil || n != 1 {
		t.Fatalf("first collection removed %d (%v), want 1", n, err)
	}
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	for _, p := range []string{kept, dropped, young, inTrash, original, link, other} {
		if !exists(p) {
			t.Errorf("%s was removed", p)
		}
	}
	if exists(purged) {
		t.Errorf("%s (named by no dossier) is still there", purged)
	}

	// The live dossier stops naming a copy: it goes only after that save, and a copy added
	// again (CopyAttachment of the same content) is young again and stays.
	save(live, kept, original)
	if again, err := CopyAttachment(root, live.ID, file(src, "刚加的.pdf", "刚加的.pdf")); err != nil || again != young {
		t.Fatalf("copy again: %s %v", again, err)
	}
	if n, err := s.CollectAttachments(ctx, root); err != nil || n != 1 || exists(dropped) || !exists(kept) || !exists(young) {
		t.Errorf("second collection: %d (%v); dropped there %v, kept there %v", n, err, exists(dropped), exists(kept))
	}

	// Purging the trashed dossier frees its copies and, empty, its folder.
	if _, err := s.PurgeTrash(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CollectAttachments(ctx, root); err != nil || n != 1 || exists(filepath.Dir(inTrash)) {
		t.Errorf("after purge: %d (%v); folder there %v", n, err, exists(filepath.Dir(inTrash)))
	}
	if !exists(original) || !exists(link) || !exists(other) {
		t.Error("a file that is not a stored copy was removed")
	}
	// A missing folder is nothing to collect.
	if n, err := s.CollectAttachments(ctx, filepath.Join(root, "none")); n != 0 || err != nil {
		t.Errorf("no folder: %d %v", n, err)
	}
}
