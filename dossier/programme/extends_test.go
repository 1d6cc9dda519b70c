package programme_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/dossier/programme"
	"dossier/templates"
)

// family is the format test template as a parent, with children written over it.
func family(t *testing.T, children map[string]string) fstest.MapFS {
	t.Helper()
	base, err := os.ReadFile("testdata/hitech-sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"hitech-sample.yaml": {Data: base}}
	for name, src := range children {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func ruleIDs(p *programme.Programme) string {
	var ids []string
	for _, r := range p.Rules {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

// Top-level keys replace, id lists merge: same id replaces in place, a new id is appended or
// placed with after/before, remove: true drops; a section merges its fields by id.
func TestExtendsMergesByID(t *testing.T) {
	fsys := family(t, map[string]string{"child.yaml": `
format: 1
id: child
extends: hitech-sample
version: 3
title: 子模板
rules:
  - {id: domestic-rd, label: 境内研发占比, assert: "true", threshold: 不低于70%}
  - {id: new-last, label: 新条件, assert: "true", threshold: 有}
  - {id: new-first, before: rd-ratio, label: 新条件一, assert: "true", threshold: 有}
  - {id: main-products, remove: true}
sections:
  - id: rd
    fields:
      - {id: rd_note, label: 说明, type: text, after: rd}
`})
	set, err := programme.LoadSet(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("child")
	if p.Title != "子模板" || p.Version != 3 || p.Issued.Format("2006-01-02") != "2019-04-09" {
		t.Errorf("top-level keys: title %q version %d issued %q", p.Title, p.Version, p.Issued.Format("2006-01-02"))
	}
	if got := ruleIDs(p); got != "new-first,rd-ratio,domestic-rd,new-last" {
		t.Errorf("rules merged as %s", got)
	}
	if r := p.Rules[2]; r.Threshold != "不低于70%" {
		t.Errorf("domestic-rd not replaced: %q", r.Threshold)
	}
	var rd *programme.Section
	for i := range p.Sections {
		if p.Sections[i].ID == "rd" {
			rd = &p.Sections[i]
		}
	}
	if rd.Title != "研究开发活动" || len(rd.Fields) != 3 || rd.Fields[1].ID != "rd_note" {
		t.Errorf("section rd: title %q, %d fields", rd.Title, len(rd.Fields))
	}
	if pv := p.Provenance(); pv.ID != "child" || pv.Version != 3 || len(pv.SHA256) != 64 || pv.Source != "user" {
		t.Errorf("provenance %+v", pv)
	}
	if len(p.Files) != 2 || p.Files[1] != "hitech-sample.yaml" {
		t.Errorf("files %v", p.Files)
	}
	// The parent stays as it was.
	if got := ruleIDs(set.Get("hitech-sample")); got != "rd-ratio,domestic-rd,main-products" {
		t.Errorf("parent changed: %s", got)
	}
}

// An abstract template is compiled (its mistakes are found) but not listed.
func TestAbstractNotListed(t *testing.T) {
	base, _ := os.ReadFile("testdata/hitech-sample.yaml")
	fsys := fstest.MapFS{"hitech-sample.yaml": {Data: []byte(strings.Replace(string(base), "version: 1\n", "version: 1\nabstract: true\n", 1))},
		"child.yaml": {Data: []byte("format: 1\nid: child\nextends: hitech-sample\ntitle: 子\n")}}
	set, err := programme.LoadSet(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if set.Get("hitech-sample") != nil || len(set.All()) != 1 || set.Get("child") == nil || set.Get("child").Abstract {
		t.Errorf("abstract listed or child abstract: %d programmes", len(set.All()))
	}
}

// Mistakes of inheritance are reported at the child's file:line.
func TestExtendsMistakes(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"missing parent": {"format: 1\nid: a\nextends: nothere\ntitle: x\n", `a.yaml:3:10: extends 的父模板 “nothere” 不存在`},
		"own id":         {"format: 1\nid: a\nextends: a\ntitle: x\n", `a.yaml:3:10: extends 形成循环：a → a`},
		"remove unknown": {"format: 1\nid: a\nextends: hitech-sample\ntitle: x\nrules:\n  - {id: nope, remove: true}\n", `a.yaml:6:16: remove：父模板的 rules 中没有 id 为 “nope” 的项`},
		"after unknown":  {"format: 1\nid: a\nextends: hitech-sample\ntitle: x\nrules:\n  - {id: n, after: nope, label: l, assert: \"true\", threshold: t}\n", `a.yaml:6:13: rules 中没有 id 为 “nope” 的项`},
	}
	for name, c := range cases {
		_, err := programme.LoadSet(family(t, map[string]string{"a.yaml": c.src}))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want %q, got:\n%v", name, c.want, err)
		}
	}
	// A cycle through two files is reported at the child's extends line.
	_, err := programme.LoadSet(fstest.MapFS{
		"a.yaml": {Data: []byte("format: 1\nid: a\nextends: b\ntitle: x\n")},
		"b.yaml": {Data: []byte("format: 1\nid: b\nextends: a\ntitle: x\n")}})
	if err == nil || !strings.Contains(err.Error(), "a.yaml:3:10: 父模板 “b” 有错误：b.yaml:3:10: extends 形成循环：a → b → a") {
		t.Errorf("cycle: %v", err)
	}
}

// A mistake in what a child inherits names the parent's file and line.
func TestInheritedMistakeNamesParent(t *testing.T) {
	_, err := programme.LoadSet(family(t, map[string]string{"a.yaml": "format: 1\nid: a\nextends: hitech-sample\ntitle: x\nsections:\n  - {id: rd, remove: true}\n"}))
	if err == nil || !strings.Contains(err.Error(), "hitech-sample.yaml:") || !strings.Contains(err.Error(), "rd") {
		t.Fatalf("inherited mistake: %v", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
}

// A 2020 notice is a short child: its labels say 2017–2019 without restating them.
func TestNextYearChild(t *testing.T) {
	set, err := programme.LoadSet(templates.FS, os.DirFS("testdata/y2020"))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2020")
	if p == nil || p.Title != "2020年山西省高新技术企业认定" {
		t.Fatalf("2020 child: %v", p)
	}
	got := map[string]string{}
	for _, c := range p.Field("rd").Columns {
		got[c.ID] = c.Label
	}
	for id, want := range map[string]string{"spend_1": "第一年支出（2017年）", "spend_2": "第二年支出（2018年）", "spend_3": "第三年支出（2019年）"} {
		if got[id] != want {
			t.Errorf("%s: %q, want %q", id, got[id], want)
		}
	}
	if h := p.Field("application_type").Help; !strings.HasPrefix(h, "2017年通过认定") {
		t.Errorf("renewal help: %s", h)
	}
	// The 2019 programme is unchanged by its child.
	if l := set.Get("shanxi-hightech-2019").Field("rd").Columns[7].Label; l != "第一年支出（2016年）" {
		t.Errorf("2019 label: %s", l)
	}
	// Provenance: the SHA-256 of the child's bytes, then its parent's, then the base's.
	h := sha256.New()
	for _, f := range []string{"testdata/y2020/shanxi-hightech-2020.yaml", "../../templates/shanxi-hightech-2019.yaml", "../../templates/cn-hightech-base.yaml"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	pv := p.Provenance()
	if pv.Source != "user" || pv.ID != "shanxi-hightech-2020" || pv.Version != 1 || pv.SHA256 != hex.EncodeToString(h.Sum(nil)) {
		t.Errorf("provenance %+v files %v", pv, p.Files)
	}
	if pv := set.Get("shanxi-hightech-2019").Provenance(); pv.Source != "builtin" {
		t.Errorf("shipped provenance %+v", pv)
	}
}

// Form texts take their years from year: (or issued); only applied_year may be used there.
func TestFormTextYears(t *testing.T) {
	src := "format: 1\nid: x\ntitle: \"{{applied_year}}年专项\"\nissued: 2019-03-01\nyear: 2021\nsections:\n  - id: s\n    title: 基本情况\n    fields:\n" +
		"      - {id: a, label: \"{{applied_year - 1}}年收入\", type: money, help: \"填{{applied_year - 3}}—{{applied_year - 1}}年\"}\n"
	p, err := programme.Parse("x.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Field("a"); p.Title != "2021年专项" || f.Label != "2020年收入" || f.Help != "填2018—2020年" {
		t.Errorf("title %q label %q help %q", p.Title, f.Label, f.Help)
	}
	bad := strings.Replace(src, "{{applied_year - 1}}年收入", "{{last_year}}年收入", 1)
	_, err = programme.Parse("x.yaml", []byte(bad), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:10:24: 字段 “a” 的 label 中的 {{ last_year }} 无法在加载时计算：表单文字中只能用 applied_year") {
		t.Errorf("last_year in a label: %v", err)
	}
}
