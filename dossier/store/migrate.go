package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migration moves the schema from version-1 to version (its index in the
// list plus one). Migrations are append-only: never edit or reorder one that
// has shipped, add a new one instead.
//
// Each runs in its own transaction together with the user_version bump, so a
// crash leaves the file at the old or the new version, never in between.
// PRAGMA foreign_keys cannot change inside a transaction; a migration that
// rebuilds a table must therefore keep the rows consistent itself and may
// check them with PRAGMA foreign_key_check.
type migration struct {
	name string
	up   func(ctx context.Context, tx *sql.Tx) error
}

// migrations is the schema history of this build; len(migrations) is the
// newest version it knows.
var migrations = []migration{
	{name: "initial schema", up: execAll(schemaV1...)},
}

// schemaV1 is the first schema.
//
// Times are Unix nanoseconds. AUTOINCREMENT keeps ids from being reused after
// a purge, so an id remembered elsewhere (preferences, a window) can never
// point at a different record. dossier.with_enterprise marks dossiers that
// went to the trash because their enterprise did, so restoring the enterprise
// brings back exactly those.
var schemaV1 = []string{
	`CREATE TABLE enterprise (
		id          INTEGER PRIMARY KEY AUTOINCREMENT,
		name        TEXT    NOT NULL,
		credit_code TEXT    NOT NULL,
		profile     TEXT    NOT NULL,
		updated     INTEGER NOT NULL,
		deleted     INTEGER
	) STRICT`,
	`CREATE INDEX enterprise_updated ON enterprise(updated)`,
	`CREATE TABLE dossier (
		id              INTEGER PRIMARY KEY AUTOINCREMENT,
		enterprise_id   INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
		programme       TEXT    NOT NULL,
		title           TEXT    NOT NULL,
		status          TEXT    NOT NULL,
		data            TEXT    NOT NULL,
		updated         INTEGER NOT NULL,
		deleted         INTEGER,
		with_enterprise INTEGER NOT NULL DEFAULT 0
	) STRICT`,
	`CREATE INDEX dossier_enterprise ON dossier(enterprise_id, updated)`,
	`CREATE INDEX dossier_deleted ON dossier(deleted) WHERE deleted IS NOT NULL`,
}

// execAll returns a migration step that executes stmts in order.
func execAll(stmts ...string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
}

// migrate applies the migrations the file lacks, one transaction each.
func (s *Store) migrate(ctx context.Context, ms []migration) error {
	for i, m := range ms {
		version := i + 1
		err := s.write(ctx, func(tx *sql.Tx) error {
			// Read the version inside the write transaction: another process
			// may have migrated the file since we looked.
			var current int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
				return err
			}
			if current >= version {
				return nil
			}
			if err := m.up(ctx, tx); err != nil {
				return err
			}
			// PRAGMA takes no bound parameters; both values are ints of ours.
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: open %s: migrate to version %d (%s): %w", s.path, version, m.name, err)
		}
	}
	return nil
}
