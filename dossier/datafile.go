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
	"os"
	"time"
)

// FormatVersion is the data file format this build writes and reads.
const FormatVersion = 1

// File is a data file as CONTRACT.md defines it. Enterprise and Answers stay raw (JSON values
// decoded with UseNumber) until a programme types and checks them, so that every problem can be
// reported at once and nothing the user wrote is lost on a round trip.
type File struct {
	Format     int            `json:"format"`
	Programme  string         `json:"programme"`
	AppliedOn  string         `json:"applied_on,omitempty"`
	Enterprise map[string]any `json:"enterprise"`
	Answers    map[string]any `json:"answers"`
	// Unknown holds top-level keys this version does not know, kept for the round trip.
	Unknown map[string]json.RawMessage `json:"-"`
}

// ErrNotDataFile is wrapped by Decode for input that is not a data file at all.
var ErrNotDataFile = errors.New("不是有效的数据文件")

// Decode reads a data file. Syntax errors name the line and column, in Chinese.
func Decode(r io.Reader) (*File, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("读取数据文件失败：%w", err)
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fmt.Errorf("%w：文件为空", ErrNotDataFile)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(src, &top); err != nil {
		return nil, fmt.Errorf("%w：%s", ErrNotDataFile, jsonErrMsg(src, err))
	}
	f := &File{Format: FormatVersion, Unknown: map[string]json.RawMessage{}}
	for k, raw := range top {
		var err error
		switch k {
		case "format":
			err = json.Unmarshal(raw, &f.Format)
		case "programme":
			err = json.Unmarshal(raw, &f.Programme)
		case "applied_on":
			err = json.Unmarshal(raw, &f.AppliedOn)
		case "enterprise":
			f.Enterprise, err = object(raw)
		case "answers":
			f.Answers, err = object(raw)
		default:
			f.Unknown[k] = raw
		}
		if err != nil {
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

func describeKey(k string) string {
	switch k {
	case "format":
		return "应为数字 1"
	case "programme", "applied_on":
		return "应为文字"
	}
	return "应为 JSON 对象 {…}"
}

func object(raw json.RawMessage) (map[string]any, error) {
	if string(bytes.TrimSpace(raw)) == "null" {
		return map[string]any{}, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

func jsonErrMsg(src []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(src, se.Offset)
		return fmt.Sprintf("JSON 格式错误，第 %d 行第 %d 列附近（%s）", line, col, se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "最外层应为 JSON 对象 {…}"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || len(bytes.TrimSpace(src)) == 0 {
		return "文件为空或不完整"
	}
	return err.Error()
}

func position(src []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i, b := range src {
		if int64(i) >= offset-1 {
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

// ReadFile opens and decodes a data file.
func ReadFile(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("找不到数据文件 %s", path)
		}
		return nil, fmt.Errorf("无法打开数据文件 %s：%w", path, err)
	}
	defer fh.Close()
	return Decode(fh)
}

// AppliedDate is applied_on, or today when the file leaves it out (CONTRACT.md). ok is false
// when applied_on is not a real YYYY-MM-DD date.
func (f *File) AppliedDate(today time.Time) (t time.Time, ok bool) {
	if f.AppliedOn == "" {
		y, m, d := today.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	t, err := time.Parse("2006-01-02", f.AppliedOn)
	return t, err == nil
}

// MarshalJSON writes the file with the contract's keys first and unknown keys kept.
func (f *File) MarshalJSON() ([]byte, error) {
	type plain struct {
		Format     int            `json:"format"`
		Programme  string         `json:"programme"`
		AppliedOn  string         `json:"applied_on,omitempty"`
		Enterprise map[string]any `json:"enterprise"`
		Answers    map[string]any `json:"answers"`
	}
	b, err := json.Marshal(plain{f.Format, f.Programme, f.AppliedOn, f.Enterprise, f.Answers})
	if err != nil || len(f.Unknown) == 0 {
		return b, err
	}
	extra, err := json.Marshal(f.Unknown)
	if err != nil {
		return nil, err
	}
	return append(append(b[:len(b)-1], ','), extra[1:]...), nil
}
