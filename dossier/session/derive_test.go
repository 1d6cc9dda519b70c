package session

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

func hightech(t *testing.T) *Session {
	t.Helper()
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	return New(p, f)
}

// Changing an IP's 类型 fills in its 类别 when it is empty or still the derived value; a
// 类别 the user chose differently is kept.
func TestEditFillsDerivedClass(t *testing.T) {
	s := hightech(t)
	// Row 0: an invention, Ⅰ类 (as derived). Becoming a utility model, it follows.
	fills, err := s.Edit("ip[0].kind", "utility")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Get("ip[0].class"); got != "II" || len(fills) != 1 || fills[0] != (Fill{Path: "ip[0].class", Was: "I", Now: "II", From: "类型"}) {
		t.Fatalf("class %q, fills %+v; want II, filled from I", got, fills)
	}
	// The user deliberately makes it Ⅰ类; a later change of 类型 keeps that.
	if err := s.Set("ip[0].class", "I"); err != nil {
		t.Fatal(err)
	}
	if fills, _ := s.Edit("ip[0].kind", "software"); len(fills) != 0 || s.Get("ip[0].class") != "I" {
		t.Fatalf("a deliberate 类别 was overwritten: %q, %+v", s.Get("ip[0].class"), fills)
	}
	if !hasProblem(s, "ip[0].class", "类别与类型不符") {
		t.Error("the kept 类别 is not warned of")
	}
	// An empty 类别 is filled in; a 类型 it cannot follow from (其他) leaves it alone.
	_ = s.Set("ip[1].class", "")
	if _, err := s.Edit("ip[1].kind", "other"); err != nil || s.Get("ip[1].class") != "" {
		t.Errorf("其他 derived %q", s.Get("ip[1].class"))
	}
	if fills, _ := s.Edit("ip[1].kind", "design"); s.Get("ip[1].class") != "II" || len(fills) != 1 || fills[0].Was != "" {
		t.Errorf("empty 类别: %q, %+v; want II", s.Get("ip[1].class"), fills)
	}
	// Another row and other columns are not touched.
	if s.Get("ip[2].class") != "II" || s.Get("ip[1].name") == "" {
		t.Error("an edit filled something outside its row's derived columns")
	}
}

// Rows pasted without 类别 get it from their 类型.
func TestPasteFillsDerivedClass(t *testing.T) {
	s := hightech(t)
	n := s.Rows("ip")
	added, problems, err := s.PasteRows("ip", [][]string{
		{"一种检测方法", "发明专利", "", "ZL201810000001.1", "2019-01-02", "自主研发"},
		{"一种外壳", "实用新型专利", "Ⅰ类", "ZL201820000002.2", "2019-01-03", "自主研发"},
	})
	if err != nil || added != 2 || len(problems) != 0 {
		t.Fatalf("paste: %d, %v, %v", added, problems, err)
	}
	if got := s.Get("ip[" + itoa(n) + "].class"); got != "I" {
		t.Errorf("pasted invention's 类别 %q, want I", got)
	}
	if got := s.Get("ip[" + itoa(n+1) + "].class"); got != "I" {
		t.Errorf("a pasted 类别 was replaced: %q", got)
	}
}

func hasProblem(s *Session, path, text string) bool {
	for _, p := range s.ProblemsFor(path) {
		if strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
