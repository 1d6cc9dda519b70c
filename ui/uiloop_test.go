package ui

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
)

// Fyne's test driver runs the function given to fyne.Do at once, on whatever goroutine calls
// it; work an export or autosave goroutine hands to the UI then races with the test reading
// the widgets. loopApp makes the test's goroutine the UI goroutine instead, as a real app's
// event loop is: fyne.Do from another goroutine is queued, and the test runs the queue while
// it waits (waitFor) and when it ends; from the test goroutine itself it runs at once.
type loopApp struct {
	fyne.App
	drv *loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.drv }

type loopDriver struct {
	fyne.Driver
	main  uint64 // the test goroutine
	mu    sync.Mutex
	queue []func()
	ready chan struct{} // signalled when work is queued
}

func (d *loopDriver) DoFromGoroutine(fn func(), wait bool) {
	if goid() == d.main {
		fn()
		return
	}
	done := make(chan struct{})
	d.mu.Lock()
	if wait {
		d.queue = append(d.queue, func() { defer close(done); fn() })
	} else {
		d.queue = append(d.queue, fn)
	}
	d.mu.Unlock()
	select {
	case d.ready <- struct{}{}:
	default:
	}
	if wait {
		<-done
	}
}

// run runs the queued UI work; it reports whether there was any.
func (d *loopDriver) run() bool {
	d.mu.Lock()
	q := d.queue
	d.queue = nil
	d.mu.Unlock()
	for _, fn := range q {
		fn()
	}
	return len(q) > 0
}

// useUILoop installs the loop on app for the test; the queue is run once more at its end.
func useUILoop(t *testing.T, app fyne.App) fyne.App {
	d := &loopDriver{Driver: app.Driver(), main: goid(), ready: make(chan struct{}, 1)}
	la := &loopApp{App: app, drv: d}
	fyne.SetCurrentApp(la)
	t.Cleanup(func() {
		d.run()
		fyne.SetCurrentApp(app)
	})
	return la
}

// runUIWork runs the UI work queued for the current app, when the test installed the loop.
func runUIWork() {
	if la, ok := fyne.CurrentApp().(*loopApp); ok {
		la.drv.run()
	}
}

// goid is the current goroutine's id (tests only: to know the UI goroutine).
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	n, _ := strconv.ParseUint(string(b), 10, 64)
	return n
}
