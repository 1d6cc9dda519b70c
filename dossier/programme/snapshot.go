package programme

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the snapshot
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"dossier/dossier/programme/internal/syntax"
)

// The built-in templates (and profile.yaml) are also stored decoded, in snapshot.gob: a cold
// command decodes about 100 KB of gob (1–2 ms) instead of parsing a 高企 template's 66 KB of
// YAML and checking every key (15–25 ms, most of a cold `dossier check`). An entry is taken
// only when the template and every parent it extends are built-in files with the very bytes
// it was made from, and the Go type it was made of is the one compiled in. Anything else (a
// user's template, a user's parent, an edited file, a stale snapshot) goes the YAML way,
// which is always right; TestSnapshotIsCurrent keeps the shipped snapshot current (`go test
// ./dossier/programme -run TestSnapshotIsCurrent -update` after editing a template).
//
// The file is the length of its index (4 bytes, big-endian), the index (a gob of snapshot),
// then each entry's gob: a command decodes the small index and the one template it needs,
// not the ~560 KB of them all.

//go:embed snapshot.gob
var snapshotGob []byte

// snapshot is the index of snapshot.gob.
type snapshot struct {
	Schema  string          // templateSchema() when it was made
	Entries []snapshotEntry // in file name order, so that the file is the same each time
	// Profile is the gob of profile.yaml decoded (a profileFile), whose hex SHA-256 is
	// ProfileSum.
	Profile    span
	ProfileSum string
	payloads   []byte // the file after the index, where the spans are
}

type snapshotEntry struct {
	Sum      string           // hex SHA-256 of the template file
	Parents  []snapshotParent // nearest first
	Template span             // the gob of the decoded syntax.Template
}

type snapshotParent struct {
	ID  string
	Sum string // hex SHA-256 of the parent's file
}

// span is where a gob is in the file after the index.
type span struct{ At, Len int }

// decode decodes the gob at sp into v; false when sp is not inside the file or does not
// decode.
func (s *snapshot) decode(sp span, v any) bool {
	if sp.At < 0 || sp.Len < 0 || sp.At+sp.Len > len(s.payloads) {
		return false
	}
	return gob.NewDecoder(bytes.NewReader(s.payloads[sp.At:sp.At+sp.Len])).Decode(v) == nil
}

var (
	snapshotOnce sync.Once
	snapshotVal  *snapshot
)

// loadSnapshot reads the index once per process; nil when it is unreadable or was made of
// another Go type.
func loadSnapshot() *snapshot {
	snapshotOnce.Do(func() {
		if len(snapshotGob) < 4 {
			return
		}
		n := int(binary.BigEndian.Uint32(snapshotGob))
		if n > len(snapshotGob)-4 {
			return
		}
		var s snapshot
		if gob.NewDecoder(bytes.NewReader(snapshotGob[4:4+n])).Decode(&s) == nil && s.Schema == templateSchema() {
			s.payloads = snapshotGob[4+n:]
			snapshotVal = &s
		}
	})
	return snapshotVal
}

// encodeSnapshot writes the file of the index s and the gobs its spans point into.
func encodeSnapshot(s snapshot, payloads []byte) ([]byte, error) {
	var index bytes.Buffer
	if err := gob.NewEncoder(&index).Encode(s); err != nil {
		return nil, err
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(index.Len()))
	return append(append(out, index.Bytes()...), payloads...), nil
}

// fromSnapshot returns the decoded template of src, a built-in template file, with the files
// and sources of its chain (itself first), when the snapshot has it and its parents as
// folders resolve them now; nil otherwise.
func fromSnapshot(folders []folder, file, source string, src []byte) (*syntax.Template, []string, [][]byte) {
	s := loadSnapshot()
	if s == nil || source != SourceBuiltin {
		return nil, nil, nil
	}
	e := s.find(sum(src))
	if e == nil {
		return nil, nil, nil
	}
	files, srcs := []string{file}, [][]byte{src}
	for _, par := range e.Parents {
		f, pfile, psrc, err, ok := parentIn(folders, par.ID)
		if !ok || err != nil || f.source() != SourceBuiltin || sum(psrc) != par.Sum {
			return nil, nil, nil
		}
		files, srcs = append(files, pfile), append(srcs, psrc)
	}
	var t syntax.Template
	if !s.decode(e.Template, &t) {
		return nil, nil, nil
	}
	return &t, files, srcs
}

// profileFromSnapshot decodes profile.yaml into pf from the snapshot, when it holds these
// bytes of it.
func profileFromSnapshot(pf *profileFile) bool {
	s := loadSnapshot()
	if s == nil || s.ProfileSum != sum(profileYAML) {
		return false
	}
	if !s.decode(s.Profile, pf) {
		*pf = profileFile{}
		return false
	}
	return true
}

func (s *snapshot) find(sum string) *snapshotEntry {
	for i := range s.Entries {
		if s.Entries[i].Sum == sum {
			return &s.Entries[i]
		}
	}
	return nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// makeSnapshot decodes the named templates of the built-in folder (folders[0], which must
// hold every parent too) the YAML way and stores them, in the order given.
func makeSnapshot(folders []folder, names []string) ([]byte, error) {
	s := snapshot{Schema: templateSchema()}
	var payloads bytes.Buffer
	add := func(v any) (span, error) {
		at := payloads.Len()
		err := gob.NewEncoder(&payloads).Encode(v)
		return span{at, payloads.Len() - at}, err
	}
	for _, name := range names {
		src, err := fs.ReadFile(folders[0].fsys, name)
		if err != nil {
			return nil, err
		}
		var errs ErrorList
		tpl, t := decodeYAML(folders, name, src, &errs)
		if tpl == nil || len(errs) > 0 {
			return nil, fmt.Errorf("%s: %v", name, errs.Err())
		}
		e := snapshotEntry{Sum: sum(src)}
		if e.Template, err = add(tpl); err != nil {
			return nil, err
		}
		for i := 1; i < len(t.Files); i++ {
			e.Parents = append(e.Parents, snapshotParent{ID: strings.TrimSuffix(t.Files[i], ".yaml"), Sum: sum(t.Srcs[i])})
		}
		s.Entries = append(s.Entries, e)
	}
	var errs ErrorList
	var pf profileFile
	if !syntax.DecodeStrict("profile.yaml", profileYAML, &pf, &errs) || len(errs) > 0 {
		return nil, fmt.Errorf("profile.yaml: %v", errs.Err())
	}
	var err error
	if s.Profile, err = add(pf); err != nil {
		return nil, err
	}
	s.ProfileSum = sum(profileYAML)
	return encodeSnapshot(s, payloads.Bytes())
}

var (
	schemaOnce sync.Once
	schemaVal  string
)

// templateSchema describes the Go types syntax.Template and profileFile (every field's name,
// type and tag, recursively): a snapshot made of other shapes is not used, whatever gob would
// make of it.
func templateSchema() string {
	schemaOnce.Do(func() {
		var b strings.Builder
		seen := map[reflect.Type]bool{}
		describeType(&b, reflect.TypeOf(syntax.Template{}), seen)
		describeType(&b, reflect.TypeOf(profileFile{}), seen)
		schemaVal = sum([]byte(b.String()))
	})
	return schemaVal
}

func describeType(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	fmt.Fprintf(b, "%s(", t.String())
	defer b.WriteString(")")
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(b, "%s %q ", f.Name, f.Tag)
			describeType(b, f.Type, seen)
		}
	case reflect.Slice, reflect.Array, reflect.Pointer:
		describeType(b, t.Elem(), seen)
	case reflect.Map:
		describeType(b, t.Key(), seen)
		describeType(b, t.Elem(), seen)
	}
}
