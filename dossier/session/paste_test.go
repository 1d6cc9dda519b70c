package session

import (
	"os"
	"reflect"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

// Text copied from Excel: TAB between cells, CRLF between rows, a cell with a new line or a
// quote between quotes, a trailing new line.
func TestSplitClipboard(t *testing.T) {
	got := SplitClipboard("a\tb\r\n\"two\r\nlines\"\t\"say \"\"hi\"\"\"\r\n5\" 屏\t\r\n\r\n")
	want := [][]string{{"a", "b"}, {"two\r\nlines", `say "hi"`}, {`5" 屏`, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// Pasted rows are read cell by cell like typed ones; a bad cell is reported and left empty,
// the rest of its row is kept, and a copied header row is skipped.
func TestPasteRows(t *testing.T) {
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2019")
	s := New(p, &dossier.File{Format: dossier.FormatVersion, Programme: p.ID})
	rows := SplitClipboard("知识产权名称\t类型\t类别\t授权号\t授权日期\t获得方式\n" +
		"一种装置\t发明专利\tⅠ类\tZL1\t2018/3/5\t自主研发\n" +
		"软件\tsoftware\tII\tR2\t2018年13月1日\t买的\n")
	added, problems, err := s.PasteRows("ip", rows)
	if err != nil || added != 2 {
		t.Fatalf("added %d, %v", added, err)
	}
	if got := s.Get("ip[0].granted_on") + " " + s.Get("ip[0].kind") + " " + s.Get("ip[0].class"); got != "2018-03-05 invention I" {
		t.Errorf("row 1: %s", got)
	}
	if got := s.Get("ip[1].kind") + " " + s.Get("ip[1].number") + " " + s.Get("ip[1].granted_on"); got != "software R2 " {
		t.Errorf("row 2: %q", got)
	}
	if len(problems) != 2 || problems[0].Row != 1 || problems[0].Column != "授权日期" || problems[1].Column != "获得方式" {
		t.Errorf("problems %+v", problems)
	}
	if s.Changes() == 0 {
		t.Error("no change recorded")
	}
}
