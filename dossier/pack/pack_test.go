package pack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/dossier"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/templates"
)

var when = time.Date(2019, 5, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func demoEval(t testing.TB, mutate func(f *dossier.File)) *programme.Evaluation {
	t.Helper()
	set, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("shanxi-techinnov-2019")
	f, err := dossier.Decode(bytes.NewReader(p.Demo))
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(f)
	}
	return programme.Evaluate(p, f, when)
}

func BenchmarkBuild(b *testing.B) {
	ev := demoEval(b, nil)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, "pkg", time.Now().Format("150405.000000000"))
		if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
}
