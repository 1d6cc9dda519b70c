// Package records is what Dossier keeps between runs: enterprise profiles and, per
// enterprise, dossiers, and Store, the interface through which the editing session and the
// desktop UI read and write them. dossier/store implements Store with SQLite;
// records/recordstest holds an in-memory fake for tests. The package imports nothing but the
// standard library.
package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Enterprise is one enterprise profile.
type Enterprise struct {
	ID         int64  // 0 until first saved
	Name       string // 单位名称, listed and searched on the home screen
	CreditCode string // 统一社会信用代码, searched case-insensitively
	// Profile is the enterprise's data as the domain layer encodes it (the
	// "enterprise" object of the CONTRACT.md data file). It must be valid
	// JSON; nil is stored as {}.
	Profile json.RawMessage
	Updated time.Time  // set when saved
	Deleted *time.Time // when it went to the trash; nil while live. Only Delete and Restore change it.
}

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
	Updated time.Time  // set when saved
	Deleted *time.Time // when it went to the trash; nil while live. Only Delete and Restore change it.
}

// Kind names what a trash operation acts on.
type Kind string

// The kinds of record that go to the trash.
const (
	KindEnterprise Kind = "enterprise"
	KindDossier    Kind = "dossier"
)

// Sentinel errors of every Store. Test for them with errors.Is; the errors returned wrap
// them with context.
var (
	// ErrNotFound means no enterprise or dossier has the given id (it never existed, or it
	// was purged from the trash).
	ErrNotFound = errors.New("store: not found")

	// ErrInTrash means the operation needs a live record but found it (or the enterprise it
	// belongs to) in the trash.
	ErrInTrash = errors.New("store: record is in the trash")

	// ErrInvalid means the caller passed something the store cannot accept: a nil record,
	// JSON that does not parse, an empty programme, an unknown Kind, a path SQLite cannot
	// take.
	ErrInvalid = errors.New("store: invalid argument")
)

// UnnamedEnterprise is what an enterprise without a 单位名称 goes by.
const UnnamedEnterprise = "未命名企业"

// EnterpriseName is the name an enterprise is stored, shown and filed under: its 单位名称
// trimmed, or UnnamedEnterprise when it has none.
func EnterpriseName(name string) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return UnnamedEnterprise
}

// DecodeProfile reads a stored or imported enterprise profile (Enterprise.Profile) the way
// data files are read: numbers kept exactly as written; anything that is not a JSON object
// is an empty profile.
func DecodeProfile(b []byte) map[string]any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		return map[string]any{}
	}
	return m
}
