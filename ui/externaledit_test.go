package ui

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A long text opened in the system editor comes back into its field on every save there.
func TestExternalEditReadsBackSaves(t *testing.T) {
	h := newHarness(t, true)
	ui := queueUIWork(t)
	h.u.Start("")
	h.section("report")
	var opened string
	openURL = func(u *url.URL) error { opened = u.Path; return nil }
	pollInterval = 20 * time.Millisecond
	t.Cleanup(func() { pollInterval = time.Second })

	v := h.view("background")
	e := v.input.(*widget.Entry)
	before := e.Text
	var button *widget.Button
	// The button sits under the entry in the field's block.
	walkButtons(v.obj, func(b *widget.Button) {
		if b.Text == "用系统编辑器编辑" {
			button = b
		}
	})
	if button == nil {
		t.Fatal("no 用系统编辑器编辑 button under the long text")
	}
	test.Tap(button)
	if opened == "" {
		t.Fatal("the system editor was not asked to open the file")
	}
	data, err := os.ReadFile(opened)
	if err != nil || strings.TrimPrefix(string(data), "\ufeff") != before {
		t.Fatalf("temporary file holds %q (err %v), want the field's text", data, err)
	}
	// An editor saves with CRLF and a final newline: the field gets clean text.
	os.WriteFile(opened, []byte("在系统编辑器中写的文字，输入法可完整使用。\r\n第二段。\r\n"), 0o600)
	ui.runUntil(t, 3*time.Second, func() bool {
		return e.Text == "在系统编辑器中写的文字，输入法可完整使用。\n第二段。"
	})
	if got := h.u.current.(*editor).sess.Get("background"); got != e.Text {
		t.Errorf("session holds %q", got)
	}
	// Leaving the dossier stops watching and removes the file.
	h.u.showHome()
	ui.stop()
	if _, err := os.Stat(opened); !os.IsNotExist(err) {
		t.Error("temporary file left behind")
	}
}

// uiQueue makes the test goroutine the UI goroutine. Fyne's test driver runs fyne.Do's function
// at once on the goroutine that calls it, so the watcher's SetText would race with the test
// reading e.Text; here fyne.Do and fyne.DoAndWait queue their function, and the test runs the
// queue (runUntil), as a real app's event loop does.
type uiQueue struct {
	fyne.App
	drv *queuedDriver
}

func (q *uiQueue) Driver() fyne.Driver { return q.drv }

type queuedDriver struct {
	fyne.Driver
	orig  fyne.App
	calls chan func()
}

func (d *queuedDriver) DoFromGoroutine(fn func(), wait bool) {
	if !wait {
		d.calls <- fn
		return
	}
	done := make(chan struct{})
	d.calls <- func() { fn(); close(done) }
	<-done
}

// queueUIWork installs the queue on the current (test) app until stop or the test's end.
func queueUIWork(t *testing.T) *queuedDriver {
	orig := fyne.CurrentApp()
	d := &queuedDriver{Driver: orig.Driver(), orig: orig, calls: make(chan func(), 64)}
	fyne.SetCurrentApp(&uiQueue{App: orig, drv: d})
	t.Cleanup(func() { fyne.SetCurrentApp(orig) })
	return d
}

// runUntil runs the queued UI work on the test goroutine until ok, or fails after timeout.
func (d *queuedDriver) runUntil(t *testing.T, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.After(timeout)
	for !ok() {
		select {
		case fn := <-d.calls:
			fn()
		case <-deadline:
			t.Fatal("timed out")
		}
	}
}

// stop puts the test app back and runs what is still queued.
func (d *queuedDriver) stop() {
	fyne.SetCurrentApp(d.orig)
	for {
		select {
		case fn := <-d.calls:
			fn()
		default:
			return
		}
	}
}

// walkButtons calls fn for every button in the tree under o.
func walkButtons(o fyne.CanvasObject, fn func(*widget.Button)) {
	switch x := o.(type) {
	case *widget.Button:
		fn(x)
	case *focusButton:
		fn(&x.Button)
	case *fyne.Container:
		for _, c := range x.Objects {
			walkButtons(c, fn)
		}
	}
}
