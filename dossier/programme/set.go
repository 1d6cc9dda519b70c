package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"dossier/dossier/fsafe"
	"dossier/templates"
)

// Set is the programmes available: embedded templates, overridden by a user folder.
type Set struct {
	byID      map[string]*Programme
	notices   []string
	overrides []Override
}

// Override is a template that replaces another with the same id: the file that wins (a later
// folder's) and the one it replaces, with their versions and sources.
type Override struct {
	ID                  string
	File, OldFile       string
	Version, OldVersion int
	Source, OldSource   string // SourceBuiltin or SourceUser
}

// Provenance says which template a programme was compiled from (manifest.json "template",
// CONTRACT.md).
type Provenance struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	// SHA256 is the hex SHA-256 of the template file's bytes followed by its parent's, and so
	// on up the extends chain: it changes whenever any file the programme was built from does.
	SHA256 string `json:"sha256"`
	Source string `json:"source"` // SourceBuiltin or SourceUser
}

// Where a template came from.
const (
	SourceBuiltin = "builtin" // shipped in the binary
	SourceUser    = "user"    // a --templates folder
)

// folder is one place templates are read from. dir, when set, prefixes file names in
// messages (the path the user gave).
type folder struct {
	fsys fs.FS
	dir  string
}

func (f folder) source() string {
	if f.fsys == fs.FS(templates.FS) {
		return SourceBuiltin
	}
	return SourceUser
}

func (f folder) display(name string) string {
	if f.dir == "" {
		return name
	}
	return strings.TrimSuffix(f.dir, "/") + "/" + name
}

func wrap(folders []fs.FS) []folder {
	out := make([]folder, len(folders))
	for i, f := range folders {
		out[i] = folder{fsys: f}
	}
	return out
}

// LoadSet loads every *.yaml template of each folder in turn; a later folder's template
// replaces an earlier one with the same id (Notices says so). A template may extend one of
// any folder (the last folder that has the parent's id). Every problem of every template is
// reported. Templates are compiled in parallel: a set is loaded at every start of the app.
func LoadSet(folders ...fs.FS) (*Set, error) {
	s, errs := loadSet(wrap(folders), nil)
	return s, errs.Err()
}

type job struct {
	f    int
	name string
	p    *Programme
	errs ErrorList
}

// loadSet compiles the templates of every folder, or, when only is set, only the names it
// lists per folder index (the others still serve as parents).
func loadSet(folders []folder, only map[int][]string) (*Set, ErrorList) {
	var jobs []*job
	var all ErrorList
	for i, f := range folders {
		names := only[i]
		if only == nil {
			var err error
			if names, err = fs.Glob(f.fsys, "*.yaml"); err != nil {
				all.Add(f.display("."), Pos{}, "无法列出模板：%s", fsafe.Describe(err))
				continue
			}
		}
		for _, name := range names {
			jobs = append(jobs, &job{f: i, name: name})
		}
	}
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			j.p, j.errs = loadFile(folders, j.f, j.name)
		}()
	}
	wg.Wait()
	s := &Set{byID: map[string]*Programme{}}
	for _, j := range jobs { // in folder order, so that later folders override
		all = append(all, j.errs...)
		if j.p == nil {
			continue
		}
		if old := s.byID[j.p.ID]; old != nil {
			s.overrides = append(s.overrides, Override{ID: j.p.ID, File: j.p.File, OldFile: old.File,
				Version: j.p.Version, OldVersion: old.Version, Source: j.p.source, OldSource: old.source})
			s.notices = append(s.notices, fmt.Sprintf("项目“%s”使用%s模板 %s（版本 %d），它覆盖了%s模板 %s（版本 %d）",
				j.p.ID, sourceName(j.p.source), j.p.File, j.p.Version, sourceName(old.source), old.File, old.Version))
		}
		s.byID[j.p.ID] = j.p
	}
	return s, all
}

func sourceName(src string) string {
	if src == SourceBuiltin {
		return "内置"
	}
	return "用户"
}

// CheckTemplates loads the templates named (files, or folders whose *.yaml are all checked) with the
// shipped ones as possible parents, and returns every problem; file names in messages are the
// paths given. notices say which given template overrides a shipped one.
func CheckTemplates(paths ...string) (problems ErrorList, notices []string) {
	folders := []folder{{fsys: templates.FS}}
	only := map[int][]string{0: nil}
	var errs ErrorList
	for _, p := range paths {
		dir, name := p, ""
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			dir, name = path.Dir(strings.ReplaceAll(p, `\`, "/")), path.Base(strings.ReplaceAll(p, `\`, "/"))
		}
		f := folder{fsys: os.DirFS(dir), dir: dir}
		if dir == "." && name != "" {
			f.dir = ""
		}
		names := []string{name}
		if name == "" {
			var err error
			if names, err = fs.Glob(f.fsys, "*.yaml"); err != nil || len(names) == 0 {
				errs.Add(p, Pos{}, "文件夹中没有模板（*.yaml）")
				continue
			}
		}
		folders = append(folders, f)
		only[len(folders)-1] = names
	}
	set, all := loadSet(folders, only)
	errs = append(errs, all...)
	checkDemos(set, givenFiles(folders[1:], only), &errs)
	errs.Sort()
	for _, p := range set.All() {
		if v, ok := shippedVersion(p.ID, p.File); ok {
			notices = append(notices, fmt.Sprintf("项目“%s”使用模板 %s（版本 %d），它覆盖了内置模板 %s.yaml（版本 %d）", p.ID, p.File, p.Version, p.ID, v))
		}
	}
	return errs, notices
}

// shippedVersion is the version of the shipped template with the id, if there is one and
// the file at path is not the same.
func shippedVersion(id, path string) (int, bool) {
	src, err := templates.FS.ReadFile(id + ".yaml")
	if err != nil {
		return 0, false
	}
	if mine, err := os.ReadFile(path); err == nil && bytes.Equal(mine, src) {
		return 0, false
	}
	var h struct {
		Version int `yaml:"version"`
	}
	if err := yaml.Unmarshal(src, &h); err != nil {
		return 0, false
	}
	return h.Version, true
}

// Notices are what the user should know about the set though nothing is wrong: which
// template overrides which (the file that wins, and its version).
func (s *Set) Notices() []string { return s.notices }

// Overrides lists the templates that replace another with the same id, in load order.
func (s *Set) Overrides() []Override { return s.overrides }

// LoadUser loads the shipped templates and, when dir is not "", the user's template folder
// (file names in problems relative to it): the set of every template that compiled, and every
// problem of the others, sorted. A folder that does not exist is one problem.
func LoadUser(dir string) (*Set, ErrorList) {
	folders := []folder{{fsys: templates.FS}}
	var errs ErrorList
	if dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			errs.Add(dir, Pos{}, "模板文件夹不存在或不是文件夹")
		} else {
			folders = append(folders, folder{fsys: os.DirFS(dir)})
		}
	}
	s, all := loadSet(folders, nil)
	errs = append(errs, all...)
	errs.Sort()
	return s, errs
}

// LoadOne loads the template of one programme: <id>.yaml from the last folder that has it.
// Commands that work on one programme need not compile all of them (nor fail on another's
// mistake). ok is false when no folder has the template, or it is abstract.
func LoadOne(id string, folders ...fs.FS) (p *Programme, ok bool, err error) {
	name := id + ".yaml"
	if !fs.ValidPath(name) || strings.ContainsAny(id, "/\\") {
		return nil, false, nil
	}
	fl := wrap(folders)
	for i := len(fl) - 1; i >= 0; i-- {
		if _, err := fs.Stat(fl[i].fsys, name); err != nil {
			continue
		}
		p, errs := loadFile(fl, i, name)
		if len(errs) > 0 {
			return nil, true, errs.Err()
		}
		if p.Abstract {
			return nil, false, nil
		}
		return p, true, nil
	}
	return nil, false, nil
}

// ParseIn decodes and compiles one template whose parents (extends) are found in folders.
func ParseIn(file string, src, demo []byte, folders ...fs.FS) (*Programme, error) {
	p, errs := parseChain(wrap(folders), file, SourceUser, src, demo)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return p, nil
}

// loadFile reads and compiles one template (and its demo data file, if any).
func loadFile(folders []folder, fi int, name string) (*Programme, ErrorList) {
	f := folders[fi]
	file := f.display(name)
	src, err := fsafe.ReadRegularFS(f.fsys, name, fsafe.MaxTemplateFile)
	if err != nil {
		return nil, ErrorList{&ParseError{File: file, Msg: "无法读取模板：" + err.Error()}}
	}
	demo, _ := fsafe.ReadRegularFS(f.fsys, strings.TrimSuffix(name, ".yaml")+".demo.json", fsafe.MaxTemplateFile)
	return parseChain(folders, file, f.source(), src, demo)
}

// parseChain builds a template's tree (merging its parents), then decodes and compiles it.
func parseChain(folders []folder, file, source string, src, demo []byte) (*Programme, ErrorList) {
	// The enterprise profile (loaded once per process, and needed to compile any template)
	// loads on another core while this template parses: a cold command needs both.
	profileDone := make(chan struct{})
	go func() { _, _ = EnterpriseProfile(); close(profileDone) }() // compileTemplate reports its error
	defer func() { <-profileDone }()
	var errs ErrorList
	tpl, files, srcs := fromSnapshot(folders, file, source, src)
	if tpl == nil {
		var t *syntax.Tree
		if tpl, t = decodeYAML(folders, file, src, &errs); tpl == nil {
			return nil, errs
		}
		files, srcs = t.Files, t.Srcs
	}
	p, err := compileTemplate(file, tpl, demo)
	if err != nil {
		return nil, appendErr(errs, file, err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	p.source = source
	p.Files = files
	h := sha256.New()
	for _, b := range srcs {
		h.Write(b)
	}
	p.sum = hex.EncodeToString(h.Sum(nil))
	return p, nil
}

// decodeYAML is the YAML way to a decoded template: its tree built with its parents merged
// (found in folders), then decoded. It adds every problem to errs and returns nil when the
// template cannot be compiled; a mistake in extends' placement keys does not stop the rest
// from being checked.
func decodeYAML(folders []folder, file string, src []byte, errs *ErrorList) (*syntax.Template, *syntax.Tree) {
	find := func(id string) (string, []byte, error, bool) { return findParent(folders, id) }
	t := syntax.Build(find, file, src, nil, errs)
	if t == nil {
		return nil, nil
	}
	return decodeTree(file, t.Body, errs), t
}

// appendErr adds the error compiling a template returned to errs.
func appendErr(errs ErrorList, file string, err error) ErrorList {
	if l, ok := err.(ErrorList); ok {
		return append(errs, l...)
	}
	return append(errs, &ParseError{File: file, Msg: err.Error()})
}

// findParent reads <id>.yaml from the last folder that has it.
func findParent(folders []folder, id string) (file string, src []byte, err error, ok bool) {
	_, file, src, err, ok = parentIn(folders, id)
	return file, src, err, ok
}

// parentIn is findParent that also says which folder the parent came from.
func parentIn(folders []folder, id string) (f folder, file string, src []byte, err error, ok bool) {
	name := id + ".yaml"
	if id == "" || !fs.ValidPath(name) || strings.ContainsAny(id, "/\\") {
		return folder{}, "", nil, nil, false
	}
	for i := len(folders) - 1; i >= 0; i-- {
		f := folders[i]
		if _, err := fs.Stat(f.fsys, name); err != nil {
			continue
		}
		src, err := fsafe.ReadRegularFS(f.fsys, name, fsafe.MaxTemplateFile)
		return f, f.display(name), src, err, true
	}
	return folder{}, "", nil, nil, false
}

// Get returns the programme with the id, or nil (also for an abstract template).
func (s *Set) Get(id string) *Programme {
	if p := s.byID[id]; p != nil && !p.Abstract {
		return p
	}
	return nil
}

// All lists the programmes ordered by id (abstract templates, which only serve as parents,
// are left out).
func (s *Set) All() []*Programme {
	out := make([]*Programme, 0, len(s.byID))
	for _, p := range s.byID {
		if !p.Abstract {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Provenance says which template the programme was compiled from.
func (p *Programme) Provenance() Provenance {
	src := p.source
	if src == "" {
		src = SourceUser
	}
	return Provenance{ID: p.ID, Version: p.Version, SHA256: p.sum, Source: src}
}
