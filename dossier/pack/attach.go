package pack

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"dossier/dossier"
	"dossier/dossier/document"
	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
	"dossier/dossier/render/bind"
	"dossier/dossier/render/pdf"
)

// Attachments bound after the main report (CONTRACT.md 附件): each applicable attachment's
// files in template order, PDFs merged as they are and images placed on a page of their own,
// a placeholder page for a missing required one; the page numbers run on from the report
// (stamped from an overlay in the report's own style and place) and the 目录 lists each
// attachment with its first page.

// volume holds the attachments of one package, prepared once for every render (screen and
// print) of the report they are bound after. Its files are in tmp.
type volume struct {
	tmp     string
	parts   []volumePart
	entries []document.AppendixEntry
	mu      sync.Mutex // the screen and print renders run in parallel
	blank   string     // a blank A4 page, made when a layout needs one
	seq     int
}

type volumePart struct {
	files []string // PDF files, in order
	pages int
}

// prepareVolume makes the pieces of the attachments: page counts of the PDFs, a page per
// image, a placeholder per missing required attachment. It returns nil when there is
// nothing to bind. A file that cannot be read as what it claims to be is the data's fault
// (ErrAttachment).
func prepareVolume(ev *programme.Evaluation, tmp string) (*volume, error) {
	v := &volume{tmp: tmp}
	var bound []programme.AttachmentStatus
	inline := true // nothing given: the renderer prints the placeholders itself
	for _, s := range ev.Attachments() {
		if s.No > 0 {
			bound = append(bound, s)
			inline = inline && s.Missing
		}
	}
	for _, s := range bound {
		var part volumePart
		entry := document.AppendixEntry{Title: s.Name()}
		switch {
		case s.Missing && inline:
			entry.Placeholder = s.Placeholder()
			part.pages = 1
		case s.Missing:
			f, err := v.generate(func(w io.Writer) error { return pdf.Placeholder(w, s.Placeholder()) })
			if err != nil {
				return nil, err
			}
			part = volumePart{files: []string{f}, pages: 1}
		}
		for _, af := range s.Files {
			f, n, err := v.piece(af)
			if err != nil {
				return nil, newError(ErrAttachment, err, "%s：文件 %s %v", s.Name(), af.Given, err)
			}
			part.files = append(part.files, f)
			part.pages += n
		}
		entry.Pages = part.pages
		v.parts = append(v.parts, part)
		v.entries = append(v.entries, entry)
	}
	if len(v.parts) == 0 {
		return nil, nil
	}
	return v, nil
}

// piece is one attachment file as a PDF file to merge, and its page count.
func (v *volume) piece(af programme.AttachmentFile) (string, int, error) {
	if af.Kind == programme.FilePDF {
		n, err := bind.CountPages(af.Path)
		if err != nil || n < 1 {
			return "", 0, fmt.Errorf("不是可以读取的 PDF 文件（文件损坏或已加密），请重新扫描或另存为 PDF")
		}
		return af.Path, n, nil
	}
	img, err := fsafe.ReadRegular(af.Path, fsafe.MaxAttachment)
	if err != nil {
		return "", 0, err
	}
	f, err := v.generate(func(w io.Writer) error { return pdf.ImagePage(w, img) })
	return f, 1, err
}

// generate writes a PDF made by write into a new file of tmp.
func (v *volume) generate(write func(io.Writer) error) (string, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return "", err
	}
	return v.file(buf.Bytes())
}

func (v *volume) file(b []byte) (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.seq++
	name := filepath.Join(v.tmp, fmt.Sprintf("part-%03d.pdf", v.seq))
	return name, os.WriteFile(name, b, 0o600)
}

func (v *volume) counts() []int {
	out := make([]int, len(v.parts))
	for i, p := range v.parts {
		out[i] = p.pages
	}
	return out
}

// render renders the report with the attachments listed in its 目录 and bound after it, and
// returns the bound volume.
func (v *volume) render(rep *document.Report, o pdf.Options) ([]byte, error) {
	withAppendix := *rep
	withAppendix.Appendix = v.entries
	var buf bytes.Buffer
	lay, err := pdf.RenderLayout(&buf, &withAppendix, o)
	if err != nil || pdf.InlineAppendix(&withAppendix) {
		return buf.Bytes(), err
	}
	report, err := v.file(buf.Bytes())
	if err != nil {
		return nil, err
	}
	starts, last := pdf.AppendixStarts(o, lay.Pages, v.counts())
	files := []string{report}
	blanks := map[int]bool{}
	next := lay.Pages + 1
	for i, part := range v.parts {
		for ; next < starts[i]; next++ {
			blank, err := v.blankPage()
			if err != nil {
				return nil, err
			}
			files = append(files, blank)
			blanks[next] = true
		}
		files = append(files, part.files...)
		next += part.pages
	}
	merged := report + ".merged.pdf"
	if err := bind.Merge(merged, files); err != nil {
		return nil, err
	}
	stamped := report + ".stamped.pdf"
	err = bind.Stamp(stamped, merged, lay.Pages+1, func(sizes [][2]float64) ([]byte, error) {
		if len(sizes) != last {
			return nil, fmt.Errorf("装订后页数 %d 与预计的 %d 不符", len(sizes), last)
		}
		var pages []pdf.OverlayPage
		for n := lay.Pages + 1; n <= last; n++ {
			pg := pdf.OverlayPage{Page: n, W: sizes[n-1][0], H: sizes[n-1][1]}
			if !blanks[n] {
				pg.Folio = lay.Folio(n)
			}
			pages = append(pages, pg)
		}
		var overlay bytes.Buffer
		err := pdf.Overlay(&overlay, o, pages)
		return overlay.Bytes(), err
	})
	if err != nil {
		return nil, err
	}
	return os.ReadFile(stamped)
}

// blankPage is the blank A4 page that makes an attachment start on a right-hand page.
func (v *volume) blankPage() (string, error) {
	v.mu.Lock()
	blank := v.blank
	v.mu.Unlock()
	if blank != "" {
		return blank, nil
	}
	var buf bytes.Buffer
	if err := pdf.Overlay(&buf, pdf.Options{}, []pdf.OverlayPage{{W: 210, H: 297}}); err != nil {
		return "", err
	}
	f, err := v.file(buf.Bytes())
	v.mu.Lock()
	v.blank = f
	v.mu.Unlock()
	return f, err
}

// renderFunc renders a report (and whatever is bound after it) to PDF bytes.
type renderFunc func(rep *document.Report, o pdf.Options) ([]byte, error)

func renderPlain(rep *document.Report, o pdf.Options) ([]byte, error) {
	var buf bytes.Buffer
	err := pdf.Render(&buf, rep, o)
	return buf.Bytes(), err
}

// attachmentsFor prepares the dossier's attachments in a temporary folder beside the package
// being written (removed by cleanup); nil when there is no report or nothing to bind.
func attachmentsFor(ev *programme.Evaluation, dir string) (*volume, func(), error) {
	none := func() {}
	if ev.AttachmentsOutput() == nil || len(ev.Programme.Attachments) == 0 {
		return nil, none, nil
	}
	tmp, remove, err := fsafe.TempDir(filepath.Dir(dir), "attach")
	if err != nil {
		return nil, none, ioError("写入", filepath.Dir(dir), err)
	}
	vol, err := prepareVolume(ev, tmp)
	if err != nil || vol == nil {
		remove()
		return nil, none, err
	}
	return vol, remove, nil
}

// dataCopy is the data file as the package carries it: the attachments' paths resolved
// (absolute), since the copy lives in another folder than the file they were relative to.
func dataCopy(ev *programme.Evaluation) *dossier.File {
	if len(ev.File.Attachments) == 0 {
		return ev.File
	}
	f := *ev.File
	f.Attachments = make(map[string][]string, len(ev.File.Attachments))
	for id, files := range ev.File.Attachments {
		f.Attachments[id] = slices.Clone(files)
	}
	for _, s := range ev.Attachments() {
		for i, af := range s.Files {
			if abs, err := filepath.Abs(af.Path); err == nil {
				f.Attachments[s.ID][i] = abs
			}
		}
	}
	return &f
}
