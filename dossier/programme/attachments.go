package programme

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"dossier/dossier"
	"dossier/dossier/fsafe"
)

// Attachments (附件, CONTRACT.md): a template lists the documents its notice asks for beside
// the generated ones (营业执照副本, 审计报告, 证书…), in binding order; the data file names the
// user's files for each; build binds them after the main report (pack).

// Attachment is one document the notice asks for beside the generated ones.
type Attachment struct {
	ID       string
	Label    string // 近三年审计报告, as the notice names it
	Required bool   // a missing required attachment leaves the package incomplete
	Help     string // what to scan, for the form

	when *program // the attachment is asked for only when this holds; nil: always
}

var attachmentID = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,63}$`)

// attachments checks the template's attachments: ids present, well-formed and unique, a label
// each, the when expressions compiled.
func (c *compiler) attachments() {
	seen := map[string]bool{}
	for i := range c.p.tree.Attachments {
		a := &c.p.tree.Attachments[i]
		switch {
		case !a.ID.Set():
			c.errs.Add(c.file, a.Label.Pos, "附件缺少 id")
		case !attachmentID.MatchString(a.ID.S):
			c.errs.Add(c.file, a.ID.Pos, "附件 id “%s” 应为小写字母开头的字母、数字、- 或 _（最多 64 个）", a.ID.S)
		case seen[a.ID.S]:
			c.errs.Add(c.file, a.ID.Pos, "附件 id “%s” 重复", a.ID.S)
		}
		seen[a.ID.S] = true
		if !a.Label.Set() {
			c.errs.Add(c.file, a.ID.Pos, "附件 “%s” 缺少 label（通知中的附件名称）", a.ID.S)
		}
		c.p.Attachments = append(c.p.Attachments, Attachment{ID: a.ID.S, Label: a.Label.S, Required: a.Required, Help: a.Help,
			when: c.when(a.When, "附件 “"+a.ID.S+"” 的 when", nil)})
	}
}

// FileKind is what an attachment file is, judged by its first bytes.
type FileKind string

// The kinds of file an attachment may be.
const (
	FilePDF  FileKind = "pdf"
	FileJPEG FileKind = "jpeg"
	FilePNG  FileKind = "png"
)

// SniffFile opens an attachment file (a regular file of at most fsafe.MaxAttachment bytes)
// and tells its kind from its magic bytes, not its name. Errors are Chinese.
func SniffFile(path string) (FileKind, error) {
	f, err := fsafe.OpenRegular(path, fsafe.MaxAttachment)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("读取失败：%s", fsafe.Describe(err))
	}
	head = head[:n]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return FilePDF, nil
	case bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}):
		return FileJPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return FilePNG, nil
	case n == 0:
		return "", errors.New("文件为空")
	}
	return "", errors.New("不是 PDF、JPG 或 PNG 文件（按文件内容判断，与扩展名无关），请另存为 PDF 后再添加")
}

// AttachmentFile is one file the data file names for an attachment.
type AttachmentFile struct {
	Given string   // as written in the data file
	Path  string   // resolved against the data file's folder
	Kind  FileKind // "" when the file is not usable (Err)
	Err   string   // why it cannot be bound (Chinese), "" when it can
}

// AttachmentStatus is one of the template's attachments, judged for this dossier.
type AttachmentStatus struct {
	*Attachment
	// No is the attachment's number in the bound volume (附件N), counting only those bound
	// (given, or required and missing: a placeholder); 0 for one that is not bound.
	No      int
	Applies bool // its when holds (or it has none)
	Files   []AttachmentFile
	// Missing: required, applies, and no file given.
	Missing bool
}

// Name is "附件N 名称" as the 目录, the placeholder and the messages print it.
func (s AttachmentStatus) Name() string {
	return fmt.Sprintf("附件%d %s", s.No, s.Label)
}

// Placeholder is the text of the page that stands in for a missing attachment.
func (s AttachmentStatus) Placeholder() string {
	return s.Name() + "（未提供，请在此处插入）"
}

// Attachments lists the template's attachments for this dossier in binding order, with the
// files given and whether each is missing; the GUI's 附件 section and build read it.
func (e *Evaluation) Attachments() []AttachmentStatus {
	if e.attachments == nil {
		e.attachments = e.judgeAttachments()
	}
	return e.attachments
}

// MissingAttachments are the ids of the required attachments that apply and are not given.
func (e *Evaluation) MissingAttachments() []string {
	var ids []string
	for _, s := range e.Attachments() {
		if s.Missing {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func (e *Evaluation) judgeAttachments() []AttachmentStatus {
	p := e.Programme
	out := make([]AttachmentStatus, 0, len(p.Attachments))
	no := 0
	for i := range p.Attachments {
		a := &p.Attachments[i]
		s := AttachmentStatus{Attachment: a, Applies: true}
		if prog := a.when; prog != nil {
			if v, st, _ := e.eval(prog, e.env); st == evalOK && v != true {
				s.Applies = false
			}
		}
		for _, given := range e.File.Attachments[a.ID] {
			s.Files = append(s.Files, e.attachmentFile(given))
		}
		s.Missing = s.Applies && a.Required && len(s.Files) == 0
		if s.Applies && (s.Missing || len(s.Files) > 0) {
			no++
			s.No = no
		}
		out = append(out, s)
	}
	return out
}

// attachmentFile resolves and sniffs one file named in the data file.
func (e *Evaluation) attachmentFile(given string) AttachmentFile {
	path := dossier.AttachmentPath(e.File.Dir, given)
	f := AttachmentFile{Given: given, Path: path}
	kind, err := SniffFile(path)
	switch {
	case errors.Is(err, fsafe.ErrNotFound):
		where := e.File.Dir
		if where == "" {
			where = "当前文件夹"
		}
		f.Err = fmt.Sprintf("找不到文件 %s（相对路径按数据文件所在的文件夹 %s 查找）", given, where)
	case err != nil:
		f.Err = fmt.Sprintf("文件 %s %v", given, err)
	default:
		f.Kind = kind
	}
	return f
}

// checkAttachments reports what makes the data file's attachments invalid: an id the template
// does not list, a file that cannot be bound. (A missing required attachment does not make the
// data invalid: AttachmentWarnings.)
func (e *Evaluation) checkAttachments() {
	known := map[string]bool{}
	var ids []string
	for _, a := range e.Programme.Attachments {
		known[a.ID] = true
		ids = append(ids, a.ID)
	}
	var unknown []string
	for id := range e.File.Attachments {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		avail := "本项目没有附件"
		if len(ids) > 0 {
			avail = "可用：" + strings.Join(ids, "、") + "；见 dossier attachments " + e.Programme.ID
		}
		e.Problems = append(e.Problems, Problem{Field: "attachments." + id, Label: "附件",
			Message: fmt.Sprintf("附件：“%s”不是本项目的附件编号（%s）", id, avail)})
	}
	for _, s := range e.Attachments() {
		for _, f := range s.Files {
			if f.Err != "" {
				e.Problems = append(e.Problems, Problem{Field: "attachments." + s.ID, Label: s.title(), Message: s.title() + "：" + f.Err})
			}
		}
	}
}

// title is "附件N 名称" for an attachment that applies, its label otherwise.
func (s AttachmentStatus) title() string {
	if s.No > 0 {
		return s.Name()
	}
	return s.Label
}

// AttachmentWarnings are the warnings about the attachments, in binding order: each missing
// required attachment (附件2 近三年审计报告：未提供（必需）), and files given for an attachment that
// does not apply. They do not make the data invalid: the package is built, with a
// placeholder page for each missing one (and check and build list them).
func (e *Evaluation) AttachmentWarnings() []Problem {
	var out []Problem
	for _, s := range e.Attachments() {
		field := "attachments." + s.ID
		switch {
		case s.Missing:
			out = append(out, Problem{Field: field, Label: s.title(), Warning: true, Message: s.title() + "：未提供（必需）"})
		case !s.Applies && len(s.Files) > 0:
			out = append(out, Problem{Field: field, Label: s.title(), Warning: true,
				Message: s.title() + "：按当前填写本项目不需要此附件，生成时不装订"})
		}
	}
	return out
}

// AttachmentsOutput is the report the attachments are bound after: the output that says
// attachments: true, else the first report with a 目录, else the first report; nil when the
// dossier has no report among its outputs.
func (e *Evaluation) AttachmentsOutput() *Output {
	var first, withTOC *Output
	for _, o := range e.Outputs() {
		if o.Kind != KindReport {
			continue
		}
		if o.Attachments {
			return o
		}
		if first == nil {
			first = o
		}
		if withTOC == nil && hasTOC(o.blocks) {
			withTOC = o
		}
	}
	if withTOC != nil {
		return withTOC
	}
	return first
}

func hasTOC(blocks []block) bool {
	for _, b := range blocks {
		if b.toc {
			return true
		}
	}
	return false
}
