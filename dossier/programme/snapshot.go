package programme

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the snapshot
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"dossier/dossier/programme/internal/syntax"
)

// The built-in templates (and profile.yaml) are also stored decoded, in snapshot.gob: a cold command decodes
// about 100 KB of gob (1–2 ms) instead of parsing a 高企 template's 66 KB of YAML and checking
// every key (15–25 ms, most of a cold `dossier check`). An entry is taken only when the
// template and every parent it extends are built-in files with the very bytes it was made
// from, and the Go type it was made of is the one compiled in. Anything else (a user's
// template, a user's parent, an edited file, a stale snapshot) goes the YAML way, which is
// always right; TestSnapshotIsCurrent keeps the shipped snapshot current (`go test
// ./dossier/programme -run TestSnapshotIsCurrent -update` after editing a template).

//go:embed snapshot.gob
var snapshotGob []byte

// snapshot is what snapshot.gob holds.
type snapshot struct {
	Schema  string          // templateSchema() when it was made
	Entries []snapshotEntry // in file name order, so that the file is the same each time
	// Profile is the gob of profile.yaml decoded (a profileFile), whose hex SHA-256 is
	// ProfileSum.
	Profile    []byte
	ProfileSum string
}

type snapshotEntry struct {
	Sum      string           // hex SHA-256 of the template file
	Parents  []snapshotParent // nearest first
	Template []byte           // the gob of the decoded syntax.Template
}

type snapshotParent struct {
	ID  string
	Sum string // hex SHA-256 of the parent's file
}

var (
	snapshotOnce sync.Once
	snapshotVal  *snapshot
)

// loadSnapshot reads the index once per process; nil when it is unreadable or was made of
// another Go type.
func loadSnapshot() *snapshot {
	snapshotOnce.Do(func() {
		var s snapshot
		if gob.NewDecoder(bytes.NewReader(snapshotGob)).Decode(&s) == nil && s.Schema == templateSchema() {
			snapshotVal = &s
		}
	})
	return snapshotVal
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
	if gob.NewDecoder(bytes.NewReader(e.Template)).Decode(&t) != nil {
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
	if gob.NewDecoder(bytes.NewReader(s.Profile)).Decode(pf) != nil {
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
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(tpl); err != nil {
			return nil, err
		}
		e := snapshotEntry{Sum: sum(src), Template: b.Bytes()}
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
	var pb bytes.Buffer
	if err := gob.NewEncoder(&pb).Encode(pf); err != nil {
		return nil, err
	}
	s.Profile, s.ProfileSum = pb.Bytes(), sum(profileYAML)
	var out bytes.Buffer
	err := gob.NewEncoder(&out).Encode(s)
	return out.Bytes(), err
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
