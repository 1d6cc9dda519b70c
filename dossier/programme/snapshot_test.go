package programme

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"dossier/dossier/programme/internal/syntax"
	"dossier/templates"
)

var updateSnapshot = flag.Bool("update", false, "rewrite snapshot.gob from the built-in templates")

const snapshotHelp = "snapshot.gob is out of date: run `go test ./dossier/programme -run TestSnapshotIsCurrent -update`"

// TestSnapshotIsCurrent checks that snapshot.gob holds every built-in template exactly as the
// YAML way decodes it, with its chain of files; with -update it rewrites the file first.
func TestSnapshotIsCurrent(t *testing.T) {
	names, err := fs.Glob(templates.FS, "*.yaml")
	if err != nil || len(names) < 10 {
		t.Fatalf("templates: %v %v", names, err)
	}
	sort.Strings(names)
	folders := wrap([]fs.FS{templates.FS})
	if *updateSnapshot {
		b, err := makeSnapshot(folders, names)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("snapshot.gob", b, 0o644); err != nil {
			t.Fatal(err)
		}
		snapshotGob, snapshotOnce = b, sync.Once{}
	}
	if loadSnapshot() == nil {
		t.Fatal(snapshotHelp + " (unreadable, or made of another syntax.Template)")
	}
	var pf, want profileFile
	var perrs ErrorList
	if !profileFromSnapshot(&pf) || !syntax.DecodeStrict("profile.yaml", profileYAML, &want, &perrs) || !reflect.DeepEqual(pf, want) {
		t.Errorf("profile.yaml: the snapshot's differs from the YAML's; %s", snapshotHelp)
	}
	for _, name := range names {
		src, _ := fs.ReadFile(templates.FS, name)
		got, files, srcs := fromSnapshot(folders, name, SourceBuiltin, src)
		if got == nil {
			t.Errorf("%s: not in the snapshot; %s", name, snapshotHelp)
			continue
		}
		var errs ErrorList
		want, tree := decodeYAML(folders, name, src, &errs)
		if want == nil || len(errs) > 0 {
			t.Fatal(errs.Err())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the snapshot's template differs from the YAML's; %s", name, snapshotHelp)
		}
		if !reflect.DeepEqual(files, tree.Files) || !reflect.DeepEqual(srcs, tree.Srcs) {
			t.Errorf("%s: chain %v, want %v", name, files, tree.Files)
		}
	}
}

// TestSnapshotOnlyForBuiltinChains: a built-in child whose parent a user folder replaces, an
// edited built-in file, a user's copy of a built-in one and a snapshot of another Go type all
// go the YAML way.
func TestSnapshotOnlyForBuiltinChains(t *testing.T) {
	base, _ := fs.ReadFile(templates.FS, "cn-hightech-base.yaml")
	child, _ := fs.ReadFile(templates.FS, "shanxi-hightech-2019.yaml")
	user := fstest.MapFS{"cn-hightech-base.yaml": {Data: append(bytes.Clone(base), "\n# a user's copy, changed\n"...)}}
	folders := wrap([]fs.FS{templates.FS, user})
	if tpl, _, _ := fromSnapshot(folders, "shanxi-hightech-2019.yaml", SourceBuiltin, child); tpl != nil {
		t.Errorf("a built-in child of a user's parent came from the snapshot")
	}
	if tpl, _, _ := fromSnapshot(wrap([]fs.FS{templates.FS}), "shanxi-hightech-2019.yaml", SourceUser, child); tpl != nil {
		t.Errorf("a user's copy of a built-in template came from the snapshot")
	}
	edited := append(bytes.Clone(child), '\n')
	if tpl, _, _ := fromSnapshot(wrap([]fs.FS{templates.FS}), "shanxi-hightech-2019.yaml", SourceBuiltin, edited); tpl != nil {
		t.Errorf("an edited template came from the snapshot")
	}
	if tpl, _, _ := fromSnapshot(wrap([]fs.FS{templates.FS}), "shanxi-hightech-2019.yaml", SourceBuiltin, child); tpl == nil {
		t.Fatalf("the built-in template did not come from the snapshot")
	}
	// The user's parent is the one compiled: its label shows in the child.
	changed := strings.Replace(string(base), "label: 系统填报号", "label: 用户改过的系统填报号", 1)
	p, ok, err := LoadOne("shanxi-hightech-2019", templates.FS, fstest.MapFS{"cn-hightech-base.yaml": {Data: []byte(changed)}})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if f := p.Field("system_no"); f == nil || f.Label != "用户改过的系统填报号" {
		t.Errorf("the user's parent was not used: %+v", f)
	}
	if f := mustLoad(t, "shanxi-hightech-2019").Field("system_no"); f == nil || f.Label != "系统填报号" {
		t.Errorf("the built-in template: %+v", f)
	}
}

func mustLoad(t *testing.T, id string) *Programme {
	t.Helper()
	p, ok, err := LoadOne(id, templates.FS)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	return p
}

// TestSnapshotUnusable: a snapshot that does not decode, or was made of another Go type, is
// ignored and the templates load the YAML way.
func TestSnapshotUnusable(t *testing.T) {
	saved := snapshotGob
	t.Cleanup(func() {
		snapshotGob, snapshotOnce, snapshotVal = saved, sync.Once{}, nil
		profileOnce, profile, profileErr = sync.Once{}, nil, nil
	})
	current := loadSnapshot()
	other, err := encodeSnapshot(snapshot{Schema: "another syntax.Template", Entries: current.Entries, Profile: current.Profile, ProfileSum: current.ProfileSum}, current.payloads)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"garbage": []byte("not a gob"), "empty": nil, "other type": other} {
		snapshotGob, snapshotOnce, snapshotVal = b, sync.Once{}, nil
		profileOnce, profile, profileErr = sync.Once{}, nil, nil
		if loadSnapshot() != nil {
			t.Errorf("%s: the snapshot was used", name)
		}
		if pr, err := EnterpriseProfile(); err != nil || pr.fields["name"] == nil {
			t.Errorf("%s: the profile the YAML way: %v", name, err)
		}
		if f := mustLoad(t, "shanxi-hightech-2019").Field("system_no"); f == nil || f.Label != "系统填报号" {
			t.Errorf("%s: %+v", name, f)
		}
	}
}
