package programme

import (
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Set is the programmes available: embedded templates, overridden by a user folder.
type Set struct {
	byID map[string]*Programme
}

// LoadSet loads every *.yaml template of each folder in turn; a later folder's template
// replaces an earlier one with the same id. Every problem of every template is reported.
// Templates are compiled in parallel: a set is loaded at every start of the app.
func LoadSet(folders ...fs.FS) (*Set, error) {
	type job struct {
		fsys fs.FS
		name string
		p    *Programme
		errs ErrorList
	}
	var jobs []*job
	for _, fsys := range folders {
		names, err := fs.Glob(fsys, "*.yaml")
		if err != nil {
			return nil, fmt.Errorf("programme: list templates: %w", err)
		}
		for _, name := range names {
			jobs = append(jobs, &job{fsys: fsys, name: name})
		}
	}
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			j.p, j.errs = loadFile(j.fsys, j.name)
		}()
	}
	wg.Wait()
	s := &Set{byID: map[string]*Programme{}}
	var all ErrorList
	for _, j := range jobs { // in folder order, so that later folders override
		all = append(all, j.errs...)
		if j.p != nil {
			s.byID[j.p.ID.S] = j.p
		}
	}
	return s, all.Err()
}

// LoadOne loads the template of one programme: <id>.yaml from the last folder that has it.
// Commands that work on one programme need not compile all of them (nor fail on another's
// mistake). ok is false when no folder has the template.
func LoadOne(id string, folders ...fs.FS) (p *Programme, ok bool, err error) {
	name := id + ".yaml"
	if !fs.ValidPath(name) || strings.ContainsAny(id, "/\\") {
		return nil, false, nil
	}
	for i := len(folders) - 1; i >= 0; i-- {
		if _, err := fs.Stat(folders[i], name); err != nil {
			continue
		}
		p, errs := loadFile(folders[i], name)
		if len(errs) > 0 {
			return nil, true, errs.Err()
		}
		return p, true, nil
	}
	return nil, false, nil
}

// loadFile reads and compiles one template (and its demo data file, if any).
func loadFile(fsys fs.FS, name string) (*Programme, ErrorList) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, ErrorList{&ParseError{File: name, Msg: "无法读取：" + err.Error()}}
	}
	demo, _ := fs.ReadFile(fsys, strings.TrimSuffix(name, ".yaml")+".demo.json")
	p, err := Parse(name, src, demo)
	if err != nil {
		if l, ok := err.(ErrorList); ok {
			return nil, l
		}
		return nil, ErrorList{&ParseError{File: name, Msg: err.Error()}}
	}
	return p, nil
}

// Get returns the programme with the id, or nil.
func (s *Set) Get(id string) *Programme { return s.byID[id] }

// All lists the programmes ordered by id.
func (s *Set) All() []*Programme {
	out := make([]*Programme, 0, len(s.byID))
	for _, p := range s.byID {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID.S < out[j].ID.S })
	return out
}
