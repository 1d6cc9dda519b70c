package ui

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/store"
)

func writeScanPDF(t *testing.T, path string, pages int) {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 14)
	for i := 1; i <= pages; i++ {
		p.AddPage()
		p.Text(60, 60, fmt.Sprintf("LICENCE SCAN %d", i))
	}
	if err := p.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, image.NewRGBA(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
}

// buttons lists the buttons under o with the text or, for icon buttons, all of them.
func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	switch x := o.(type) {
	case *widget.Button:
		return []*widget.Button{x}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, buttons(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, buttons(c)...)
		}
	}
	return out
}

func buttonText(t *testing.T, o fyne.CanvasObject, text string, k int) *widget.Button {
	t.Helper()
	n := 0
	for _, b := range buttons(o) {
		if b.Text == text && b.Visible() {
			if n == k {
				return b
			}
			n++
		}
	}
	t.Fatalf("no button %q #%d", text, k)
	return nil
}

func (h *harness) licenceFiles() []string {
	var names []string
	for _, s := range h.editor().sess.Attachments() {
		if s.ID == "business-licence" {
			for _, f := range s.Files {
				names = append(names, store.AttachmentName(f.Path))
			}
		}
	}
	return names
}

// The 附件 section: two files added to 营业执照 (names and 2 页 / 图片 shown), reordered, one
// deleted and brought back with 撤销; the stored copy survives deleting the original and the
// package binds it.
func TestAttachmentsSection(t *testing.T) {
	h := newHarness(t, true)
	root := t.TempDir()
	h.u.deps.AttachmentsDir = root
	h.u.Start("")
	ed := h.editor()
	h.section(attachmentsSectionID)
	if ed.sections[ed.current].id != attachmentsSectionID || ed.attach == nil {
		t.Fatal("no 附件 section")
	}
	src := t.TempDir()
	pdf, pic, txt := filepath.Join(src, "营业执照.pdf"), filepath.Join(src, "正本照片.png"), filepath.Join(src, "说明.txt")
	writeScanPDF(t, pdf, 2)
	writePNG(t, pic)
	os.WriteFile(txt, []byte("not a scan"), 0o644)
	var next []string
	ed.attach.pick = func(done func([]string)) { done(next) }
	pane := ed.attach.obj

	next = []string{pdf}
	test.Tap(buttonText(t, pane, "添加…", 0))
	next = []string{pic}
	test.Tap(buttonText(t, pane, "添加…", 0))
	if got := h.licenceFiles(); !slices.Equal(got, []string{"营业执照.pdf", "正本照片.png"}) {
		t.Fatalf("files: %v", got)
	}
	shown := strings.Join(texts(pane), "|")
	for _, want := range []string{"营业执照.pdf", "2 页", "正本照片.png", "图片", "必需", "附件1 营业执照副本复印件"} {
		if !strings.Contains(shown, want) {
			t.Errorf("%q not shown: %s", want, shown)
		}
	}
	for _, f := range ed.sess.Attachments()[0].Files {
		if !strings.HasPrefix(f.Path, root) {
			t.Errorf("not a stored copy: %s", f.Path)
		}
	}

	// A text file is refused with a Chinese message and nothing is added.
	next = []string{txt}
	test.Tap(buttonText(t, pane, "添加…", 0))
	if got := h.licenceFiles(); len(got) != 2 {
		t.Errorf("the text file was added: %v", got)
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(texts(top), ""), "不是 PDF、JPG 或 PNG") {
		t.Error("no message for the text file")
	} else {
		h.win.Canvas().Overlays().Remove(top)
	}

	// ↓ on the first file: the picture goes first.
	var down *widget.Button
	for _, b := range buttons(pane) {
		if b.Text == "" && !b.Disabled() && b.Icon != nil && b.Icon.Name() == theme.MoveDownIcon().Name() {
			down = b
			break
		}
	}
	if down == nil {
		t.Fatal("no ↓ button")
	}
	test.Tap(down)
	if got := h.licenceFiles(); !slices.Equal(got, []string{"正本照片.png", "营业执照.pdf"}) {
		t.Fatalf("after ↓: %v", got)
	}

	// 删除 the picture, then 撤销.
	test.Tap(buttonText(t, pane, "删除", 0))
	if got := h.licenceFiles(); !slices.Equal(got, []string{"营业执照.pdf"}) {
		t.Fatalf("after 删除: %v", got)
	}
	if !ed.attach.undo.obj.Visible() {
		t.Fatal("no 撤销 bar")
	}
	test.Tap(ed.attach.undo.button)
	if got := h.licenceFiles(); !slices.Equal(got, []string{"正本照片.png", "营业执照.pdf"}) {
		t.Fatalf("after 撤销: %v", got)
	}

	// The original goes away; the copy is still bound.
	os.Remove(pdf)
	os.Remove(pic)
	for _, f := range ed.sess.Attachments()[0].Files {
		if f.Err != "" {
			t.Errorf("stored copy unusable: %s", f.Err)
		}
	}
	out := t.TempDir()
	ed.exportTo(ed.sess.ExportEvaluation(), out, true, true)
	waitFor(t, 120*time.Second, func() bool {
		var done bool
		fyne.DoAndWait(func() { done = ed.lastManifest != nil })
		return done
	})
	if slices.Contains(ed.lastManifest.MissingAttachments, "business-licence") {
		t.Errorf("missing_attachments: %v", ed.lastManifest.MissingAttachments)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		bound := ""
		for _, it := range ed.lastManifest.Files {
			if strings.HasSuffix(it.Path, ".pdf") {
				b, _ := exec.Command("pdftotext", filepath.Join(out, it.Path), "-").Output()
				if strings.Contains(string(b), "LICENCE SCAN 2") {
					bound = it.Path
					break
				}
			}
		}
		if bound == "" {
			t.Errorf("the licence is bound in no PDF of %v", ed.lastManifest.Files)
		}
	}
}

// The review lists a missing required attachment and jumps to the 附件 section.
func TestReviewListsMissingAttachments(t *testing.T) {
	h := newHarness(t, true)
	h.u.deps.AttachmentsDir = t.TempDir()
	h.u.Start("")
	ed := h.editor()
	ed.onReview()
	var row *reviewRow
	for _, o := range ed.review.rows.Objects {
		if r, ok := o.(*reviewRow); ok && strings.Contains(r.item.text, "营业执照副本复印件：未提供（必需）") {
			row = r
		}
	}
	if row == nil {
		t.Fatal("missing attachment not in the review")
	}
	row.Tapped(nil)
	if ed.sections[ed.current].id != attachmentsSectionID {
		t.Errorf("jumped to %s", ed.sections[ed.current].id)
	}
}
