package recordstest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier/dossier/records"
)

// MemStore is an in-memory records.Store for tests. It follows the documented behaviour of
// records.Store and of its SQLite implementation, dossier/store (trash, cascades, ordering,
// search, one transaction for SaveEnterpriseDossier), closely enough for the session and the
// UI; the contract test in this package runs the same cases against both.
type MemStore struct {
	mu    sync.Mutex
	ents  map[int64]*records.Enterprise
	dos   map[int64]*records.Dossier
	byEnt map[int64]time.Time // when a dossier went to the trash with its enterprise
	next  int64
	tick  time.Time
	// failDossiers, when set, is the error every dossier write fails with (FailDossierWrites).
	failDossiers error
}

var _ records.Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return NewMemStoreAt(time.Now()) }

// NewMemStoreAt returns an empty MemStore whose clock starts at start (reproducible screens).
func NewMemStoreAt(start time.Time) *MemStore {
	return &MemStore{ents: map[int64]*records.Enterprise{}, dos: map[int64]*records.Dossier{},
		byEnt: map[int64]time.Time{}, tick: start}
}

// now is a strictly increasing clock, so "most recently saved first" is well defined.
func (m *MemStore) now() time.Time {
	m.tick = m.tick.Add(time.Millisecond)
	return m.tick
}

func copyJSON(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("{}")
	}
	return append(json.RawMessage(nil), b...)
}

func validJSON(b json.RawMessage) error {
	if len(b) > 0 && !json.Valid(b) {
		return fmt.Errorf("store: invalid JSON: %w", records.ErrInvalid)
	}
	return nil
}

// Enterprises implements records.Store.
func (m *MemStore) Enterprises(_ context.Context, query string) ([]records.Enterprise, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	q := strings.TrimSpace(query)
	var out []records.Enterprise
	for _, e := range m.ents {
		if e.Deleted != nil {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(e.Name), strings.ToLower(q)) &&
			!strings.Contains(strings.ToUpper(e.CreditCode), strings.ToUpper(q)) {
			continue
		}
		c := *e
		c.Profile = copyJSON(e.Profile)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.After(out[j].Updated) })
	return out, nil
}

// Enterprise implements records.Store.
func (m *MemStore) Enterprise(_ context.Context, id int64) (*records.Enterprise, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.ents[id]
	if !ok {
		return nil, fmt.Errorf("store: enterprise %d: %w", id, records.ErrNotFound)
	}
	c := *e
	c.Profile = copyJSON(e.Profile)
	return &c, nil
}

// FailDossierWrites makes every later dossier write (SaveDossier, SaveEnterpriseDossier,
// DuplicateDossier) fail with err, as a disk or a constraint might; nil heals the store.
func (m *MemStore) FailDossierWrites(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failDossiers = err
}

// SaveEnterprise implements records.Store.
func (m *MemStore) SaveEnterprise(_ context.Context, e *records.Enterprise) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.checkEnterprise(e); err != nil {
		return err
	}
	m.putEnterprise(e, m.now())
	return nil
}

// checkEnterprise fails as SaveEnterprise would, writing nothing.
func (m *MemStore) checkEnterprise(e *records.Enterprise) error {
	if e == nil {
		return fmt.Errorf("store: save enterprise: nil: %w", records.ErrInvalid)
	}
	if err := validJSON(e.Profile); err != nil {
		return err
	}
	if _, ok := m.ents[e.ID]; e.ID != 0 && !ok {
		return fmt.Errorf("store: save enterprise %d: %w", e.ID, records.ErrNotFound)
	}
	return nil
}

// putEnterprise writes a checked enterprise, setting e.ID and e.Updated.
func (m *MemStore) putEnterprise(e *records.Enterprise, now time.Time) {
	if e.ID == 0 {
		m.next++
		e.ID = m.next
	}
	e.Updated = now
	c := *e
	c.Profile = copyJSON(e.Profile)
	c.Deleted = nil
	if old, ok := m.ents[e.ID]; ok {
		c.Deleted = old.Deleted
	}
	m.ents[e.ID] = &c
}

// Dossiers implements records.Store.
func (m *MemStore) Dossiers(_ context.Context, enterpriseID int64) ([]records.Dossier, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []records.Dossier
	for _, d := range m.dos {
		if d.EnterpriseID == enterpriseID && d.Deleted == nil {
			c := *d
			c.Data = nil
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.After(out[j].Updated) })
	return out, nil
}

// Dossier implements records.Store.
func (m *MemStore) Dossier(_ context.Context, id int64) (*records.Dossier, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.dos[id]
	if !ok {
		return nil, fmt.Errorf("store: dossier %d: %w", id, records.ErrNotFound)
	}
	c := *d
	c.Data = copyJSON(d.Data)
	return &c, nil
}

// SaveDossier implements records.Store.
func (m *MemStore) SaveDossier(_ context.Context, d *records.Dossier) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d == nil {
		return fmt.Errorf("store: save dossier: nil: %w", records.ErrInvalid)
	}
	if err := m.checkDossier(d, d.EnterpriseID, m.live(d.EnterpriseID)); err != nil {
		return err
	}
	m.putDossier(d, m.now())
	return nil
}

// SaveEnterpriseDossier implements records.Store: everything is checked before anything is
// written, so both are saved or neither is.
func (m *MemStore) SaveEnterpriseDossier(_ context.Context, e *records.Enterprise, d *records.Dossier) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.checkEnterprise(e); err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("store: save dossier: nil: %w", records.ErrInvalid)
	}
	owner := func() error { return nil } // a new enterprise is live
	if e.ID != 0 {
		owner = m.live(e.ID)
	}
	if err := m.checkDossier(d, e.ID, owner); err != nil {
		return fmt.Errorf("store: save enterprise %d with dossier %d: %w", e.ID, d.ID, err)
	}
	now := m.now()
	m.putEnterprise(e, now)
	d.EnterpriseID = e.ID
	m.putDossier(d, now)
	return nil
}

// live returns the check that enterprise id exists and is not in the trash.
func (m *MemStore) live(id int64) func() error {
	return func() error {
		e, ok := m.ents[id]
		if !ok {
			return fmt.Errorf("store: save dossier: enterprise %d: %w", id, records.ErrNotFound)
		}
		if e.Deleted != nil {
			return fmt.Errorf("store: save dossier: enterprise %d: %w", id, records.ErrInTrash)
		}
		return nil
	}
}

// checkDossier fails as SaveDossier of d under enterprise owner would, writing nothing;
// live checks the enterprise when the dossier is new or moves to it.
func (m *MemStore) checkDossier(d *records.Dossier, owner int64, live func() error) error {
	if m.failDossiers != nil {
		return m.failDossiers
	}
	if strings.TrimSpace(d.Programme) == "" {
		return fmt.Errorf("store: save dossier %d: no programme: %w", d.ID, records.ErrInvalid)
	}
	if err := validJSON(d.Data); err != nil {
		return err
	}
	old, exists := m.dos[d.ID]
	if d.ID != 0 && !exists {
		return fmt.Errorf("store: save dossier %d: %w", d.ID, records.ErrNotFound)
	}
	if !exists || old.EnterpriseID != owner {
		return live()
	}
	return nil
}

// putDossier writes a checked dossier, setting d.ID and d.Updated.
func (m *MemStore) putDossier(d *records.Dossier, now time.Time) {
	if d.ID == 0 {
		m.next++
		d.ID = m.next
	}
	d.Updated = now
	c := *d
	c.Data = copyJSON(d.Data)
	c.Deleted = nil
	if old, ok := m.dos[d.ID]; ok {
		c.Deleted = old.Deleted
	}
	m.dos[d.ID] = &c
}

// DuplicateDossier implements records.Store.
func (m *MemStore) DuplicateDossier(ctx context.Context, id int64, newProgramme string) (int64, error) {
	d, err := m.Dossier(ctx, id)
	if err != nil {
		return 0, err
	}
	if d.Deleted != nil {
		return 0, fmt.Errorf("store: duplicate dossier %d: %w", id, records.ErrInTrash)
	}
	if newProgramme == "" {
		newProgramme = d.Programme
	}
	var data map[string]any
	if err := json.Unmarshal(d.Data, &data); err == nil && data != nil {
		data["programme"] = newProgramme
		if b, err := json.Marshal(data); err == nil {
			d.Data = b
		}
	}
	c := &records.Dossier{EnterpriseID: d.EnterpriseID, Programme: newProgramme, Title: d.Title + "（副本）", Data: d.Data}
	if err := m.SaveDossier(ctx, c); err != nil {
		return 0, err
	}
	return c.ID, nil
}

// Delete implements records.Store.
func (m *MemStore) Delete(_ context.Context, kind records.Kind, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	switch kind {
	case records.KindEnterprise:
		e, ok := m.ents[id]
		if !ok {
			return fmt.Errorf("store: delete enterprise %d: %w", id, records.ErrNotFound)
		}
		if e.Deleted != nil {
			return nil
		}
		e.Deleted = &now
		for _, d := range m.dos {
			if d.EnterpriseID == id && d.Deleted == nil {
				d.Deleted = &now
				m.byEnt[d.ID] = now
			}
		}
	case records.KindDossier:
		d, ok := m.dos[id]
		if !ok {
			return fmt.Errorf("store: delete dossier %d: %w", id, records.ErrNotFound)
		}
		if d.Deleted == nil {
			d.Deleted = &now
		}
	default:
		return fmt.Errorf("store: delete %q: %w", kind, records.ErrInvalid)
	}
	return nil
}

// Restore implements records.Store.
func (m *MemStore) Restore(_ context.Context, kind records.Kind, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch kind {
	case records.KindEnterprise:
		e, ok := m.ents[id]
		if !ok {
			return fmt.Errorf("store: restore enterprise %d: %w", id, records.ErrNotFound)
		}
		if e.Deleted == nil {
			return nil
		}
		for _, d := range m.dos {
			if at, ok := m.byEnt[d.ID]; ok && d.EnterpriseID == id && at.Equal(*e.Deleted) {
				d.Deleted = nil
				delete(m.byEnt, d.ID)
			}
		}
		e.Deleted = nil
	case records.KindDossier:
		d, ok := m.dos[id]
		if !ok {
			return fmt.Errorf("store: restore dossier %d: %w", id, records.ErrNotFound)
		}
		d.Deleted = nil
		delete(m.byEnt, d.ID)
		if e := m.ents[d.EnterpriseID]; e != nil && e.Deleted != nil {
			e.Deleted = nil // its other dossiers stay in the trash, as deleted on their own
			for _, o := range m.dos {
				if o.EnterpriseID == d.EnterpriseID {
					delete(m.byEnt, o.ID)
				}
			}
		}
	default:
		return fmt.Errorf("store: restore %q: %w", kind, records.ErrInvalid)
	}
	return nil
}
