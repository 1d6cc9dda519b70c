package session

import (
	"context"

	"dossier/dossier/store"
)

// Store is what the desktop application needs from its database. *store.Store (SQLite)
// implements it; MemStore is the in-memory fake for tests. Records are store's types, so the
// real store needs no adapter.
type Store interface {
	// Enterprises lists live enterprises, most recently saved first; a non-empty query keeps
	// those whose name or credit code contains it.
	Enterprises(ctx context.Context, query string) ([]store.Enterprise, error)
	// Enterprise returns one enterprise, live or in the trash.
	Enterprise(ctx context.Context, id int64) (*store.Enterprise, error)
	// SaveEnterprise inserts (ID 0) or updates an enterprise.
	SaveEnterprise(ctx context.Context, e *store.Enterprise) error
	// Dossiers lists an enterprise's live dossiers without their Data.
	Dossiers(ctx context.Context, enterpriseID int64) ([]store.Dossier, error)
	// Dossier returns one dossier with its Data.
	Dossier(ctx context.Context, id int64) (*store.Dossier, error)
	// SaveDossier inserts (ID 0) or updates a dossier.
	SaveDossier(ctx context.Context, d *store.Dossier) error
	// DuplicateDossier copies a dossier (title + "（副本）", empty status) and returns the new id.
	DuplicateDossier(ctx context.Context, id int64, newProgramme string) (int64, error)
	// Delete moves a record to the trash (an enterprise takes its dossiers with it).
	Delete(ctx context.Context, kind store.Kind, id int64) error
	// Restore takes a record out of the trash (the undo of Delete).
	Restore(ctx context.Context, kind store.Kind, id int64) error
}

var _ Store = (*store.Store)(nil)
