// Package dossier is the domain of Dossier: the data file (one enterprise's answers for one
// programme, CONTRACT.md) and, in its subpackages, programmes, rules, rendering, packaging and
// storage. Nothing here knows about the GUI.
package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"dossier/dossier/fsafe"
	"dossier/dossier/validate"
)

// FormatVersion is the data file format this build writes and reads.
const FormatVersion = 1

// AttachmentPath is where a path the data file gives under attachments points: written with
// / or \\ (the file may come from Windows), relative to dir (the data file's folder) unless
// absolute or dir is "".
func AttachmentPath(dir, given string) string {
	path := filepath.FromSlash(strings.ReplaceAll(given, `\`, "/"))
	if !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, path)
	}
	return path
}

// File is a data file as CONTRACT.md defines it. Enterprise and Answers stay raw (JSON values
// decoded with UseNumber) until a programme types and checks them, so that every problem can be
// reported at once and nothing the user wrote is lost on a round trip.
type File struct {
	Format     int            `json:"format"`
	Programme  string         `json:"programme"`
	AppliedOn  string         `json:"applied_on,omitempty"`
	Enterprise map[string]any `json:"enterprise"`
	Answers    map[string]any `json:"answers"`
	// Attachments maps a template's attachment id to the user's files (PDF, JPG, PNG), in
	// binding order; paths are relative to Dir unless absolute (CONTRACT.md).
	Attachments map[string][]string `json:"attachments,omitempty"`
	// Dir is the folder of the file the data was read from ("" when not read from a file):
	// relative attachment paths are resolved against it.
	Dir string `json:"-"`
	// Unknown holds top-level keys this version does not know, kept for the round trip.
	Unknown map[string]json.RawMessage `json:"-"`
	// FormatAssumed is true when the file had no "format": it is read as FormatVersion, and
	// checking it says so (a warning).
	FormatAssumed bool `json:"-"`
}

// ErrNotDataFile is wrapped by Decode for input that is not a data file at all.
var ErrNotDataFile = errors.New("不是有效的数据文件")

// Decode reads a data file. Everything that is not a sound data file is refused with a Chinese
// message giving the line and column (or byte): a file that is not UTF-8 (UTF-16, GBK), lone
// surrogate escapes, JSON syntax errors, a top level that is not an object (null, an array),
// duplicate keys at any depth, a wrong "format" (a missing one is taken as 1 and
// FormatAssumed set), and files too large or too deeply
// nested for a form. Input beyond fsafe.MaxDataFile is not read.
func Decode(r io.Reader) (*File, error) {
	src, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("读取数据文件失败：%s", fsafe.Describe(err))
	}
	if len(src) > fsafe.MaxDataFile {
		return nil, fmt.Errorf("%w：%v", ErrNotDataFile, fsafe.ErrTooLarge)
	}
	return decode(src)
}

// DecodeBytes is Decode of a file already read (fsafe.ReadRegular), without copying it again.
func DecodeBytes(src []byte) (*File, error) {
	if len(src) > fsafe.MaxDataFile {
		return nil, fmt.Errorf("%w：%v", ErrNotDataFile, fsafe.ErrTooLarge)
	}
	return decode(src)
}

// readAll is io.ReadAll of at most fsafe.MaxDataFile+1 bytes, sized at once for a reader that
// knows its length (bytes.Reader, strings.Reader: what callers holding the file pass).
func readAll(r io.Reader) ([]byte, error) {
	size := 512
	if l, ok := r.(interface{ Len() int }); ok {
		size = min(max(l.Len(), 0), fsafe.MaxDataFile) + 1
	}
	lr := io.LimitReader(r, fsafe.MaxDataFile+1)
	b := make([]byte, 0, size)
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func decode(src []byte) (*File, error) {
	top, err := readTop(src)
	if err != nil {
		return nil, err
	}
	f := &File{Unknown: map[string]json.RawMessage{}}
	if _, ok := top["format"]; !ok {
		// CONTRACT.md's files all carry "format": 1, but never said it was required: a file
		// without it is read as version 1 and told so (FormatAssumed), not refused.
		f.Format, f.FormatAssumed = FormatVersion, true
	}
	for k, v := range top {
		if err := f.set(k, v); err != nil {
			return nil, fmt.Errorf("%w：“%s”的类型不对（%s）", ErrNotDataFile, k, describeKey(k))
		}
	}
	if f.Enterprise == nil {
		f.Enterprise = map[string]any{}
	}
	if f.Answers == nil {
		f.Answers = map[string]any{}
	}
	return f, nil
}

// readTop reads the top-level object: in one pass when the file is sound (fastParse), else
// with the careful reader, which says what is wrong.
func readTop(src []byte) (map[string]any, error) {
	if top, ok := fastParse(src); ok {
		return top, nil
	}
	if err := checkEncoding(src); err != nil {
		return nil, fmt.Errorf("%w：%v", ErrNotDataFile, err)
	}
	src = bytes.TrimPrefix(src, bom) // a BOM from Windows editors
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fmt.Errorf("%w：文件为空", ErrNotDataFile)
	}
	top, err := parseTop(src)
	if err != nil {
		return nil, fmt.Errorf("%w：%v", ErrNotDataFile, err)
	}
	return top, nil
}

var errType = errors.New("wrong type")

// set stores one top-level key's value.
func (f *File) set(k string, v any) error {
	var ok bool
	switch k {
	case "format":
		f.Format, ok = formatOf(v)
	case "programme":
		f.Programme, ok = shortText(v, 100)
	case "applied_on":
		f.AppliedOn, ok = shortText(v, 40)
	case "enterprise":
		f.Enterprise, ok = v.(map[string]any)
		ok = ok || v == nil
	case "answers":
		f.Answers, ok = v.(map[string]any)
		ok = ok || v == nil
	case "attachments":
		f.Attachments, ok = attachmentsOf(v)
	default:
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		f.Unknown[k], ok = raw, true
	}
	if !ok {
		return errType
	}
	return nil
}

func formatOf(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return int(i), err == nil && i >= 0 && i < 1000
}

// shortText is a string of at most max bytes that validate.Text accepts.
func shortText(v any, max int) (string, bool) {
	s, ok := v.(string)
	return s, ok && len(s) <= max && validate.Text(s, false) == ""
}

func describeKey(k string) string {
	switch k {
	case "format":
		return "应为数字 1"
	case "programme":
		return "应为项目编号，如 shanxi-hightech-2019"
	case "applied_on":
		return "应为日期，如 2019-05-20"
	case "attachments":
		return `应为 {"附件编号": ["文件路径", …]}`
	}
	return "应为 JSON 对象 {…}"
}

func position(src []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i, b := range src {
		if int64(i) >= offset {
			break
		}
		if b == '\n' {
			line, col = line+1, 1
		} else if b < 0x80 || b >= 0xc0 {
			col++
		}
	}
	return line, col
}

// ReadFile reads and decodes the data file at path: only a regular file of at most
// fsafe.MaxDataFile bytes (a folder, a FIFO, /dev/zero or a link to one is refused at once,
// without reading). Messages are Chinese and ready to follow the path.
func ReadFile(path string) (*File, error) {
	src, err := fsafe.ReadRegular(path, fsafe.MaxDataFile)
	if err != nil {
		switch {
		case errors.Is(err, fsafe.ErrNotFound):
			return nil, fmt.Errorf("找不到数据文件")
		case errors.Is(err, fsafe.ErrNotRegular):
			return nil, fmt.Errorf("%w：%v，应为 .json 数据文件", ErrNotDataFile, err)
		}
		return nil, fmt.Errorf("%w：%v", ErrNotDataFile, err)
	}
	f, err := decode(src)
	if err == nil {
		if dir, aerr := filepath.Abs(filepath.Dir(path)); aerr == nil {
			f.Dir = dir
		} else {
			f.Dir = filepath.Dir(path)
		}
	}
	return f, err
}

// AppliedDate is applied_on, or today when the file leaves it out (CONTRACT.md). ok is false
// when applied_on is not a real date (ParseDate: 2019-05-20, 2019/5/20, 2019年5月20日 …).
func (f *File) AppliedDate(today time.Time) (t time.Time, ok bool) {
	if f.AppliedOn == "" {
		y, m, d := today.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return ParseDate(f.AppliedOn)
}

// MarshalJSON writes the file with the contract's keys first and unknown keys kept.
func (f *File) MarshalJSON() ([]byte, error) {
	type plain struct {
		Format     int            `json:"format"`
		Programme  string         `json:"programme"`
		AppliedOn  string         `json:"applied_on,omitempty"`
		Enterprise map[string]any `json:"enterprise"`
		Answers    map[string]any `json:"answers"`

		Attachments map[string][]string `json:"attachments,omitempty"`
	}
	b, err := json.Marshal(plain{f.Format, f.Programme, f.AppliedOn, f.Enterprise, f.Answers, f.Attachments})
	if err != nil || len(f.Unknown) == 0 {
		return b, err
	}
	extra, err := json.Marshal(f.Unknown)
	if err != nil {
		return nil, err
	}
	return append(append(b[:len(b)-1], ','), extra[1:]...), nil
}

// MaxAttachmentFiles bounds the files one attachment (and all of them) may name: a form holds
// a few scans per item.
const MaxAttachmentFiles = 200

// attachmentsOf reads the "attachments" object: each value a list of file paths (a single
// path is taken as a list of one).
func attachmentsOf(v any) (map[string][]string, bool) {
	if v == nil {
		return nil, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	out := make(map[string][]string, len(m))
	total := 0
	for id, files := range m {
		if s, one := files.(string); one {
			files = []any{s}
		}
		list, ok := files.([]any)
		if !ok || len(id) > 100 {
			return nil, false
		}
		paths := make([]string, 0, len(list))
		for _, p := range list {
			s, ok := shortText(p, 4096)
			if !ok || s == "" {
				return nil, false
			}
			paths = append(paths, s)
		}
		if total += len(paths); total > MaxAttachmentFiles {
			return nil, false
		}
		out[id] = paths
	}
	return out, true
}
