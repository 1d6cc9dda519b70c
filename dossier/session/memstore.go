package session

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier/dossier/store"
)

// MemStore is an in-memory Store for tests and for running without a database. It follows
// store.Store's documented behaviour (trash, cascades, ordering, search) closely enough for the
// UI; the contract test in this package runs the same cases against both.
type MemStore struct {
	mu    sync.Mutex
	ents  map[int64]*store.Enterprise
	dos   map[int64]*store.Dossier
	byEnt map[int64]time.Time // when a dossier went to the trash with its enterprise
	next  int64
	tick  time.Time
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return NewMemStoreAt(time.Now()) }

// NewMemStoreAt returns an empty MemStore whose clock starts at start (reproducible screens).
func NewMemStoreAt(start time.Time) *MemStore {
	return &MemStore{ents: map[int64]*store.Enterprise{}, dos: map[int64]*store.Dossier{},
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
		return fmt.Errorf("store: invalid JSON: %w", store.ErrInvalid)
	}
	return nil
}

// Enterprises implements Store.
func (m *MemStore) Enterprises(_ context.Context, query string) ([]store.Enterprise, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	q := strings.TrimSpace(query)
	var out []store.Enterprise
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

// Enterprise implements Store.
func (m *MemStore) Enterprise(_ context.Context, id int64) (*store.Enterprise, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.ents[id]
	if !ok {
		return nil, fmt.Errorf("store: enterprise %d: %w", id, store.ErrNotFound)
	}
	c := *e
	c.Profile = copyJSON(e.Profile)
	return &c, nil
}

// SaveEnterprise implements Store.
func (m *MemStore) SaveEnterprise(_ context.Context, e *store.Enterprise) error {
	if e == nil {
		return fmt.Errorf("store: save enterprise: nil: %w", store.ErrInvalid)
	}
	if err := validJSON(e.Profile); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e.ID == 0 {
		m.next++
		e.ID = m.next
	} else if _, ok := m.ents[e.ID]; !ok {
		return fmt.Errorf("store: save enterprise %d: %w", e.ID, store.ErrNotFound)
	}
	e.Updated = m.now()
	c := *e
	c.Profile = copyJSON(e.Profile)
	if old, ok := m.ents[e.ID]; ok {
		c.Deleted = old.Deleted
	} else {
		c.Deleted = nil
	}
	m.ents[e.ID] = &c
	return nil
}

// Dossiers implements Store.
func (m *MemStore) Dossiers(_ context.Context, enterpriseID int64) ([]store.Dossier, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Dossier
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

// Dossier implements Store.
func (m *MemStore) Dossier(_ context.Context, id int64) (*store.Dossier, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.dos[id]
	if !ok {
		return nil, fmt.Errorf("store: dossier %d: %w", id, store.ErrNotFound)
	}
	c := *d
	c.Data = copyJSON(d.Data)
	return &c, nil
}

// SaveDossier implements Store.
func (m *MemStore) SaveDossier(_ context.Context, d *store.Dossier) error {
	if d == nil || strings.TrimSpace(d.Programme) == "" {
		return fmt.Errorf("store: save dossier: %w", store.ErrInvalid)
	}
	if err := validJSON(d.Data); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old, exists := m.dos[d.ID]
	if d.ID != 0 && !exists {
		return fmt.Errorf("store: save dossier %d: %w", d.ID, store.ErrNotFound)
	}
	if !exists || old.EnterpriseID != d.EnterpriseID {
		e, ok := m.ents[d.EnterpriseID]
		if !ok {
			return fmt.Errorf("store: save dossier: enterprise %d: %w", d.EnterpriseID, store.ErrNotFound)
		}
		if e.Deleted != nil {
			return fmt.Errorf("store: save dossier: enterprise %d: %w", d.EnterpriseID, store.ErrInTrash)
		}
	}
	if d.ID == 0 {
		m.next++
		d.ID = m.next
	}
	d.Updated = m.now()
	c := *d
	c.Data = copyJSON(d.Data)
	c.Deleted = nil
	if exists {
		c.Deleted = old.Deleted
	}
	m.dos[d.ID] = &c
	return nil
}

// DuplicateDossier implements Store.
func (m *MemStore) DuplicateDossier(ctx context.Context, id int64, newProgramme string) (int64, error) {
	d, err := m.Dossier(ctx, id)
	if err != nil {
		return 0, err
	}
	if d.Deleted != nil {
		return 0, fmt.Errorf("store: duplicate dossier %d: %w", id, store.ErrInTrash)
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
	c := &store.Dossier{EnterpriseID: d.EnterpriseID, Programme: newProgramme, Title: d.Title + "（副本）", Data: d.Data}
	if err := m.SaveDossier(ctx, c); err != nil {
		return 0, err
	}
	return c.ID, nil
}

// Delete implements Store.
func (m *MemStore) Delete(_ context.Context, kind store.Kind, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	switch kind {
	case store.KindEnterprise:
		e, ok := m.ents[id]
		if !ok {
			return fmt.Errorf("store: delete enterprise %d: %w", id, store.ErrNotFound)
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
	case store.KindDossier:
		d, ok := m.dos[id]
		if !ok {
			return fmt.Errorf("store: delete dossier %d: %w", id, store.ErrNotFound)
		}
		if d.Deleted == nil {
			d.Deleted = &now
		}
	default:
		return fmt.Errorf("store: delete %q: %w", kind, store.ErrInvalid)
	}
	return nil
}

// Restore implements Store.
func (m *MemStore) Restore(_ context.Context, kind store.Kind, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch kind {
	case store.KindEnterprise:
		e, ok := m.ents[id]
		if !ok {
			return fmt.Errorf("store: restore enterprise %d: %w", id, store.ErrNotFound)
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
	case store.KindDossier:
		d, ok := m.dos[id]
		if !ok {
			return fmt.Errorf("store: restore dossier %d: %w", id, store.ErrNotFound)
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
		return fmt.Errorf("store: restore %q: %w", kind, store.ErrInvalid)
	}
	return nil
}
