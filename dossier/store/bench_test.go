package store

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dossier/dossier/records"
)

// benchStore opens a fresh store with the given synchronous level.
func benchStore(b *testing.B, synchronous string) (*Store, *records.Dossier) {
	b.Helper()
	cfg := defaultConfig()
	cfg.synchronous = synchronous
	s, err := open(filepath.Join(b.TempDir(), "dossier.db"), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	e := &records.Enterprise{Name: "基准测试企业"}
	if err := s.SaveEnterprise(context.Background(), e); err != nil {
		b.Fatal(err)
	}
	d := &records.Dossier{EnterpriseID: e.ID, Programme: "shanxi-hightech-2019"}
	if err := s.SaveDossier(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	return s, d
}

// BenchmarkSaveDossier200KB measures one debounced save of a large dossier:
// a 200 KB data file rewritten in its own transaction.
func BenchmarkSaveDossier200KB(b *testing.B) {
	s, d := benchStore(b, defaultSynchronous)
	// Build the blob once (quoting it is slower than saving it); each save
	// still writes all of it, with a different edit number.
	text, _ := json.Marshal(strings.Repeat("企业研发投入情况说明。", 200*1024/33))
	blob := fmt.Appendf(nil, `{"format":1,"programme":"shanxi-hightech-2019","answers":{"text":%s},"edit":"000000000"}`, text)
	b.SetBytes(int64(len(blob)))
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		copy(blob[len(blob)-11:], fmt.Sprintf("%09d", i%1e9))
		d.Data = blob
		if err := s.SaveDossier(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSmallSaves measures small saves, each its own transaction, at both
// synchronous levels (FULL is what the store uses; NORMAL is for comparison).
// Run with -benchtime=10000x for the 10,000-save figure.
func BenchmarkSmallSaves(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run(sync, func(b *testing.B) {
			s, d := benchStore(b, sync)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.Data = json.RawMessage(fmt.Sprintf(`{"format":1,"programme":"shanxi-hightech-2019","answers":{"project_name":"第%d版项目名称"}}`, i))
				if err := s.SaveDossier(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestConcurrentUse saves and reads from several goroutines at once, as the
// app's debounced saver and its screens will (run with -race).
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := mustEnterprise(t, s, "并发企业", "")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 4; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			d := &records.Dossier{EnterpriseID: e.ID, Programme: "p"}
			for i := 0; i < 25; i++ {
				d.Data = json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))
				if err := s.SaveDossier(ctx, d); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if _, err := s.Dossiers(ctx, e.ID); err != nil {
					errs <- err
					return
				}
				if _, err := s.Enterprises(ctx, "并发"); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if list, _ := s.Dossiers(ctx, e.ID); len(list) != 4 {
		t.Errorf("%d dossiers, want 4", len(list))
	}
}
