package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dossier/dossier/records"
)

// TrashItem is one record in the trash.
type TrashItem struct {
	Kind         records.Kind
	ID           int64
	EnterpriseID int64  // for a dossier, its enterprise; for an enterprise, its own id
	Name         string // enterprise name, or dossier title
	Programme    string // dossier programme; empty for an enterprise
	Deleted      time.Time
	// WithEnterprise is true for a dossier that went to the trash because
	// its enterprise did; restoring the enterprise brings it back.
	WithEnterprise bool
}

// Delete moves a record to the trash, in one transaction. Deleting an
// enterprise also moves its live dossiers there; Restore of the enterprise
// brings back exactly those. Deleting a record already in the trash does
// nothing.
func (s *Store) Delete(ctx context.Context, kind records.Kind, id int64) error {
	now := stamp(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		switch kind {
		case records.KindEnterprise:
			if err := exists(ctx, tx, "enterprise", id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE enterprise SET deleted = ? WHERE id = ? AND deleted IS NULL`, now, id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE dossier SET deleted = ?, with_enterprise = 1
				WHERE enterprise_id = ? AND deleted IS NULL`, now, id)
			return err
		case records.KindDossier:
			if err := exists(ctx, tx, "dossier", id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE dossier SET deleted = ?, with_enterprise = 0
				WHERE id = ? AND deleted IS NULL`, now, id)
			return err
		}
		return fmt.Errorf("unknown kind %q: %w", kind, records.ErrInvalid)
	})
	if err != nil {
		return fmt.Errorf("store: delete %s %d: %w", kind, id, err)
	}
	return nil
}

// Restore takes a record out of the trash, in one transaction. Restoring an
// enterprise also restores the dossiers that were deleted with it (not those
// deleted on their own before). Restoring a dossier whose enterprise is in
// the trash restores that enterprise too, alone: its other dossiers stay in
// the trash as if deleted on their own. Restoring a live record does nothing.
func (s *Store) Restore(ctx context.Context, kind records.Kind, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		switch kind {
		case records.KindEnterprise:
			if err := exists(ctx, tx, "enterprise", id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE enterprise SET deleted = NULL WHERE id = ?`, id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE dossier SET deleted = NULL, with_enterprise = 0
				WHERE enterprise_id = ? AND with_enterprise = 1`, id)
			return err
		case records.KindDossier:
			var owner int64
			err := tx.QueryRowContext(ctx, `SELECT enterprise_id FROM dossier WHERE id = ?`, id).Scan(&owner)
			if errors.Is(err, sql.ErrNoRows) {
				return records.ErrNotFound
			}
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE enterprise SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL`, owner)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				// The enterprise comes back alone; its other dossiers become
				// ordinary trash.
				if _, err := tx.ExecContext(ctx, `UPDATE dossier SET with_enterprise = 0 WHERE enterprise_id = ?`, owner); err != nil {
					return err
				}
			}
			_, err = tx.ExecContext(ctx, `UPDATE dossier SET deleted = NULL, with_enterprise = 0 WHERE id = ?`, id)
			return err
		}
		return fmt.Errorf("unknown kind %q: %w", kind, records.ErrInvalid)
	})
	if err != nil {
		return fmt.Errorf("store: restore %s %d: %w", kind, id, err)
	}
	return nil
}

// exists fails with records.ErrNotFound unless table has a row with the given id.
// table is one of ours, never user input.
func exists(ctx context.Context, tx *sql.Tx, table string, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return records.ErrNotFound
	}
	return err
}

// Trash lists what is in the trash, most recently deleted first; an
// enterprise comes before the dossiers deleted with it.
func (s *Store) Trash(ctx context.Context) ([]TrashItem, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT 'enterprise', id, id, name, '', deleted, 0 FROM enterprise WHERE deleted IS NOT NULL
		UNION ALL
		SELECT 'dossier', id, enterprise_id, title, programme, deleted, with_enterprise FROM dossier WHERE deleted IS NOT NULL
		ORDER BY 6 DESC, 1 DESC, 2 DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: list trash: %w", err)
	}
	defer rows.Close()
	var list []TrashItem
	for rows.Next() {
		var (
			it      TrashItem
			deleted int64
		)
		if err := rows.Scan(&it.Kind, &it.ID, &it.EnterpriseID, &it.Name, &it.Programme, &deleted, &it.WithEnterprise); err != nil {
			return nil, fmt.Errorf("store: list trash: %w", err)
		}
		it.Deleted = unstamp(deleted)
		list = append(list, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list trash: %w", err)
	}
	return list, nil
}

// PurgeTrash deletes for good, in one transaction, the records that have
// been in the trash for at least olderThan (0 empties the trash), and returns
// how many records went. Purging an enterprise purges its dossiers with it.
func (s *Store) PurgeTrash(ctx context.Context, olderThan time.Duration) (int64, error) {
	if olderThan < 0 {
		return 0, fmt.Errorf("store: purge trash: negative age %v: %w", olderThan, records.ErrInvalid)
	}
	cutoff := stamp(s.now().Add(-olderThan))
	var purged int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		// Dossiers first (their own and their enterprises' age), explicitly
		// rather than through ON DELETE CASCADE, so the count is exact.
		for _, q := range []string{
			`DELETE FROM dossier WHERE deleted IS NOT NULL AND (deleted <= ?1
				OR enterprise_id IN (SELECT id FROM enterprise WHERE deleted <= ?1))`,
			`DELETE FROM enterprise WHERE deleted <= ?1`,
		} {
			res, err := tx.ExecContext(ctx, q, cutoff)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			purged += n
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: purge trash: %w", err)
	}
	return purged, nil
}
