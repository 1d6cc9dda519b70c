package ui

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/pack"
)

// fakeLauncher records the commands instead of running them.
type fakeLauncher struct {
	lp    string // what LookPath("lp") finds; "" = none
	mu    sync.Mutex
	calls [][]string
}

func (f *fakeLauncher) LookPath(file string) (string, error) {
	if file == "lp" && f.lp != "" {
		return f.lp, nil
	}
	return "", errors.New("not found")
}

func (f *fakeLauncher) Run(name string, args ...string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, append([]string{name}, args...))
	return []byte("request id is Office-12 (1 file(s))"), nil
}

func (f *fakeLauncher) last(t *testing.T) []string {
	t.Helper()
	var got []string
	waitFor(t, 10*time.Second, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.calls) > 0 {
			got = f.calls[len(f.calls)-1]
			f.calls = nil
		}
		return got != nil
	})
	return got
}

func TestPrintCommandLines(t *testing.T) {
	const f = `C:\申报\print\报告（一式十份）.pdf`
	for goos, want := range map[string][]string{
		"windows": {"rundll32", "url.dll,FileProtocolHandler", f},
		"darwin":  {"open", f},
		"linux":   {"xdg-open", f},
		"freebsd": {"xdg-open", f},
	} {
		name, args := viewCommand(goos, f)
		if got := append([]string{name}, args...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q", goos, got)
		}
	}
	name, args := lpCommand("/usr/bin/lp", "/p/a b.pdf", true, 1)
	if got := append([]string{name}, args...); !reflect.DeepEqual(got, []string{"/usr/bin/lp", "-n", "1", "-o", "sides=two-sided-long-edge", "/p/a b.pdf"}) {
		t.Errorf("duplex: %q", got)
	}
	name, args = lpCommand("lp", "/p/x.pdf", false, 3)
	if got := append([]string{name}, args...); !reflect.DeepEqual(got, []string{"lp", "-n", "3", "-o", "sides=one-sided", "/p/x.pdf"}) {
		t.Errorf("simplex: %q", got)
	}
}

// buildDemoPackage builds the demo dossier's package into a temporary folder.
func buildDemoPackage(t *testing.T, h *harness) string {
	ed := h.editor()
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ed.sess.ExportEvaluation(), pack.Options{Out: out, Now: testToday, Generator: "dossier test"}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Ctrl+P on a package: pick the document, read its 打印说明, send it to lp with sides and
// copies, or (without lp) open it in the system's viewer.
func TestPrintDialogFlow(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	out := buildDemoPackage(t, h)
	fake := &fakeLauncher{lp: "/usr/bin/lp"}
	h.u.launch = fake
	picked := 0
	h.u.pickPackage = func(then func(string)) { picked++; then(out) }

	// Ctrl+P
	sc := &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
	p := h.u.printing
	if picked != 1 || p == nil {
		t.Fatal("no print dialog")
	}
	var bound, sheet int = -1, -1
	for i, d := range p.docs {
		if d.Bound && d.Copies == 10 {
			bound = i
		}
		if !d.Bound {
			sheet = i
		}
	}
	if bound < 0 || sheet < 0 {
		t.Fatalf("docs %+v", p.docs)
	}
	p.sel.SetSelectedIndex(bound)
	for _, want := range []string{"纸张：A4纵向", "双面打印，长边翻转", "通知要求10份，文件中已依次排好全部10份，打印一次即可", "盖章：骑缝章"} {
		if !strings.Contains(p.info.Text, want) {
			t.Errorf("info lacks %q:\n%s", want, p.info.Text)
		}
	}
	if p.copies.Text != "1" {
		t.Errorf("copies %q", p.copies.Text)
	}
	test.Tap(findButton(t, h.win.Canvas().Overlays().Top(), "发送到默认打印机"))
	doc := filepath.Join(out, filepath.FromSlash(p.docs[bound].Path))
	if got := fake.last(t); !reflect.DeepEqual(got, []string{"/usr/bin/lp", "-n", "1", "-o", "sides=two-sided-long-edge", doc}) {
		t.Errorf("lp: %q", got)
	}

	// A summary table: single-sided; two sets asked for.
	p.sel.SetSelectedIndex(sheet)
	if !strings.Contains(p.info.Text, "单面打印") || !strings.Contains(p.info.Text, "横向") || !strings.Contains(p.info.Text, "盖章：按表下的位置签章") {
		t.Errorf("sheet info:\n%s", p.info.Text)
	}
	p.copies.SetText("2")
	p.onSend()
	if got := fake.last(t); !reflect.DeepEqual(got[1:5], []string{"-n", "2", "-o", "sides=one-sided"}) {
		t.Errorf("lp for the table: %q", got)
	}
	p.copies.SetText("0")
	p.onSend()
	if top := h.win.Canvas().Overlays().Top(); !strings.Contains(labelTexts(top), "请填1到99之间的整数") {
		t.Error("0 copies accepted")
	}
	top := h.win.Canvas().Overlays().Top()
	top.Hide()

	// No lp: only 用系统程序打开, which runs the system's viewer.
	fake.lp = ""
	h.u.onPrint()
	p = h.u.printing
	if p.lp != "" {
		t.Fatal("lp found")
	}
	// The print dialog without lp has 用系统程序打开 and no 发送到默认打印机 button.
	dlg := h.win.Canvas().Overlays().Top()
	findButton(t, dlg, "用系统程序打开")
	var printer bool
	walkObjects(dlg, func(o any) {
		if b, ok := o.(*widget.Button); ok && b.Text == "发送到默认打印机" {
			printer = true
		}
	})
	if printer {
		t.Error("printer offered without lp")
	}
	test.Tap(findButton(t, h.win.Canvas().Overlays().Top(), "用系统程序打开"))
	name, args := viewCommand("linux", filepath.Join(out, filepath.FromSlash(p.docs[0].Path)))
	if got := fake.last(t); !reflect.DeepEqual(got, append([]string{name}, args...)) {
		t.Errorf("viewer: %q", got)
	}
}
