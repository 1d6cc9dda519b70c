package fsafe

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readers are the ways a user's file is read: each must refuse the same things.
var readers = map[string]func(path string, limit int64) ([]byte, error){
	"ReadRegular": ReadRegular,
	"ReadRegularInto": func(path string, limit int64) ([]byte, error) {
		return ReadRegularInto(path, limit, make([]byte, 0, 4096))
	},
}

func TestReadRegularRefusesWhatIsNotAFile(t *testing.T) {
	for name, read := range readers {
		t.Run(name, func(t *testing.T) { refusesWhatIsNotAFile(t, read) })
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "big.json"), make([]byte, 101), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.json"), []byte("{}"), 0o644)
	if b, err := ReadRegularFS(os.DirFS(dir), "ok.json", 100); err != nil || string(b) != "{}" {
		t.Errorf("regular in FS: %q %v", b, err)
	}
	if _, err := ReadRegularFS(os.DirFS(dir), "big.json", 100); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large in FS: %v", err)
	}
}

func refusesWhatIsNotAFile(t *testing.T, read func(string, int64) ([]byte, error)) {
	dir := t.TempDir()
	if _, err := read(dir, 100); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "文件夹") {
		t.Errorf("folder: %v", err)
	}
	if _, err := read(filepath.Join(dir, "none.json"), 100); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if runtime.GOOS != "windows" {
		if _, err := read("/dev/zero", 100); !errors.Is(err, ErrNotRegular) {
			t.Errorf("/dev/zero: %v", err)
		}
		fifo := filepath.Join(dir, "fifo")
		if err := mkfifo(fifo); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { _, err := read(fifo, 100); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("fifo: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("reading a FIFO hangs")
		}
		link := filepath.Join(dir, "link.json")
		os.Symlink("/dev/zero", link)
		if _, err := read(link, 100); !errors.Is(err, ErrNotRegular) {
			t.Errorf("link to /dev/zero: %v", err)
		}
	}
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, make([]byte, 101), 0o644)
	if _, err := read(big, 100); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	ok := filepath.Join(dir, "ok.json")
	os.WriteFile(ok, []byte("{}"), 0o644)
	if b, err := read(ok, 100); err != nil || string(b) != "{}" {
		t.Errorf("regular: %q %v", b, err)
	}
}

// ReadRegularInto reads into the caller's buffer when the file fits, else into a new one, and
// checks a file that outgrew the buffer as ReadRegular does.
func TestReadRegularIntoReusesTheBuffer(t *testing.T) {
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small.json"), filepath.Join(dir, "large.json")
	os.WriteFile(small, []byte(`{"a":1}`), 0o644)
	os.WriteFile(large, []byte(strings.Repeat(" ", 200)+"{}"), 0o644)
	buf := make([]byte, 0, 64)
	b, err := ReadRegularInto(small, 1000, buf)
	if err != nil || string(b) != `{"a":1}` || &b[:1][0] != &buf[:1][0] {
		t.Errorf("small file: %q %v (buffer reused: %v)", b, err, err == nil && &b[:1][0] == &buf[:1][0])
	}
	b, err = ReadRegularInto(large, 1000, buf)
	if err != nil || len(b) != 202 || strings.TrimSpace(string(b)) != "{}" {
		t.Errorf("large file: %q %v", b, err)
	}
	if _, err := ReadRegularInto(large, 100, make([]byte, 0, 4096)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large for the limit, though not for the buffer: %v", err)
	}
	if b, err := ReadRegularInto(small, 1000, nil); err != nil || string(b) != `{"a":1}` {
		t.Errorf("no buffer: %q %v", b, err)
	}
}

func TestWriteFileKeepsTheOldFileOnError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "汇总表.xlsx")
	os.WriteFile(p, []byte("old"), 0o644)
	err := WriteFile(p, func(w io.Writer) error { w.Write([]byte("half")); return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old file changed: %q", b)
	}
	if err := WriteBytes(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("not replaced: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestSweepStaleRemovesOnlyDeadLeftoversOfOurs(t *testing.T) {
	dir := t.TempDir()
	old := processStart.Add(-time.Hour)
	mk := func(name string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		os.Mkdir(p, 0o755)
		os.Chtimes(p, mtime, mtime)
		return p
	}
	dead := mk(".dossier-build-999999999-123", old) // no such pid
	mine := mk(".dossier-build-"+itoa(os.Getpid())+"-1", old)
	fresh := mk(".dossier-build-999999998-1", time.Now().Add(time.Hour))
	user := mk(".dossier-notes", old)
	user2 := mk("我的数据", old)
	removed := SweepStale(dir)
	if len(removed) != 1 || removed[0] != dead {
		t.Errorf("removed %v, want only %s", removed, dead)
	}
	for _, p := range []string{mine, fresh, user, user2} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", p)
		}
	}
}

func TestTrackedTempsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	tmp, _, err := TempDir(dir, "build")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := IsOurTemp(filepath.Base(tmp)); !ok {
		t.Errorf("%s not recognised as ours", tmp)
	}
	RemoveTracked()
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("tracked temp left: %v", err)
	}
}

func TestDescribeIsChinese(t *testing.T) {
	_, err := os.ReadFile(t.TempDir())
	if d := Describe(err); strings.Contains(d, "is a directory") {
		t.Errorf("English leaks: %s", d)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// The file OpenRegular opens (openFile) reads, seeks, stats and closes as os.Open's does, and
// a failed open is the *fs.PathError os.Open gives.
func TestOpenedFileIsAnOrdinaryFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "申报数据.json")
	os.WriteFile(p, []byte(`{"format":1}`), 0o644)
	f, err := OpenRegular(p, 100)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil || string(b) != `{"format":1}` {
		t.Errorf("read %q %v", b, err)
	}
	if fi, err := f.Stat(); err != nil || fi.Size() != 12 || !fi.Mode().IsRegular() {
		t.Errorf("stat %v %v", fi, err)
	}
	if off, err := f.Seek(1, io.SeekStart); err != nil || off != 1 {
		t.Errorf("seek %d %v", off, err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("close %v", err)
	}
	_, err = osFS{}.Open(filepath.Join(t.TempDir(), "none.json"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Op != "open" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %#v", err)
	}
	if d := Describe(err); d == err.Error() || strings.Contains(d, "no such") {
		t.Errorf("not described in Chinese: %q", d)
	}
}
