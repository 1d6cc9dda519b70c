package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"dossier/dossier/records"
)

// SaveDossier inserts d when d.ID is 0 (setting d.ID) and updates it
// otherwise, in one transaction, and sets d.Updated. A new dossier, or one
// moved to another enterprise, needs a live enterprise (else records.ErrNotFound or
// records.ErrInTrash). Saving a dossier in the trash updates it there, so a save that
// was queued before the user deleted it is not lost. d.Deleted is ignored.
func (s *Store) SaveDossier(ctx context.Context, d *records.Dossier) error {
	data, err := dossierData(d)
	if err != nil {
		return err
	}
	now := s.now()
	var id int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		id, err = saveDossier(ctx, tx, d, d.EnterpriseID, data, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save dossier %d: %w", d.ID, err)
	}
	d.ID, d.Updated = id, unstamp(stamp(now))
	return nil
}

// SaveEnterpriseDossier saves e and then d as a dossier of e in one
// transaction, as SaveEnterprise and SaveDossier do: both are written or
// neither is. On success e.ID, e.Updated, d.ID, d.EnterpriseID and d.Updated
// are set; on failure e and d are left as they were.
func (s *Store) SaveEnterpriseDossier(ctx context.Context, e *records.Enterprise, d *records.Dossier) error {
	profile, err := enterpriseProfile(e)
	if err != nil {
		return err
	}
	data, err := dossierData(d)
	if err != nil {
		return err
	}
	now := s.now()
	var eid, did int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		if eid, err = saveEnterprise(ctx, tx, e, profile, now); err != nil {
			return fmt.Errorf("enterprise %d: %w", e.ID, err)
		}
		did, err = saveDossier(ctx, tx, d, eid, data, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save enterprise %d with dossier %d: %w", e.ID, d.ID, err)
	}
	at := unstamp(stamp(now))
	e.ID, e.Updated = eid, at
	d.ID, d.EnterpriseID, d.Updated = did, eid, at
	return nil
}

// dossierData checks d before a save and returns its data as stored.
func dossierData(d *records.Dossier) (string, error) {
	if d == nil {
		return "", fmt.Errorf("store: save dossier: nil: %w", records.ErrInvalid)
	}
	if strings.TrimSpace(d.Programme) == "" {
		return "", fmt.Errorf("store: save dossier %d: no programme: %w", d.ID, records.ErrInvalid)
	}
	data, err := jsonText(d.Data)
	if err != nil {
		return "", fmt.Errorf("store: save dossier %d: data: %w", d.ID, err)
	}
	return data, nil
}

// saveDossier inserts (d.ID 0) or updates d in tx as a dossier of enterprise
// owner and returns its id; d is not changed.
func saveDossier(ctx context.Context, tx *sql.Tx, d *records.Dossier, owner int64, data string, now time.Time) (int64, error) {
	if d.ID == 0 {
		if err := liveEnterprise(ctx, tx, owner); err != nil {
			return 0, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO dossier
			(enterprise_id, programme, title, status, data, updated) VALUES (?, ?, ?, ?, ?, ?)`,
			owner, d.Programme, d.Title, d.Status, data, stamp(now))
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	var was int64
	err := tx.QueryRowContext(ctx, `SELECT enterprise_id FROM dossier WHERE id = ?`, d.ID).Scan(&was)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, records.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if was != owner {
		if err := liveEnterprise(ctx, tx, owner); err != nil {
			return 0, err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE dossier SET enterprise_id = ?, programme = ?, title = ?,
		status = ?, data = ?, updated = ? WHERE id = ?`,
		owner, d.Programme, d.Title, d.Status, data, stamp(now), d.ID)
	return d.ID, err
}

// liveEnterprise fails unless enterprise id exists and is not in the trash.
func liveEnterprise(ctx context.Context, tx *sql.Tx, id int64) error {
	var deleted sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT deleted FROM enterprise WHERE id = ?`, id).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("enterprise %d: %w", id, records.ErrNotFound)
	case err != nil:
		return err
	case deleted.Valid:
		return fmt.Errorf("enterprise %d: %w", id, records.ErrInTrash)
	}
	return nil
}

// Dossier returns the dossier with the given id, Data included, live or in
// the trash.
func (s *Store) Dossier(ctx context.Context, id int64) (*records.Dossier, error) {
	var (
		d       records.Dossier
		data    []byte
		updated int64
		deleted sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, enterprise_id, programme, title, status, data, updated, deleted
		FROM dossier WHERE id = ?`, id).
		Scan(&d.ID, &d.EnterpriseID, &d.Programme, &d.Title, &d.Status, &data, &updated, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		err = records.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: dossier %d: %w", id, err)
	}
	d.Data = data
	d.Updated, d.Deleted = unstamp(updated), unstampNull(deleted)
	return &d, nil
}

// Dossiers lists the live dossiers of an enterprise, most recently saved
// first. To keep the home screen light it leaves Data nil; call Dossier for
// the full record.
func (s *Store) Dossiers(ctx context.Context, enterpriseID int64) ([]records.Dossier, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, enterprise_id, programme, title, status, updated
		FROM dossier WHERE enterprise_id = ? AND deleted IS NULL
		ORDER BY updated DESC, id DESC`, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("store: list dossiers of enterprise %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	var list []records.Dossier
	for rows.Next() {
		var (
			d       records.Dossier
			updated int64
		)
		if err := rows.Scan(&d.ID, &d.EnterpriseID, &d.Programme, &d.Title, &d.Status, &updated); err != nil {
			return nil, fmt.Errorf("store: list dossiers of enterprise %d: %w", enterpriseID, err)
		}
		d.Updated = unstamp(updated)
		list = append(list, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list dossiers of enterprise %d: %w", enterpriseID, err)
	}
	return list, nil
}

// copySuffix marks the title of a duplicated dossier.
const copySuffix = "（副本）"

// DuplicateDossier copies a live dossier into a new one for newProgramme
// (empty = the same programme) and returns the new id. The copy keeps the
// enterprise and the answers, gets the title plus "（副本）" and an empty
// Status, and its data file's top-level "programme" is set to newProgramme;
// which answers still apply is for the domain layer to decide.
func (s *Store) DuplicateDossier(ctx context.Context, id int64, newProgramme string) (int64, error) {
	newProgramme = strings.TrimSpace(newProgramme)
	now := s.now()
	var newID int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var (
			owner                  int64
			programme, title, data string
			deleted                sql.NullInt64
		)
		err := tx.QueryRowContext(ctx, `SELECT enterprise_id, programme, title, data, deleted FROM dossier WHERE id = ?`, id).
			Scan(&owner, &programme, &title, &data, &deleted)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return records.ErrNotFound
		case err != nil:
			return err
		case deleted.Valid:
			return records.ErrInTrash
		}
		if newProgramme != "" && newProgramme != programme {
			b, err := setTopLevel([]byte(data), "programme", newProgramme)
			if err != nil {
				return err
			}
			programme, data = newProgramme, string(b)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO dossier
			(enterprise_id, programme, title, status, data, updated) VALUES (?, ?, ?, '', ?, ?)`,
			owner, programme, title+copySuffix, data, stamp(now))
		if err != nil {
			return err
		}
		newID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: duplicate dossier %d for %q: %w", id, newProgramme, err)
	}
	return newID, nil
}
