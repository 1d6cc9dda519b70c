package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Dossier is one enterprise's application for one programme.
type Dossier struct {
	ID           int64  // 0 until first saved
	EnterpriseID int64  // the enterprise it belongs to; must be live to add a dossier to it
	Programme    string // programme id, e.g. "shanxi-hightech-2019"; required
	Title        string // shown on the home screen
	Status       string // shown on the home screen; the store gives it no meaning
	// Data is the whole CONTRACT.md data file. It must be valid JSON; nil is
	// stored as {}. Dossiers (the listing) leaves it nil.
	Data    json.RawMessage
	Updated time.Time  // set by SaveDossier
	Deleted *time.Time // when it went to the trash; nil while live. Only Delete and Restore change it.
}

// SaveDossier inserts d when d.ID is 0 (setting d.ID) and updates it
// otherwise, in one transaction, and sets d.Updated. A new dossier, or one
// moved to another enterprise, needs a live enterprise (else ErrNotFound or
// ErrInTrash). Saving a dossier in the trash updates it there, so a save that
// was queued before the user deleted it is not lost. d.Deleted is ignored.
func (s *Store) SaveDossier(ctx context.Context, d *Dossier) error {
	if d == nil {
		return fmt.Errorf("store: save dossier: nil: %w", ErrInvalid)
	}
	if strings.TrimSpace(d.Programme) == "" {
		return fmt.Errorf("store: save dossier %d: no programme: %w", d.ID, ErrInvalid)
	}
	data, err := jsonText(d.Data)
	if err != nil {
		return fmt.Errorf("store: save dossier %d: data: %w", d.ID, err)
	}
	now := s.now()
	id := d.ID
	err = s.write(ctx, func(tx *sql.Tx) error {
		if id == 0 {
			if err := liveEnterprise(ctx, tx, d.EnterpriseID); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO dossier
				(enterprise_id, programme, title, status, data, updated) VALUES (?, ?, ?, ?, ?, ?)`,
				d.EnterpriseID, d.Programme, d.Title, d.Status, data, stamp(now))
			if err != nil {
				return err
			}
			id, err = res.LastInsertId()
			return err
		}
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT enterprise_id FROM dossier WHERE id = ?`, id).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if owner != d.EnterpriseID {
			if err := liveEnterprise(ctx, tx, d.EnterpriseID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE dossier SET enterprise_id = ?, programme = ?, title = ?,
			status = ?, data = ?, updated = ? WHERE id = ?`,
			d.EnterpriseID, d.Programme, d.Title, d.Status, data, stamp(now), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save dossier %d: %w", d.ID, err)
	}
	d.ID, d.Updated = id, unstamp(stamp(now))
	return nil
}

// liveEnterprise fails unless enterprise id exists and is not in the trash.
func liveEnterprise(ctx context.Context, tx *sql.Tx, id int64) error {
	var deleted sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT deleted FROM enterprise WHERE id = ?`, id).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("enterprise %d: %w", id, ErrNotFound)
	case err != nil:
		return err
	case deleted.Valid:
		return fmt.Errorf("enterprise %d: %w", id, ErrInTrash)
	}
	return nil
}

// Dossier returns the dossier with the given id, Data included, live or in
// the trash.
func (s *Store) Dossier(ctx context.Context, id int64) (*Dossier, error) {
	var (
		d       Dossier
		data    []byte
		updated int64
		deleted sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, enterprise_id, programme, title, status, data, updated, deleted
		FROM dossier WHERE id = ?`, id).
		Scan(&d.ID, &d.EnterpriseID, &d.Programme, &d.Title, &d.Status, &data, &updated, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
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
func (s *Store) Dossiers(ctx context.Context, enterpriseID int64) ([]Dossier, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, enterprise_id, programme, title, status, updated
		FROM dossier WHERE enterprise_id = ? AND deleted IS NULL
		ORDER BY updated DESC, id DESC`, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("store: list dossiers of enterprise %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	var list []Dossier
	for rows.Next() {
		var (
			d       Dossier
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
			return ErrNotFound
		case err != nil:
			return err
		case deleted.Valid:
			return ErrInTrash
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
