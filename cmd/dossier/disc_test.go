package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// build --disc-data puts 申报数据.json on the disc (top level); by default it is in 不刻录/.
// aggregate reads a package either way; verify of a draft says it is a draft.
func TestDiscDataAndDraft(t *testing.T) {
	data := writeDemo(t, nil)
	dir := t.TempDir()
	plain, onDisc, draft := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
	for _, c := range [][]string{{"--out", plain}, {"--out", onDisc, "--disc-data"}, {"--out", draft, "--draft"}} {
		if code, _, errOut := dossierCmd(t, append([]string{"build", id, data}, c...)...); code != 0 {
			t.Fatalf("build %v: %s", c, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(plain, "不刻录", "申报数据.json")); err != nil {
		t.Errorf("default build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(onDisc, "申报数据.json")); err != nil {
		t.Errorf("--disc-data: %v", err)
	}
	// The same dossier twice: both data files are found (one in 不刻录/, one at the top level),
	// the second is the first's duplicate.
	if code, out, errOut := dossierCmd(t, "aggregate", id, "--out", filepath.Join(dir, "x.xlsx"), plain, onDisc); code != 2 || !strings.Contains(out, "已汇总 1 份") || !strings.Contains(out+errOut, "重复") {
		t.Errorf("aggregate: exit %d %s%s", code, out, errOut)
	}
	if code, out, _ := dossierCmd(t, "verify", draft); code != 0 || !strings.Contains(out, "草稿") {
		t.Errorf("verify of a draft: exit %d %s", code, out)
	}
	if _, out, _ := dossierCmd(t, "verify", plain); strings.Contains(out, "草稿") {
		t.Errorf("verify calls a final package a draft: %s", out)
	}
}
