package programme

import (
	"dossier/dossier/programme/internal/syntax"
	"reflect"
	"sort"
	"strings"
)

// Shared fields (profile.yaml `shared`, templates/README.md "共用字段"): questions many
// notices ask in the same words (联系人手机, 邮政编码, 项目负责人…) are defined once; a template's
// field written {use: id} is that definition, with the keys the template gives over it.

// useShared fills every {use: x} field of the sections (and of their tables' columns) from
// the profile's shared field x. The values taken from it keep their place in profile.yaml.
func useShared(file string, sections []syntax.Section, pr *Profile, errs *ErrorList) {
	for si := range sections {
		for fi := range sections[si].Fields {
			fillShared(file, &sections[si].Fields[fi], pr, errs)
		}
	}
}

func fillShared(file string, f *syntax.Field, pr *Profile, errs *ErrorList) {
	for i := range f.Columns {
		fillShared(file, &f.Columns[i], pr, errs)
	}
	if !f.Use.Set() {
		return
	}
	lib := pr.shared[f.Use.S]
	if lib == nil {
		errs.Add(file, f.Use.Pos, "use “%s” 不是共用字段（可用：%s）", f.Use.S, strings.Join(pr.sharedIDs(), "、"))
		return
	}
	if !f.ID.Set() {
		f.ID = Str{S: lib.ID.S, Pos: f.Use.Pos}
	}
	own := reflect.ValueOf(f).Elem()
	from := reflect.ValueOf(cloneField(*lib, "profile.yaml"))
	for i := 0; i < own.NumField(); i++ {
		if own.Field(i).IsZero() && own.Type().Field(i).IsExported() {
			own.Field(i).Set(from.Field(i))
		}
	}
}

// cloneField copies a field deeply (its options and columns are its own, so that filling in
// the application year cannot change the shared definition), marking its places as file's.
func cloneField(f syntax.Field, file string) syntax.Field {
	v := reflect.ValueOf(&f).Elem()
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Type() == reflect.TypeOf(Str{}) {
			s := v.Field(i).Addr().Interface().(*Str)
			if s.Pos.File == "" && s.Pos.Line > 0 {
				s.Pos.File = file
			}
		}
	}
	f.Options = append([]syntax.Option(nil), f.Options...)
	for i := range f.Options {
		if f.Options[i].Value.Pos.File == "" && f.Options[i].Value.Pos.Line > 0 {
			f.Options[i].Value.Pos.File = file
		}
	}
	cols := f.Columns
	f.Columns = nil
	for _, c := range cols {
		f.Columns = append(f.Columns, cloneField(c, file))
	}
	f.Checks = append([]syntax.Check(nil), f.Checks...)
	return f
}

// sharedIDs lists the shared fields' ids, for messages.
func (pr *Profile) sharedIDs() []string {
	ids := make([]string, 0, len(pr.shared))
	for id := range pr.shared {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
