package aggregate_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"dossier/dossier/aggregate"
)

// files writes n valid, eligible data files, each another enterprise with its own project.
func files(b *testing.B, n int) []string {
	p := load(b, techinnov)
	dir := b.TempDir()
	inputs := make([]string, n)
	for i := range inputs {
		m := demo(b, p, enterprise(i, 2000+float64(i%1000)))
		answers(m)["project_name"] = fmt.Sprintf("第%05d号智能化改造项目", i)
		inputs[i] = write(b, dir, fmt.Sprintf("%05d.json", i), m)
	}
	return inputs
}

func benchmarkAggregate(b *testing.B, n int) {
	p := load(b, techinnov)
	inputs := files(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r, err := aggregate.Run(p, inputs, aggregate.Options{Today: today})
		if err != nil || r.Included() != n {
			b.Fatalf("%v: %s (%s)", err, r.Summary(), filepath.Base(inputs[0]))
		}
	}
}

// BenchmarkAggregate1k: read, judge and sum 1,000 data files (no workbook).
func BenchmarkAggregate1k(b *testing.B) { benchmarkAggregate(b, 1000) }

// BenchmarkAggregate10k: the same for 10,000 (bench.sh measures the whole command with the
// workbook, beside Python's json.load of the same files).
func BenchmarkAggregate10k(b *testing.B) { benchmarkAggregate(b, 10000) }
