package session

import (
	"os"
	"reflect"
	"testing"

	"dossier/dossier"
	"dossier/dossier/programme"
	"dossier/templates"
)

// Moving or deleting an IP row keeps what the RD and PS rows' "IP0n" mean.
func TestRefsFollowMovedAndDeletedRows(t *testing.T) {
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-hightech-2019")
	f := &dossier.File{Format: dossier.FormatVersion, Programme: p.ID, Answers: map[string]any{
		"ip": []any{map[string]any{"name": "A"}, map[string]any{"name": "B"}, map[string]any{"name": "C"}},
		"rd": []any{map[string]any{"ip_refs": []any{"IP01", "IP03"}}},
		"ps": []any{map[string]any{"ip_refs": "IP03、IP02"}},
	}}
	s := New(p, f)
	refs := func() (any, any) {
		return s.file.Answers["rd"].([]any)[0].(map[string]any)["ip_refs"], s.file.Answers["ps"].([]any)[0].(map[string]any)["ip_refs"]
	}
	// C moves to the top: C=IP01, A=IP02, B=IP03.
	if err := s.MoveRow("ip", 2, 0); err != nil {
		t.Fatal(err)
	}
	rd, ps := refs()
	if !reflect.DeepEqual(rd, []any{"IP02", "IP01"}) || ps != "IP01、IP03" {
		t.Fatalf("after the move: rd %v, ps %v (want [IP02 IP01], IP01、IP03)", rd, ps)
	}
	if got := s.Get("ip[0].name"); got != "C" {
		t.Fatalf("row 0 is %q", got)
	}
	// C is deleted: A=IP01, B=IP02; the references to C go.
	if err := s.RemoveRow("ip", 0); err != nil {
		t.Fatal(err)
	}
	rd, ps = refs()
	if !reflect.DeepEqual(rd, []any{"IP01"}) || ps != "IP02" {
		t.Fatalf("after the delete: rd %v, ps %v (want [IP01], IP02)", rd, ps)
	}
	// A move down the other way.
	if err := s.MoveRow("ip", 0, 1); err != nil {
		t.Fatal(err)
	}
	rd, ps = refs()
	if !reflect.DeepEqual(rd, []any{"IP02"}) || ps != "IP01" {
		t.Fatalf("after moving down: rd %v, ps %v", rd, ps)
	}
	if ev := s.Evaluate(); hasProblemAt(ev, "rd[0].ip_refs") || hasProblemAt(ev, "ps[0].ip_refs") {
		t.Errorf("references report problems: %+v", ev.Problems)
	}
}

func hasProblemAt(ev *programme.Evaluation, path string) bool {
	for _, p := range ev.Problems {
		if p.Field == path {
			return true
		}
	}
	return false
}
