package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/dossier/records"
)

// The crash test re-executes this test binary as a writer child, kills it
// with SIGKILL at random moments and checks the store after each kill.
const (
	crashDBEnv    = "DOSSIER_STORE_CRASH_DB"    // the store the child writes
	crashStartEnv = "DOSSIER_STORE_CRASH_START" // the child's first edit number
	crashSeedEnv  = "DOSSIER_STORE_CRASH_SEED"  // the child's random seed
	counterProg   = "crash-counter"             // programme of the dossier that even edits rewrite
)

// TestHelperWriter is not a test: it is the writer child of TestCrashSafety,
// and skips unless started by it.
//
// Edit n is one SaveDossier, its own transaction: an odd n inserts a new
// dossier titled n (up to 8 KB of data), an even n rewrites the counter
// dossier's data with {"n": n} and up to 200 KB of padding. After each commit
// it prints "committed n".
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("helper process for TestCrashSafety")
	}
	n, _ := strconv.Atoi(os.Getenv(crashStartEnv))
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	r := rand.New(rand.NewPCG(seed, 7))
	ctx := context.Background()
	fail := func(err error) { fmt.Fprintln(os.Stderr, "writer:", err); os.Exit(3) }

	s, err := Open(path)
	if err != nil {
		fail(err)
	}
	ent, counter, err := crashFixtures(ctx, s)
	if err != nil {
		fail(err)
	}
	pad := strings.Repeat("填写申报材料", 200*1024/18)
	deadline := time.Now().Add(20 * time.Second) // never outlive a broken parent
	for ; time.Now().Before(deadline); n++ {
		if n%2 == 1 {
			size := r.IntN(8 * 1024 / 18)
			d := &records.Dossier{EnterpriseID: ent.ID, Programme: "crash-edit", Title: strconv.Itoa(n),
				Data: json.RawMessage(fmt.Sprintf(`{"n":%d,"pad":%q}`, n, pad[:size*18]))}
			err = s.SaveDossier(ctx, d)
		} else {
			size := r.IntN(len(pad) / 18)
			counter.Data = json.RawMessage(fmt.Sprintf(`{"n":%d,"pad":%q}`, n, pad[:size*18]))
			err = s.SaveDossier(ctx, counter)
		}
		if err != nil {
			fail(err)
		}
		fmt.Printf("committed %d\n", n) // os.Stdout is unbuffered
	}
	s.Close()
}

// crashFixtures finds or creates the enterprise and the counter dossier the
// writer uses; a child killed half-way through leaves them for the next one.
func crashFixtures(ctx context.Context, s *Store) (*records.Enterprise, *records.Dossier, error) {
	list, err := s.Enterprises(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	ent := &records.Enterprise{Name: "崩溃测试企业"}
	if len(list) > 0 {
		ent = &list[0]
	} else if err := s.SaveEnterprise(ctx, ent); err != nil {
		return nil, nil, err
	}
	ds, err := s.Dossiers(ctx, ent.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range ds {
		if d.Programme == counterProg {
			full, err := s.Dossier(ctx, d.ID)
			return ent, full, err
		}
	}
	counter := &records.Dossier{EnterpriseID: ent.ID, Programme: counterProg, Data: json.RawMessage(`{"n":0}`)}
	return ent, counter, s.SaveDossier(ctx, counter)
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 35 processes")
	}
	const kills = 35
	path := filepath.Join(t.TempDir(), "dossier.db")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var (
		next        = 1              // the next child's first edit number
		odd         = map[int]bool{} // every reported insert, over all runs
		lastEven    = 0              // the newest reported counter value
		total       int
		silentKills int // killed before reporting any edit (during start-up or Open)
		lost        int
	)
	start := time.Now()
	for run := 0; run < kills; run++ {
		delay := time.Duration(40+r.IntN(260)) * time.Millisecond
		if run%5 == 0 {
			delay = time.Duration(r.IntN(40)) * time.Millisecond // likely during start-up or Open
		}
		reported, stderr := runAndKill(t, path, next, r.Uint64(), delay)
		if len(reported) == 0 {
			silentKills++
		}
		maxReported := next - 1
		for _, n := range reported {
			total++
			if n%2 == 1 {
				odd[n] = true
			} else if n > lastEven {
				lastEven = n
			}
			maxReported = max(maxReported, n)
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("run %d: reopen after SIGKILL: %v\nchild stderr: %s", run, err, stderr)
		}
		if v := pragma(t, s, "integrity_check"); v != "ok" {
			t.Fatalf("run %d: integrity_check = %s", run, v)
		}
		present, counterN := crashState(t, s)
		s.Close()
		for n := range odd {
			if !present[n] {
				lost++
				t.Errorf("run %d: insert %d was reported committed but is missing", run, n)
			}
		}
		if counterN < lastEven {
			lost++
			t.Errorf("run %d: counter = %d, but %d was reported committed", run, counterN, lastEven)
		}
		maxPresent := counterN
		for n := range present {
			maxPresent = max(maxPresent, n)
		}
		if maxPresent > maxReported+1 {
			t.Errorf("run %d: store holds edit %d, child reported up to %d", run, maxPresent, maxReported)
		}
		// Continue after anything that may have committed unreported.
		next = maxReported + 2
	}
	t.Logf("%d SIGKILLs in %v: %d edits reported committed, %d kills before the first edit, %d lost",
		kills, time.Since(start).Round(time.Millisecond), total, silentKills, lost)
	if fi, err := os.Stat(path); err == nil {
		t.Logf("store file %d KB", fi.Size()/1024)
	}
}

// runAndKill starts a writer child, kills it after delay and returns the edit
// numbers it reported and what it wrote to stderr.
func runAndKill(t *testing.T, path string, first int, seed uint64, delay time.Duration) ([]int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
	cmd.Env = append(os.Environ(),
		crashDBEnv+"="+path,
		crashStartEnv+"="+strconv.Itoa(first),
		crashSeedEnv+"="+strconv.FormatUint(seed, 10))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		reported []int
		wg       sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
				if n, err := strconv.Atoi(v); err == nil {
					reported = append(reported, n)
				}
			}
		}
	}()
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
	wg.Wait()
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != -1 {
		// The child ended on its own: it failed.
		t.Fatalf("writer child ended before the kill: %v\n%s", err, stderr.String())
	}
	return reported, stderr.String()
}

// crashState returns the edit numbers of the inserted dossiers and the
// counter dossier's value.
func crashState(t *testing.T, s *Store) (map[int]bool, int) {
	t.Helper()
	ctx := context.Background()
	present := map[int]bool{}
	counter := 0
	ents, err := s.Enterprises(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		ds, err := s.Dossiers(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Programme != counterProg {
				n, err := strconv.Atoi(d.Title)
				if err != nil {
					t.Fatalf("dossier %d has title %q", d.ID, d.Title)
				}
				present[n] = true
				continue
			}
			full, err := s.Dossier(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			var v struct{ N int }
			if err := json.Unmarshal(full.Data, &v); err != nil {
				t.Fatalf("counter data: %v", err)
			}
			counter = v.N
		}
	}
	return present, counter
}
