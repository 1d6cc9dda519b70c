package main

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// english finds cobra's and Go's English in what users read.
var english = regexp.MustCompile(`Usage|Available Commands|Flags|help for|Help about|completion|Use "|\[flags\]|\[command\]|string\b|Error:`)

func TestHelpIsChinese(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"help", "check"}, {"check", "--help"}, {"build", "-h"},
		{"verify", "--help"}, {"aggregate", "--help"}, {"demo", "--help"}, {"programmes", "--help"},
	} {
		code, out, errOut := dossierCmd(t, args...)
		if code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if m := english.FindString(out); m != "" {
			t.Errorf("%v: English %q in the help:\n%s", args, m, out)
		}
		if !strings.Contains(out, "用法：\n  dossier") || !strings.Contains(out, "选项：") {
			t.Errorf("%v: no Chinese usage:\n%s", args, out)
		}
	}
	_, out, _ := dossierCmd(t, "--help")
	for _, want := range []string{"子命令：", "  check ", "  help ", "显示某个子命令的帮助", "-h, --help", "显示帮助",
		"--templates 路径", "-v, --version", "某个子命令的说明：dossier 子命令 --help"} {
		if !strings.Contains(out, want) {
			t.Errorf("root help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = dossierCmd(t, "check", "--help")
	for _, want := range []string{"dossier check ID FILE [选项]", "显示本命令的帮助", "所有命令都接受的选项："} {
		if !strings.Contains(out, want) {
			t.Errorf("check help lacks %q:\n%s", want, out)
		}
	}
}

// cobra's completion command is gone; a mistyped subcommand is named, with a suggestion.
func TestUnknownCommand(t *testing.T) {
	for args, want := range map[string]string{
		"completion":  "没有子命令“completion”",
		"chek":        "是不是 check？",
		"help verfy":  "没有子命令“verfy”。是不是 verify？",
		"check --jsn": "参数错误：没有选项 --jsn\n用法：dossier check ID FILE [选项]",
		"build -x":    "参数错误：没有选项 -x",
	} {
		code, out, errOut := dossierCmd(t, strings.Fields(args)...)
		if code != exitInvalid || out != "" || !strings.Contains(errOut, want) ||
			english.MatchString(strings.ReplaceAll(errOut, "completion", "")) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, want)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		code, out, errOut := dossierCmd(t, flag)
		if code != 0 || errOut != "" || out != "dossier "+versionString()+"\n" || !strings.HasPrefix(out, "dossier "+version) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", flag, code, out, errOut)
		}
	}
	commit = "0123456789ab-modified" // as the Makefile gives it
	defer func() { commit = "" }()
	if v := versionString(); !strings.HasPrefix(v, version+"+") {
		t.Errorf("with a commit: %q", v)
	} else if v != version+"+0123456789ab-modified" {
		t.Logf("the build's own stamp wins: %q", v)
	}
}

// failingWriter is an output stream on a full disk.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// An operating-system error (here the output on a full disk) is said in Chinese, exit 3.
func TestOSErrorIsChinese(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	var out interface{ Write([]byte) (int, error) } = full
	if err != nil { // not Linux: the same error, made by hand
		out = failingWriter{&fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}}
	} else {
		defer full.Close()
	}
	var errOut bytes.Buffer
	a := &cli{now: time.Now, stdout: out, stderr: &errOut}
	code := run(a, []string{"demo", id})
	msg := errOut.String()
	if code != exitInternal || !strings.HasPrefix(msg, "无法完成：写入") || !strings.Contains(msg, "磁盘空间已满") ||
		strings.Contains(msg, "no space") {
		t.Fatalf("exit %d, stderr %q; want exit 3 and 磁盘空间已满", code, msg)
	}
}

// An error nobody foresaw is exit 3 with a Chinese lead, not exit 2 ("invalid data").
func TestUnknownErrorIsInternal(t *testing.T) {
	code, msg := describeError(os.ErrClosed)
	if code != exitInternal || !strings.HasPrefix(msg, "内部错误") {
		t.Errorf("exit %d, %q", code, msg)
	}
	code, msg = describeError(&fs.PathError{Op: "open", Path: "/x/y", Err: syscall.EISDIR})
	if code != exitInternal || msg != "无法完成：打开/x/y失败：是文件夹，不是文件" {
		t.Errorf("exit %d, %q", code, msg)
	}
}

func TestNoDesktop(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if why := displayMissing("linux", env(nil)); !strings.Contains(why, "没有图形桌面") {
		t.Errorf("linux without DISPLAY: %q", why)
	}
	for _, e := range []map[string]string{{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}} {
		if why := displayMissing("linux", env(e)); why != "" {
			t.Errorf("%v: %q", e, why)
		}
	}
	if why := displayMissing("windows", env(nil)); why != "" {
		t.Errorf("windows: %q", why)
	}
	code, msg := describeError(noDesktop(displayMissing("linux", env(nil))))
	if code != exitInternal || !strings.Contains(msg, "dossier --help") || !strings.Contains(msg, "图形桌面") {
		t.Errorf("exit %d, %q", code, msg)
	}
	if _, msg := describeError(windowFailed(env(map[string]string{"DISPLAY": ":77"}))); !strings.Contains(msg, "DISPLAY=:77") {
		t.Errorf("%q", msg)
	}
}

// A folder given as the data file is named as such, in Chinese ("is a directory" used to leak).
func TestDataFileIsAFolder(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := dossierCmd(t, "check", id, dir)
	if code != exitInvalid || !strings.Contains(errOut, "是文件夹") || strings.Contains(errOut, "is a directory") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
