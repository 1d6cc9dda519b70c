package records

import "context"

// Store is what the editing session and the desktop application need from the database.
// *store.Store (SQLite) implements it, and recordstest.MemStore is the in-memory fake for
// tests; both follow the behaviour documented here.
type Store interface {
	// Enterprises lists live enterprises, most recently saved first; a non-empty query keeps
	// those whose name or credit code contains it (surrounding spaces ignored, ASCII letters
	// in either case).
	Enterprises(ctx context.Context, query string) ([]Enterprise, error)
	// Enterprise returns one enterprise, live or in the trash.
	Enterprise(ctx context.Context, id int64) (*Enterprise, error)
	// SaveEnterprise inserts (ID 0, setting e.ID) or updates an enterprise and sets e.Updated.
	SaveEnterprise(ctx context.Context, e *Enterprise) error
	// Dossiers lists an enterprise's live dossiers without their Data.
	Dossiers(ctx context.Context, enterpriseID int64) ([]Dossier, error)
	// Dossier returns one dossier with its Data.
	Dossier(ctx context.Context, id int64) (*Dossier, error)
	// SaveDossier inserts (ID 0, setting d.ID) or updates a dossier and sets d.Updated. A new
	// dossier, or one moved to another enterprise, needs a live enterprise.
	SaveDossier(ctx context.Context, d *Dossier) error
	// SaveEnterpriseDossier saves e as SaveEnterprise does and then d, as a dossier of e
	// (d.EnterpriseID becomes e.ID), as SaveDossier does, in one transaction: both are
	// written or neither is, and on failure e and d are left as they were passed.
	SaveEnterpriseDossier(ctx context.Context, e *Enterprise, d *Dossier) error
	// DuplicateDossier copies a dossier (title + "（副本）", empty status) and returns the new id.
	DuplicateDossier(ctx context.Context, id int64, newProgramme string) (int64, error)
	// Delete moves a record to the trash (an enterprise takes its dossiers with it).
	Delete(ctx context.Context, kind Kind, id int64) error
	// Restore takes a record out of the trash (the undo of Delete).
	Restore(ctx context.Context, kind Kind, id int64) error
}
