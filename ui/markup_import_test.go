package ui

import (
	"dossier/dossier/session"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The 导入企业名单 screen (the WPS master read, the row of a known enterprise with its
// changes beside the list) and the 汇总 screen (the 审核清单 after a run) render as their
// masters. Inputs are read by relative paths (each in a subtest that works in the data's
// folder) so the paths shown, and so the masters, are stable.
func TestImportScreensMatchMasters(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	prog := session.ProgrammeName(h.u.deps.Programmes.Get(DemoProgramme))
	t.Run("read", func(t *testing.T) {
		path := wpsMaster(t)
		t.Chdir(filepath.Dir(path))
		h.u.showMasterImport()
		m := h.u.current.(*masterScreen)
		m.pick.SetSelected(prog)
		m.load(filepath.Base(path))
		waitFor(t, 30*time.Second, func() bool { return closed(m.loaded) })
		m.list.Select(1)
	})
	test.AssertRendersToMarkup(t, "master_import.xml", h.win.Canvas())

	t.Run("aggregate", func(t *testing.T) {
		t.Chdir(aggFolder(t, h.u.deps.Programmes.Get(DemoProgramme)))
		h.u.showAggregate()
		a := h.u.current.(*aggregateScreen)
		a.pick.SetSelected(prog)
		a.useFolder(".")
		a.onRun()
		waitFor(t, 30*time.Second, func() bool { return closed(a.done) })
	})
	test.AssertRendersToMarkup(t, "aggregate.xml", h.win.Canvas())
}
