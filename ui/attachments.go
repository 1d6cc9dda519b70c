package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
	"dossier/dossier/render/bind"
	"dossier/dossier/store"
)

// attachmentsSectionID is the dossier screen's 附件 section, after the programme's own: the
// template's attachments in binding order, each with its files (add, reorder, remove with
// 撤销). Added files are copied into the app's storage (store.CopyAttachment) and the dossier
// references the copy.
const attachmentsSectionID = "_attachments"

// attachmentsPane is the content of the 附件 section.
type attachmentsPane struct {
	e    *editor
	rows *fyne.Container
	undo *undoBar
	// undoAt is the attachment whose file was deleted last: the 撤销 bar shows under it, in
	// view where the user tapped 删除.
	undoAt string
	obj    fyne.CanvasObject
	pages  map[string]string // path → "3 页" / "图片", counted once
	// pick asks for files to add and calls back with their paths; tests replace it.
	pick func(done func(paths []string))
}

func newAttachmentsPane(e *editor) *attachmentsPane {
	p := &attachmentsPane{e: e, rows: container.NewVBox(), undo: newUndoBar(), pages: map[string]string{}}
	p.pick = p.chooseFile
	p.obj = p.rows
	return p
}

// attachmentsRoot is where the copies of added attachment files are kept.
func (u *UI) attachmentsRoot() string {
	if u.deps.AttachmentsDir != "" {
		return u.deps.AttachmentsDir
	}
	if s := u.app.Storage(); s != nil && s.RootURI() != nil {
		return filepath.Join(s.RootURI().Path(), "attachments")
	}
	return filepath.Join(".", "attachments")
}

// attachmentsSection is the 附件 entry of the section list (nil when the programme has none).
func (e *editor) attachmentsSection() []navSection {
	if e.profileOnly || len(e.sess.Programme().Attachments) == 0 {
		return nil
	}
	return []navSection{{id: attachmentsSectionID, title: lang.L("附件"),
		help: lang.L("申报通知要求的附件（扫描件 PDF、JPG 或 PNG），按装订顺序排列。添加的文件会复制到本程序的存储中，原文件移动或删除也不影响。")}}
}

// attachmentProblems counts what the 附件 section's mark shows: files that cannot be bound
// and required attachments not given.
func (e *editor) attachmentProblems() int {
	n := 0
	for _, s := range e.sess.Attachments() {
		if s.Missing {
			n++
		}
		if !s.Applies {
			continue
		}
		for _, f := range s.Files {
			if f.Err != "" {
				n++
			}
		}
	}
	return n
}

// attachmentsView is the 附件 section's content, refreshed.
func (e *editor) attachmentsView() fyne.CanvasObject {
	if e.attach == nil {
		e.attach = newAttachmentsPane(e)
	}
	e.attach.refresh()
	return e.attach.obj
}

// refresh lists the attachments as the session has them now.
func (p *attachmentsPane) refresh() {
	p.rows.Objects = p.rows.Objects[:0]
	for _, s := range p.e.sess.Attachments() {
		p.rows.Add(p.attachmentBlock(s))
		if s.ID == p.undoAt {
			p.rows.Add(p.undo.obj)
		}
		p.rows.Add(widget.NewSeparator())
	}
	p.rows.Refresh()
}

func (p *attachmentsPane) attachmentBlock(s programme.AttachmentStatus) fyne.CanvasObject {
	title := s.Label
	if s.No > 0 {
		title = fmt.Sprintf(lang.L("附件%d"), s.No) + " " + s.Label
	}
	need := lang.L("可选")
	if s.Required {
		need = lang.L("必需")
	}
	head := container.NewBorder(nil, nil, nil, &widget.Label{Text: need, Importance: widget.LowImportance},
		&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
	box := container.NewVBox(head)
	if s.Help != "" {
		box.Add(&widget.Label{Text: s.Help, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	switch {
	case s.Missing:
		box.Add(&widget.Label{Text: lang.L("未提供（必需）：生成时以占位页代替，申报包不完整"), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
	case !s.Applies:
		box.Add(&widget.Label{Text: lang.L("按当前填写本项目不需要此附件，生成时不装订"), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord})
	}
	for i, f := range s.Files {
		box.Add(p.fileRow(s.ID, i, len(s.Files), f))
	}
	id := s.ID
	add := &widget.Button{Text: lang.L("添加…"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		p.pick(func(paths []string) { p.add(id, paths) })
	}}
	box.Add(container.NewHBox(add))
	return box
}

// fileRow is one file: its name, its page count (or 图片, or why it cannot be bound) and the
// ↑ ↓ 删除 buttons.
func (p *attachmentsPane) fileRow(id string, i, n int, f programme.AttachmentFile) fyne.CanvasObject {
	name := store.AttachmentName(f.Path)
	info := &widget.Label{Text: p.info(f), Importance: widget.LowImportance}
	if f.Err != "" {
		info.Importance = widget.DangerImportance
		info.Wrapping = fyne.TextWrapWord
	}
	up := &widget.Button{Icon: theme.MoveUpIcon(), Importance: widget.LowImportance, OnTapped: func() { p.move(id, i, i-1) }}
	down := &widget.Button{Icon: theme.MoveDownIcon(), Importance: widget.LowImportance, OnTapped: func() { p.move(id, i, i+1) }}
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	del := &widget.Button{Text: lang.L("删除"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { p.remove(id, i, name) }}
	label := &widget.Label{Text: name, Truncation: fyne.TextTruncateEllipsis}
	if f.Err != "" {
		row := container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), container.NewHBox(up, down, del), label)
		return container.NewVBox(row, info)
	}
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), container.NewHBox(info, up, down, del), label)
}

// info is what the file row says about a file: "3 页" for a PDF, 图片 for JPG/PNG, or its problem.
func (p *attachmentsPane) info(f programme.AttachmentFile) string {
	if f.Err != "" {
		return f.Err
	}
	if f.Kind != programme.FilePDF {
		return lang.L("图片")
	}
	if s, ok := p.pages[f.Path]; ok {
		return s
	}
	s := lang.L("PDF（无法读取页数）")
	if n, err := bind.CountPages(f.Path); err == nil {
		s = strconv.Itoa(n) + " " + lang.L("页")
	}
	p.pages[f.Path] = s
	return s
}

// add copies the files into the store and adds the copies to attachment id.
func (p *attachmentsPane) add(id string, paths []string) {
	var copies, errs []string
	for _, path := range paths {
		c, err := store.CopyAttachment(p.e.u.attachmentsRoot(), p.e.dossierID, path)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		copies = append(copies, c)
	}
	if len(copies) > 0 {
		if err := p.e.sess.AddAttachment(id, copies...); err != nil {
			errs = append(errs, lang.L("无法添加附件：")+err.Error())
		}
		p.changed()
	}
	if len(errs) > 0 {
		showErrorText(p.e.u.win, lang.L("未能添加附件：")+"\n"+strings.Join(errs, "\n"))
	}
}

func (p *attachmentsPane) move(id string, from, to int) {
	if err := p.e.sess.MoveAttachment(id, from, to); err == nil {
		p.changed()
	}
}

// remove takes file i off attachment id and offers 撤销 (the stored copy stays, for it).
func (p *attachmentsPane) remove(id string, i int, name string) {
	path, err := p.e.sess.RemoveAttachment(id, i)
	if err != nil {
		return
	}
	p.undoAt = id
	p.changed()
	p.undo.offer(fmt.Sprintf(lang.L("已删除附件文件“%s”"), name), func() {
		if p.e.sess.InsertAttachment(id, i, path) == nil {
			p.changed()
		}
	})
}

func (p *attachmentsPane) changed() {
	p.e.onChanged()
	if p.e.sections[p.e.current].id == attachmentsSectionID {
		p.refresh()
	}
}

// chooseFile shows the file dialog for one PDF, JPG or PNG file (Fyne's dialog picks one at a
// time: 添加… again adds the next).
func (p *attachmentsPane) chooseFile(done func(paths []string)) {
	p.e.u.askFile(lang.L("添加附件文件（PDF、JPG 或 PNG）"), []string{".pdf", ".jpg", ".jpeg", ".png", ".PDF", ".JPG", ".JPEG", ".PNG"},
		func(path string) { done([]string{path}) })
}

// jumpToSection shows the section with the id, when it is shown.
func (e *editor) jumpToSection(id string) {
	for _, i := range e.visible {
		if e.sections[i].id == id {
			if i != e.current {
				e.showSection(i)
			}
			return
		}
	}
}
