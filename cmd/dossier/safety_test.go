package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The scenario: build … 我的数据.json --out <the folder holding it and 营业执照.pdf>
// --force exits 2, says what is there and what to do, and touches nothing.
func TestBuildForceKeepsTheUsersFiles(t *testing.T) {
	dir := t.TempDir()
	demo := writeDemo(t, nil)
	data := filepath.Join(dir, "我的数据.json")
	b, _ := os.ReadFile(demo)
	os.WriteFile(data, b, 0o644)
	scan := filepath.Join(dir, "营业执照.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 scan"), 0o644)
	code, _, errOut := dossierCmd(t, "build", id, data, "--out", dir, "--force")
	if code != 2 || !strings.Contains(errOut, "我的数据.json") || !strings.Contains(errOut, "营业执照.pdf") || !strings.Contains(errOut, "空文件夹") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, _ := os.ReadFile(data); string(got) != string(b) {
		t.Error("the data file was touched")
	}
	if got, _ := os.ReadFile(scan); string(got) != "%PDF-1.4 scan" {
		t.Error("the scan was touched")
	}
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("the folder changed: %v", es)
	}
	// A real earlier package is replaced with --force.
	pkg := filepath.Join(dir, "pkg")
	for _, args := range [][]string{{}, {"--force"}} {
		if code, _, errOut := dossierCmd(t, append([]string{"build", id, data, "--out", pkg}, args...)...); code != 0 {
			t.Fatalf("build %v: exit %d %s", args, code, errOut)
		}
	}
	// --out naming a file is the user's mistake: exit 2.
	if code, _, errOut := dossierCmd(t, "build", id, data, "--out", scan, "--force"); code != 2 || !strings.Contains(errOut, "不是文件夹") {
		t.Fatalf("--out a file: exit %d %s", code, errOut)
	}
}

// A full disk is exit 3 with a Chinese reason, not 2 ("invalid data").
func TestBuildOnAFullDiskIsExit3(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("tmpfs")
	}
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", disk).Run()
	data := writeDemo(t, nil)
	code, _, errOut := dossierCmd(t, "build", id, data, "--out", filepath.Join(disk, "pkg"))
	if code != 3 || !strings.Contains(errOut, "磁盘空间已满") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Fill the disk: aggregate cannot write either, and leaves no temporary file.
	os.WriteFile(filepath.Join(disk, "filler"), make([]byte, 512<<10), 0o644)
	code, _, errOut = dossierCmd(t, "aggregate", id, "--out", filepath.Join(disk, "汇总.xlsx"), data)
	if es, _ := os.ReadDir(disk); code != 3 || !strings.Contains(errOut, "磁盘空间已满") || len(es) != 1 {
		t.Errorf("aggregate on a full disk: exit %d %s, left %v", code, errOut, es)
	}
}

// verify names the real problem and its exit code says what kind it is.
func TestVerifyMessages(t *testing.T) {
	data := writeDemo(t, nil)
	pkg := filepath.Join(t.TempDir(), "pkg")
	if code, _, errOut := dossierCmd(t, "build", id, data, "--out", pkg); code != 0 {
		t.Fatal(errOut)
	}
	manifest := filepath.Join(pkg, "manifest.json")
	good, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, good[:len(good)/2], 0o644)
	if code, _, errOut := dossierCmd(t, "verify", pkg); code != 2 || !strings.Contains(errOut, "不是有效的申报包清单") || strings.Contains(errOut, "没有可读的") {
		t.Fatalf("malformed manifest: exit %d %s", code, errOut)
	}
	os.Remove(manifest)
	if code, _, errOut := dossierCmd(t, "verify", pkg); code != 2 || !strings.Contains(errOut, "没有 manifest.json") {
		t.Fatalf("missing manifest: exit %d %s", code, errOut)
	}
	os.WriteFile(manifest, good, 0o644)
	if runtime.GOOS != "windows" {
		report := filepath.Join(pkg, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf")
		os.Rename(report, report+".bak")
		os.Symlink(report+".bak", report)
		if code, out, _ := dossierCmd(t, "verify", pkg); code != 1 || !strings.Contains(out, "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf（是符号链接）") {
			t.Fatalf("symlinked file: exit %d %s", code, out)
		}
	}
}

// aggregate sweeps a dead process's temporary file beside --out and leaves none of its own.
func TestAggregateLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	stale := filepath.Join(dir, ".dossier-write-"+strconv.Itoa(dead.ProcessState.Pid())+"-42.xlsx")
	os.WriteFile(stale, []byte("half"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	data := writeDemo(t, nil)
	out := filepath.Join(dir, "汇总.xlsx")
	if code, _, errOut := dossierCmd(t, "aggregate", id, "--out", out, data); code != 0 {
		t.Fatal(errOut)
	}
	folder := filepath.Join(t.TempDir(), "表.xlsx")
	os.Mkdir(folder, 0o755)
	if code, _, errOut := dossierCmd(t, "aggregate", id, "--out", folder, data, "--force"); code != 2 || !strings.Contains(errOut, "不是普通文件") {
		t.Fatalf("--out a folder: exit %d %s", code, errOut)
	}
	if code, _, errOut := dossierCmd(t, "aggregate", id, "--out", filepath.Join(dir, "无此文件夹", "表.xlsx"), data); code != 2 || !strings.Contains(errOut, "不存在") {
		t.Fatalf("--out in a missing folder: exit %d %s", code, errOut)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 || es[0].Name() != "汇总.xlsx" {
		t.Errorf("beside the table: %v", es)
	}
}
