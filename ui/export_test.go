package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// texts collects every text shown in the tree under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *canvas.Text:
		return []string{x.Text}
	case *widget.Label:
		return []string{x.Text}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, texts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, texts(c)...)
		}
	}
	return out
}

// The 覆盖 answer (a forced build) into a folder holding the user's own files shows why it
// cannot, and deletes nothing.
func TestOverwriteKeepsTheUsersFiles(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	out := t.TempDir()
	scan := filepath.Join(out, "营业执照.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 scan"), 0o644)
	ed.exportTo(ed.sess.ExportEvaluation(), out, true, true)
	var shown string
	waitFor(t, 60*time.Second, func() bool {
		var s string
		fyne.DoAndWait(func() {
			if top := h.win.Canvas().Overlays().Top(); top != nil {
				s = strings.Join(texts(top), "\n")
			}
		})
		shown = s
		return strings.Contains(s, "营业执照.pdf")
	})
	if !strings.Contains(shown, "空文件夹") {
		t.Errorf("dialog: %s", shown)
	}
	if b, err := os.ReadFile(scan); err != nil || string(b) != "%PDF-1.4 scan" {
		t.Fatal("the user's file was touched")
	}
	if es, _ := os.ReadDir(out); len(es) != 1 {
		t.Errorf("the folder changed: %v", es)
	}
}
