package dossier

import (
	"testing"

	"dossier/templates"
)

// BenchmarkDecode: one shipped demo data file, what the aggregate reads per input.
func BenchmarkDecode(b *testing.B) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.demo.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(src); err != nil {
			b.Fatal(err)
		}
	}
}
