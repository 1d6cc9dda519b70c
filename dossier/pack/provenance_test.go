package pack_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"dossier/dossier/pack"
	"dossier/templates"
)

// manifest.json records the template the package was built from (CONTRACT.md).
func TestManifestRecordsTemplate(t *testing.T) {
	ev := demoEval(t, nil)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, pack.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Template struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
			SHA256  string `json:"sha256"`
			Source  string `json:"source"`
		} `json:"template"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	src, _ := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	sum := sha256.Sum256(src)
	tp := m.Template
	if tp.ID != "shanxi-techinnov-2019" || tp.Version != ev.Programme.Version || tp.Source != "builtin" || tp.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("manifest template: %+v", tp)
	}
}
