package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaveDelay is how long after the last change a save starts: long enough to batch a burst
// of typing, short enough that a crash loses at most half a second of it.
const autosaveDelay = 500 * time.Millisecond

// saver runs save off the UI goroutine, debounced: every touch restarts the delay. Saves never
// overlap, and done gets each result on the UI goroutine (fyne.Do).
type saver struct {
	delay time.Duration
	save  func() error    // runs in a goroutine; must not touch widgets
	done  func(err error) // runs on the UI goroutine

	mu      sync.Mutex
	timer   *time.Timer
	running sync.Mutex // held while save runs
}

func newSaver(save func() error, done func(error)) *saver {
	return &saver{delay: autosaveDelay, save: save, done: done}
}

// touch records a change: a save starts delay after the last touch.
func (s *saver) touch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.delay, func() { s.run(true) })
}

// stop cancels a pending save.
func (s *saver) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
}

// now starts a save at once in a goroutine (Ctrl+S).
func (s *saver) now() {
	s.stop()
	go s.run(true)
}

// flush saves synchronously, on the calling goroutine (leaving a screen, closing the window),
// and returns the error instead of reporting it.
func (s *saver) flush() error {
	s.stop()
	s.running.Lock()
	defer s.running.Unlock()
	return s.save()
}

func (s *saver) run(report bool) {
	s.running.Lock()
	err := s.save()
	s.running.Unlock()
	if report && s.done != nil {
		fyne.Do(func() { s.done(err) })
	}
}
