//go:build !windows

package pack_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/dossier/fsafe"
	"dossier/dossier/pack"
)

// builtPackage builds the demo package once per test.
func builtPackage(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(demoEval(t, nil), pack.Options{Out: out, Now: when}); err != nil {
		t.Fatal(err)
	}
	return out
}

// editManifest rewrites the package's manifest through edit.
func editManifest(t *testing.T, pkg string, edit func(m *pack.Manifest)) {
	t.Helper()
	m, err := pack.ReadManifest(pkg)
	if err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, _ := json.Marshal(m)
	os.WriteFile(filepath.Join(pkg, pack.ManifestName), b, 0o644)
}

// verifyOrHang runs Verify, failing the test instead of hanging forever.
func verifyOrHang(t *testing.T, dir string) (*pack.Report, error) {
	t.Helper()
	type result struct {
		r   *pack.Report
		err error
	}
	done := make(chan result, 1)
	go func() { r, err := pack.Verify(dir); done <- result{r, err} }()
	select {
	case res := <-done:
		return res.r, res.err
	case <-time.After(time.Minute):
		t.Fatal("verify hangs")
	}
	return nil, nil
}

// A file replaced by a link to a file whose digest the manifest was adjusted to is reported:
// a package holds regular files only.
func TestVerifyDoesNotFollowLinks(t *testing.T) {
	pkg := builtPackage(t)
	secret := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(secret, []byte("root:x:0:0\n"), 0o644)
	sum := sha256.Sum256([]byte("root:x:0:0\n"))
	name := "申报数据.json"
	os.Remove(filepath.Join(pkg, name))
	os.Symlink(secret, filepath.Join(pkg, name))
	editManifest(t, pkg, func(m *pack.Manifest) {
		for i := range m.Files {
			if m.Files[i].Path == name {
				m.Files[i].Size, m.Files[i].SHA256 = 11, hex.EncodeToString(sum[:])
			}
		}
	})
	r, err := verifyOrHang(t, pkg)
	if err != nil || r.Intact() || !strings.Contains(r.String(), name+"（是符号链接）") {
		t.Fatalf("%v\n%s", err, r)
	}
}

// A symlinked print/ folder, a FIFO and a device are reported, never opened.
func TestVerifyReportsWhatIsNotAFile(t *testing.T) {
	pkg := builtPackage(t)
	elsewhere := t.TempDir()
	os.Rename(filepath.Join(pkg, "print"), filepath.Join(elsewhere, "print"))
	os.Symlink(filepath.Join(elsewhere, "print"), filepath.Join(pkg, "print"))
	xlsx := "项目申报汇总表.xlsx"
	os.Remove(filepath.Join(pkg, xlsx))
	if err := syscall.Mkfifo(filepath.Join(pkg, xlsx), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(pkg, "zero.pdf"))
	device := syscall.Mknod(filepath.Join(pkg, "null.pdf"), syscall.S_IFCHR|0o644, 1<<8|3) == nil
	r, err := verifyOrHang(t, pkg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"print（是符号链接）", xlsx + "（是管道（FIFO））", "zero.pdf（是符号链接）", "缺少文件：print/打印说明.txt"}
	if device {
		want = append(want, "null.pdf（是设备文件）")
	}
	for _, s := range want {
		if !strings.Contains(r.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
	if r.Intact() {
		t.Error("reported intact")
	}
}

// Every way the manifest can be wrong has its own message.
func TestVerifyManifestProblems(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(pkg, manifest string)
		kind  error
		want  string
	}{
		{"missing", func(_, m string) { os.Remove(m) }, pack.ErrNotPackage, "没有 manifest.json"},
		{"malformed", func(_, m string) { os.WriteFile(m, []byte("{\n\"format\": 1,\n\"files\": [\n"), 0o644) }, pack.ErrNotPackage, "不完整"},
		{"not JSON", func(_, m string) { os.WriteFile(m, []byte("{\n\"format\": 1,\n files: []}"), 0o644) }, pack.ErrNotPackage, "不是有效的 JSON（第 3 行附近）"},
		{"wrong type", func(_, m string) { os.WriteFile(m, []byte(`{"format": "1", "files": []}`), 0o644) }, pack.ErrNotPackage, "“format”的类型不对"},
		{"format 2", func(_, m string) { os.WriteFile(m, []byte(`{"format": 2, "files": []}`), 0o644) }, pack.ErrNotPackage, "format 为 2"},
		{"no files", func(_, m string) { os.WriteFile(m, []byte(`{"format": 1}`), 0o644) }, pack.ErrNotPackage, "没有 files"},
		{"a link", func(pkg, m string) {
			os.Rename(m, filepath.Join(pkg, "..", "real.json"))
			os.Symlink(filepath.Join(pkg, "..", "real.json"), m)
		}, pack.ErrNotPackage, "是符号链接"},
		{"a FIFO", func(_, m string) { os.Remove(m); syscall.Mkfifo(m, 0o644) }, pack.ErrNotPackage, "管道"},
		{"too large", func(_, m string) { os.Truncate(m, fsafe.MaxDataFile+1) }, pack.ErrNotPackage, "文件过大"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pkg := builtPackage(t)
			c.spoil(pkg, filepath.Join(pkg, pack.ManifestName))
			_, err := verifyOrHang(t, pkg)
			if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// Unreadable files and an unreadable manifest are said to be unreadable, with the reason.
func TestVerifyUnreadable(t *testing.T) {
	pkg := builtPackage(t)
	name := "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf"
	defer pack.SetOpenFile(func(path string) (*os.File, error) {
		if strings.HasSuffix(path, name) {
			return nil, &os.PathError{Op: "open", Path: path, Err: os.ErrPermission}
		}
		return os.Open(path)
	})()
	r, err := verifyOrHang(t, pkg)
	if err != nil || r.Intact() || !r.Unverified() || !strings.Contains(r.String(), "无法读取，未能核对："+name+"：没有权限") {
		t.Fatalf("%v\n%s", err, r)
	}
	name = pack.ManifestName
	if _, err := verifyOrHang(t, pkg); !errors.Is(err, pack.ErrUnreadable) || !strings.Contains(err.Error(), "没有权限") {
		t.Fatalf("unreadable manifest: %v", err)
	}
}

// A manifest listing a file twice, or a path outside the package, is not intact.
func TestVerifyDuplicateAndBadEntries(t *testing.T) {
	pkg := builtPackage(t)
	editManifest(t, pkg, func(m *pack.Manifest) {
		m.Files = append(m.Files, m.Files[0], pack.Item{Path: "../../etc/passwd", Size: 1})
	})
	r, err := verifyOrHang(t, pkg)
	if err != nil || r.Intact() || len(r.Duplicate) != 1 || len(r.BadPath) != 1 {
		t.Fatalf("%v\n%+v", err, r)
	}
	for _, s := range []string{"清单中重复列出：", "路径无效（不在申报包内）：../../etc/passwd"} {
		if !strings.Contains(r.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
}
