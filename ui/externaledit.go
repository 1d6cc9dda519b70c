package ui

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/fsafe"
)

// Input methods do not work fully inside Fyne's entries (STACK.md: fyne-io/fyne#618), so a
// long text can be written in the system's own editor instead: the text goes to a temporary
// .txt file, the system opens it with its default editor, and every save there comes back
// into the field.

// openURL starts the system's handler for a file; tests replace it.
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// externalText is one text being edited outside.
type externalText struct {
	file string
	last []byte
	stop chan struct{}
}

// newExternalText writes text to a fresh temporary file (UTF-8; with a BOM on Windows, where
// older Notepads need it to read Chinese).
func newExternalText(text string) (*externalText, error) {
	dir, err := os.MkdirTemp("", "dossier-text-*")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "文本.txt")
	data := []byte(strings.ReplaceAll(text, "\n", lineEnd()))
	if runtime.GOOS == "windows" {
		data = append([]byte("\xef\xbb\xbf"), data...)
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return nil, err
	}
	return &externalText{file: file, last: data, stop: make(chan struct{})}, nil
}

func lineEnd() string {
	if runtime.GOOS == "windows" {
		return "\r\n"
	}
	return "\n"
}

// poll reads the file once and returns its text when it changed since the last look. The
// text is normalised: no BOM, \n line ends, no trailing line break (editors add one).
func (x *externalText) poll() (string, bool) {
	data, err := os.ReadFile(x.file)
	if err != nil || bytes.Equal(data, x.last) {
		return "", false
	}
	x.last = data
	s := strings.TrimPrefix(string(data), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimRight(s, "\r\n"), true
}

// close stops watching and removes the temporary file.
func (x *externalText) close() {
	select {
	case <-x.stop:
	default:
		close(x.stop)
	}
	os.RemoveAll(filepath.Dir(x.file))
}

// onExternalEdit opens the field's text in the system editor and watches for saves.
func (f *form) onExternalEdit(v *fieldView, e *widget.Entry) {
	if old := f.external[v.path]; old != nil {
		old.close()
	}
	x, err := newExternalText(e.Text)
	if err != nil {
		dialog.ShowError(errors.New(lang.L("无法创建临时文件：")+fsafe.Describe(err)), f.win)
		return
	}
	if f.external == nil {
		f.external = map[string]*externalText{}
	}
	f.external[v.path] = x
	u, err := url.Parse(storage.NewFileURI(x.file).String())
	if err == nil {
		err = openURL(u)
	}
	if err != nil {
		dialog.ShowError(fmt.Errorf(lang.L("无法打开系统编辑器：%s\n可手动打开文件 %s 编辑，保存后文字会回到本字段"), fsafe.Describe(err), x.file), f.win)
	}
	go f.watchExternal(x, e)
	dialog.ShowInformation(lang.L("已在系统编辑器中打开"),
		fmt.Sprintf(lang.L("在系统编辑器中编辑“%s”，每次保存后文字会自动回到本字段。\n离开本页面后不再同步。\n文件：%s"), v.field.Label, x.file), f.win)
}

// pollInterval is how often an externally edited file is looked at.
var pollInterval = time.Second

func (f *form) watchExternal(x *externalText, e *widget.Entry) {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		select {
		case <-x.stop:
			return
		case <-t.C:
			if text, ok := x.poll(); ok {
				fyne.Do(func() { e.SetText(text) })
			}
		}
	}
}

// closeExternal stops every external edit of the form (when its screen is left).
func (f *form) closeExternal() {
	for path, x := range f.external {
		x.close()
		delete(f.external, path)
	}
}
