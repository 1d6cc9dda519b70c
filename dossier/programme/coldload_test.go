package programme

import (
	"sync"
	"testing"

	"dossier/templates"
)

// BenchmarkLoadOneCold is the load behind a cold `dossier check`: the enterprise profile and
// the index of the decoded built-in templates (each read once per process, so reset here for
// every iteration) and one template with its parents. techinnov stands alone; shanxi-hightech extends cn-hightech-base.
func BenchmarkLoadOneCold(b *testing.B) {
	for _, id := range []string{"shanxi-techinnov-2019", "shanxi-hightech-2019"} {
		b.Run(id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				profileOnce, profile, profileErr = sync.Once{}, nil, nil
				snapshotOnce, snapshotVal = sync.Once{}, nil
				if _, ok, err := LoadOne(id, templates.FS); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}
