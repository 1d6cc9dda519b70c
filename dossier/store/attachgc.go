package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/dossier/fsafe"
)

// AttachmentGrace is how long a stored copy is kept although no dossier references it: the
// GUI copies a file (CopyAttachment) before the dossier that names it is saved, and 撤销 puts
// a removed file back; a copy that young may be about to be referenced again.
const AttachmentGrace = 24 * time.Hour

// CollectAttachments removes the copies in root (the folder CopyAttachment stores into) that no
// dossier references any more, live or in the trash (a restored dossier keeps its files), and
// returns how many it removed. It touches only what CopyAttachment makes: regular files named
// <12 hex digits>-<name> in a folder named by a dossier id directly under root, never a
// symbolic link, never anything outside root, so a user's original is never removed even if
// a dossier names it. It reads the references under the store's write lock, so no save
// commits between reading them and removing a copy, and it keeps copies changed within
// AttachmentGrace. A copy that cannot be removed is left and reported (in Chinese); the
// others are still collected.
func (s *Store) CollectAttachments(ctx context.Context, root string) (int, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return 0, nil
	}
	if fi, err := os.Lstat(root); err != nil || !fi.IsDir() {
		return 0, nil // nothing stored yet (or not a folder of ours)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	refs, err := s.attachmentRefs(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: collect attachments: %w", err)
	}
	dirs, err := os.ReadDir(root)
	if err != nil {
		return 0, fmt.Errorf("无法读取附件副本文件夹 %s：%s", root, fsafe.Describe(err))
	}
	removed, errs := 0, []error(nil)
	for _, d := range dirs {
		if !d.IsDir() || strings.Trim(d.Name(), "0123456789") != "" { // IsDir is false for a link
			continue
		}
		n, err := collectDir(filepath.Join(root, d.Name()), refs, time.Now().Add(-AttachmentGrace))
		removed += n
		errs = append(errs, err)
	}
	return removed, errors.Join(errs...)
}

// collectDir removes the unreferenced copies older than before from one dossier's folder, and
// the folder when that leaves it empty.
func collectDir(dir string, refs map[string]bool, before time.Time) (int, error) {
	files, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("无法读取附件副本文件夹 %s：%s", dir, fsafe.Describe(err))
	}
	removed, left := 0, len(files)
	var errs []error
	for _, f := range files {
		name := f.Name()
		if !f.Type().IsRegular() || AttachmentName(name) == name {
			continue // not a copy CopyAttachment made
		}
		path := filepath.Join(dir, name)
		info, err := f.Info()
		if err != nil || refs[path] || !info.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(path); err != nil {
			errs = append(errs, fmt.Errorf("无法删除不再使用的附件副本 %s：%s", path, fsafe.Describe(err)))
			continue
		}
		removed++
		left--
	}
	if left == 0 {
		os.Remove(dir) // only an empty folder goes; a failure leaves it, harmlessly
	}
	return removed, errors.Join(errs...)
}

// attachmentRefs is every file path the dossiers' data files name under attachments (cleaned,
// absolute as CopyAttachment returns them), live and trashed dossiers alike.
func (s *Store) attachmentRefs(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM dossier`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	refs := map[string]bool{}
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var f struct {
			Attachments map[string][]string `json:"attachments"`
		}
		if err := json.Unmarshal(data, &f); err != nil {
			// A data file we cannot read may reference anything: collect nothing.
			return nil, fmt.Errorf("dossier data unreadable: %w", err)
		}
		for _, paths := range f.Attachments {
			for _, p := range paths {
				if abs, err := filepath.Abs(p); err == nil {
					refs[abs] = true
				}
			}
		}
	}
	return refs, rows.Err()
}
