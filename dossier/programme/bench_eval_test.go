package programme_test

import (
	"testing"

	"dossier/dossier/programme"
)

// BenchmarkEvaluateHightech: one evaluation of the 高企 demo, what the GUI does per change.
func BenchmarkEvaluateHightech(b *testing.B) {
	set := loadShipped(b)
	p := set.Get("shanxi-hightech-2019")
	f := demo(b, set, p.ID)
	for b.Loop() {
		programme.Evaluate(p, f, today)
	}
}

// BenchmarkEvaluate: one evaluation of the 技术创新 demo, what the aggregate does per file.
func BenchmarkEvaluate(b *testing.B) {
	set := loadShipped(b)
	p := set.Get("shanxi-techinnov-2019")
	f := demo(b, set, p.ID)
	b.ReportAllocs()
	for b.Loop() {
		programme.Evaluate(p, f, today)
	}
}
