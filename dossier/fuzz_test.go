package dossier

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: no input makes the data-file reader panic or hang; what it accepts is written
// back by MarshalJSON and read again to the same keys. Seeds are the small files of the
// bad-input corpus and testdata/fuzz (large seeds make Go's minimiser spend its default 60 s
// on each new input; -fuzzminimizetime 1x keeps the run busy fuzzing).
func FuzzDecode(f *testing.F) {
	for _, glob := range []string{"../templates/*.demo.json", "../cmd/dossier/testdata/bad/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil && len(b) < 4<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"format":1,"answers":{"a":"\ud83d\ude00","b":1e3}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Decode(bytes.NewReader(src))
		if err != nil {
			return
		}
		out, err := json.Marshal(file)
		if err != nil {
			t.Fatalf("accepted file does not marshal: %v", err)
		}
		again, err := Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("written file is refused: %v\n%s", err, out)
		}
		if len(again.Enterprise) != len(file.Enterprise) || len(again.Answers) != len(file.Answers) || len(again.Unknown) != len(file.Unknown) {
			t.Fatalf("round trip lost keys:\n%s", out)
		}
	})
}

// FuzzParseDate: what ParseDate accepts it reads back the same from its canonical form.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-05-20", "2019/5/20", "2019.5.20", "2019年5月20日", "２０１９－０５－２０", "0001-01-01", "2019-02-29", "2020-02-29"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if d.Year() < MinYear || d.Year() > MaxYear {
			t.Fatalf("%q → %v out of range", s, d)
		}
		again, ok := ParseDate(d.Format("2006-01-02"))
		if !ok || !again.Equal(d) {
			t.Fatalf("%q → %v does not round-trip", s, d)
		}
	})
}
