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
	waitFor(t, 3*time.Second, func() bool {
		return e.Text == "在系统编辑器中写的文字，输入法可完整使用。\n第二段。"
	})
	if got := h.u.current.(*editor).sess.Get("background"); got != e.Text {
		t.Errorf("session holds %q", got)
	}
	// Leaving the dossier stops watching and removes the file.
	h.u.showHome()
	if _, err := os.Stat(opened); !os.IsNotExist(err) {
		t.Error("temporary file left behind")
	}
}

// walkButtons calls fn for every button in the tree under o.
func walkButtons(o fyne.CanvasObject, fn func(*widget.Button)) {
	switch x := o.(type) {
	case *widget.Button:
		fn(x)
	case *fyne.Container:
		for _, c := range x.Objects {
			walkButtons(c, fn)
		}
	}
}
