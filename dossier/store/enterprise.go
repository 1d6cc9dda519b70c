package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"dossier/dossier/records"
)

const enterpriseCols = `id, name, credit_code, profile, updated, deleted`

// SaveEnterprise inserts e when e.ID is 0 (setting e.ID) and updates it
// otherwise, in one transaction, and sets e.Updated. Saving an enterprise in
// the trash updates it there. e.Deleted is ignored.
func (s *Store) SaveEnterprise(ctx context.Context, e *records.Enterprise) error {
	profile, err := enterpriseProfile(e)
	if err != nil {
		return err
	}
	now := s.now()
	var id int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		id, err = saveEnterprise(ctx, tx, e, profile, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save enterprise %d: %w", e.ID, err)
	}
	e.ID, e.Updated = id, unstamp(stamp(now))
	return nil
}

// enterpriseProfile checks e before a save and returns its profile as stored.
func enterpriseProfile(e *records.Enterprise) (string, error) {
	if e == nil {
		return "", fmt.Errorf("store: save enterprise: nil: %w", records.ErrInvalid)
	}
	profile, err := jsonText(e.Profile)
	if err != nil {
		return "", fmt.Errorf("store: save enterprise %d: profile: %w", e.ID, err)
	}
	return profile, nil
}

// saveEnterprise inserts (e.ID 0) or updates e in tx and returns its id; e is not changed.
func saveEnterprise(ctx context.Context, tx *sql.Tx, e *records.Enterprise, profile string, now time.Time) (int64, error) {
	if e.ID == 0 {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO enterprise (name, credit_code, profile, updated) VALUES (?, ?, ?, ?)`,
			e.Name, e.CreditCode, profile, stamp(now))
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	res, err := tx.ExecContext(ctx,
		`UPDATE enterprise SET name = ?, credit_code = ?, profile = ?, updated = ? WHERE id = ?`,
		e.Name, e.CreditCode, profile, stamp(now), e.ID)
	if err != nil {
		return 0, err
	}
	return e.ID, mustAffect(res)
}

// Enterprise returns the enterprise with the given id, live or in the trash.
func (s *Store) Enterprise(ctx context.Context, id int64) (*records.Enterprise, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+enterpriseCols+` FROM enterprise WHERE id = ?`, id)
	e, err := scanEnterprise(row)
	if errors.Is(err, sql.ErrNoRows) {
		err = records.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: enterprise %d: %w", id, err)
	}
	return e, nil
}

// Enterprises lists the live (not deleted) enterprises, most recently saved
// first. A non-empty query keeps those whose name or credit code contains it
// (surrounding spaces ignored; ASCII letters match in either case, so
// "91140100ma" finds "91140100MA0GRX123G").
func (s *Store) Enterprises(ctx context.Context, query string) ([]records.Enterprise, error) {
	query = strings.TrimSpace(query)
	rows, err := s.db.QueryContext(ctx, `SELECT `+enterpriseCols+` FROM enterprise
		WHERE deleted IS NULL
		  AND (?1 = '' OR instr(lower(name), lower(?1)) > 0 OR instr(upper(credit_code), upper(?1)) > 0)
		ORDER BY updated DESC, id DESC`, query)
	if err != nil {
		return nil, fmt.Errorf("store: list enterprises %q: %w", query, err)
	}
	defer rows.Close()
	var list []records.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list enterprises %q: %w", query, err)
		}
		list = append(list, *e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list enterprises %q: %w", query, err)
	}
	return list, nil
}

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface{ Scan(dest ...any) error }

func scanEnterprise(sc scanner) (*records.Enterprise, error) {
	var (
		e       records.Enterprise
		profile []byte
		updated int64
		deleted sql.NullInt64
	)
	if err := sc.Scan(&e.ID, &e.Name, &e.CreditCode, &profile, &updated, &deleted); err != nil {
		return nil, err
	}
	e.Profile = profile
	e.Updated, e.Deleted = unstamp(updated), unstampNull(deleted)
	return &e, nil
}

// jsonText checks a JSON blob and returns it as the text to store; nil or
// empty means an empty object.
func jsonText(b json.RawMessage) (string, error) {
	if len(b) == 0 {
		return "{}", nil
	}
	if !json.Valid(b) {
		return "", fmt.Errorf("not valid JSON: %w", records.ErrInvalid)
	}
	return string(b), nil
}

// mustAffect turns an UPDATE or DELETE that matched no row into records.ErrNotFound.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return records.ErrNotFound
	}
	return nil
}
