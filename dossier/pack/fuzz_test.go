package pack

import (
	"testing"
	"unicode"
)

// FuzzDecodeManifest: any bytes give a format-1 manifest with a file list, or a Chinese
// message; never a panic, never Go's English.
func FuzzDecodeManifest(f *testing.F) {
	for _, s := range []string{
		`{"format": 1, "programme": "p", "generator": "dossier 1", "created": "2019-05-20T09:30:00+08:00", "files": [{"path": "a.pdf", "size": 1, "sha256": "00"}]}`,
		`{"format": 1, "files": []}`, `{"format": 2, "files": []}`, `{"format": "1"}`, `{"files": [{"path": 3}]}`,
		`{"format": 1, "files": []} {}`, "{\n\"format\": 1,\n", `null`, `[]`, "\xff\xfe{", ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := decodeManifest(src)
		if err != nil {
			if !hasHan(err.Error()) {
				t.Fatalf("message not Chinese: %q", err)
			}
			return
		}
		if m.Format != 1 || m.Files == nil {
			t.Fatalf("accepted %q as %+v", src, m)
		}
	})
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
