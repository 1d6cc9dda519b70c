package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/master"
	"dossier/dossier/programme"
	"dossier/dossier/records"
	"dossier/dossier/records/recordstest"
)

var importDay = func() time.Time { return time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC) }

func demoFile(t *testing.T, p *programme.Programme) *dossier.File {
	t.Helper()
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// storedProfile saves the enterprise of the demo file under another name and phone, as if
// entered earlier, and returns it.
func storedProfile(t *testing.T, st records.Store, f *dossier.File) *records.Enterprise {
	t.Helper()
	prof := map[string]any{}
	for k, v := range f.Enterprise {
		prof[k] = v
	}
	prof["name"] = "汾河智能（旧名）"
	prof["contact_phone"] = "0351-1234567"
	b, err := json.Marshal(prof)
	if err != nil {
		t.Fatal(err)
	}
	e := &records.Enterprise{Name: "汾河智能（旧名）", CreditCode: f.Enterprise["credit_code"].(string), Profile: b}
	if err := st.SaveEnterprise(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

// A file with a new credit code makes a new enterprise and its dossier, titled by the
// programme's title field.
func TestImportNewEnterprise(t *testing.T) {
	ctx := context.Background()
	p := load(t)
	st := recordstest.NewMemStore()
	im, err := PlanImport(ctx, st, p, demoFile(t, p), importDay)
	if err != nil {
		t.Fatal(err)
	}
	if im.Existing != nil || len(im.Changes) != 0 {
		t.Fatalf("matched an enterprise in an empty store: %+v", im)
	}
	id, err := im.Save(ctx, st, false)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Dossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	f := demoFile(t, p)
	if want := f.Answers[p.TitleField()]; d.Title != want || d.Programme != p.ID || d.Status != StatusEligible {
		t.Errorf("dossier %q (%s, %s), want title %q", d.Title, d.Programme, d.Status, want)
	}
	e, _ := st.Enterprise(ctx, d.EnterpriseID)
	if e.Name != f.Enterprise["name"] || e.CreditCode != f.Enterprise["credit_code"] {
		t.Errorf("enterprise %+v", e)
	}
}

// A file whose credit code is stored goes to that enterprise; the changes to its profile are
// listed with the form's labels, and the caller's decision is what is stored.
func TestImportMatchesByCreditCode(t *testing.T) {
	ctx := context.Background()
	p := load(t)
	for _, update := range []bool{false, true} {
		st := recordstest.NewMemStore()
		f := demoFile(t, p)
		old := storedProfile(t, st, f)
		im, err := PlanImport(ctx, st, p, f, importDay)
		if err != nil {
			t.Fatal(err)
		}
		if im.Existing == nil || im.Existing.ID != old.ID {
			t.Fatalf("not matched by credit code: %+v", im.Existing)
		}
		got := map[string]master.Change{}
		for _, c := range im.Changes {
			got[c.Label] = c
		}
		if c := got["企业名称"]; len(im.Changes) != 2 || c.Label != "企业名称" || c.Old != "汾河智能（旧名）" || c.New != f.Enterprise["name"] {
			t.Fatalf("changes: %+v", im.Changes)
		}
		if c := got["联系电话"]; c.Old != "0351-1234567" || c.New != f.Enterprise["contact_phone"] {
			t.Errorf("phone change: %+v", c)
		}
		id, err := im.Save(ctx, st, update)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := st.Dossier(ctx, id)
		e, _ := st.Enterprise(ctx, old.ID)
		if list, _ := st.Enterprises(ctx, ""); len(list) != 1 || d.EnterpriseID != old.ID {
			t.Fatalf("update=%v: %d enterprises, dossier of %d", update, len(list), d.EnterpriseID)
		}
		saved, _ := dossier.Decode(bytes.NewReader(d.Data))
		wantName := "汾河智能（旧名）"
		if update {
			wantName = f.Enterprise["name"].(string)
		}
		if e.Name != wantName || records.DecodeProfile(e.Profile)["name"] != wantName || saved.Enterprise["name"] != wantName {
			t.Errorf("update=%v: stored %q, profile %v, dossier's data file %v; want %q", update, e.Name,
				records.DecodeProfile(e.Profile)["name"], saved.Enterprise["name"], wantName)
		}
	}
}

// The enterprise and the dossier are written in one transaction: when the dossier's write
// fails, neither a new enterprise nor a profile update is left behind.
func TestImportWritesNothingOnFailure(t *testing.T) {
	ctx := context.Background()
	p := load(t)
	disk := errors.New("disk full")

	st := recordstest.NewMemStore()
	st.FailDossierWrites(disk)
	im, err := PlanImport(ctx, st, p, demoFile(t, p), importDay)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Save(ctx, st, true); !errors.Is(err, disk) {
		t.Fatalf("got %v, want the dossier's failure", err)
	}
	if list, _ := st.Enterprises(ctx, ""); len(list) != 0 {
		t.Errorf("a new enterprise was written without its dossier: %q", list[0].Name)
	}

	st = recordstest.NewMemStore()
	f := demoFile(t, p)
	old := storedProfile(t, st, f)
	st.FailDossierWrites(disk)
	im, err = PlanImport(ctx, st, p, f, importDay)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Save(ctx, st, true); !errors.Is(err, disk) {
		t.Fatalf("got %v, want the dossier's failure", err)
	}
	if e, _ := st.Enterprise(ctx, old.ID); e.Name != old.Name || string(e.Profile) != string(old.Profile) {
		t.Errorf("the profile was overwritten without the dossier: %q", e.Name)
	}
}

// The dossier's title comes from the template's title_field; without a value, or for a
// programme without one, it is the programme's name.
func TestDossierTitle(t *testing.T) {
	p := load(t)
	if got := DossierTitle(p, map[string]any{"project_name": " 智能产线 "}); got != "智能产线" {
		t.Errorf("title %q", got)
	}
	if got := DossierTitle(p, map[string]any{}); got != ProgrammeName(p) || got == "" {
		t.Errorf("untitled dossier %q, want %q", got, ProgrammeName(p))
	}
	q, err := programme.Parse("t.yaml", []byte(`format: 1
id: t
version: 1
title: 平台认定
title_field: platform_name
sections:
  - id: s
    title: 分节
    fields:
      - {id: project_name, label: 项目名称, type: text}
      - {id: platform_name, label: 平台名称, type: text}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := DossierTitle(q, map[string]any{"project_name": "不是它", "platform_name": "综合服务平台"}); got != "综合服务平台" {
		t.Errorf("title_field ignored: %q", got)
	}
}

// The package folder is named by the enterprise (未命名企业 without one), the programme and
// the 申报日期, with what no file name may hold replaced.
func TestPackageName(t *testing.T) {
	p := load(t)
	s := New(p, &dossier.File{AppliedOn: "2019-06-30"})
	if got, want := s.PackageName(), records.UnnamedEnterprise+"_"+ProgrammeName(p)+"_20190630"; got != want {
		t.Errorf("PackageName() = %q, want %q", got, want)
	}
	if err := s.Set("enterprise.name", `A/B:C*D?"E"<F>|G`); err != nil {
		t.Fatal(err)
	}
	if got := s.PackageName(); got != "A_B_C_D__E__F__G_"+ProgrammeName(p)+"_20190630" {
		t.Errorf("PackageName() = %q", got)
	}
}

// An import names a finance change by year and item, money as money, as a master row's
// import does (one comparison: master.Changes), not the whole table as "3 行".
func TestImportNamesFinanceByYear(t *testing.T) {
	ctx := context.Background()
	p := load(t)
	st := recordstest.NewMemStore()
	f := demoFile(t, p)
	prof := map[string]any{}
	for k, v := range f.Enterprise {
		prof[k] = v
	}
	var fin []any
	for _, it := range f.Enterprise["finance"].([]any) {
		row := map[string]any{}
		for k, v := range it.(map[string]any) {
			row[k] = v
		}
		fin = append(fin, row)
	}
	last := fin[len(fin)-1].(map[string]any)
	wantYear := fmt.Sprint(last["year"])
	last["main_revenue"] = json.Number("1500")
	prof["finance"] = fin
	b, err := json.Marshal(prof)
	if err != nil {
		t.Fatal(err)
	}
	e := &records.Enterprise{Name: "x", CreditCode: f.Enterprise["credit_code"].(string), Profile: b}
	if err := st.SaveEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	im, err := PlanImport(ctx, st, p, f, importDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Changes) != 1 || im.Changes[0].Label != wantYear+"年 主营业务收入" || im.Changes[0].Old != "1,500.00" || !strings.Contains(im.Changes[0].New, ",") {
		t.Fatalf("changes %+v, want one: %s年 主营业务收入 1,500.00 → the file's, grouped", im.Changes, wantYear)
	}
}
