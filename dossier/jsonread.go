package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"dossier/dossier/validate"
)

// Limits of the JSON reader beyond the file size: what a form can hold is far less, and these
// keep a hostile file (a million rows, nesting a thousand deep) cheap to refuse.
const (
	maxDepth    = 32      // nesting of objects and arrays
	maxArray    = 10_000  // elements of one array (a table's rows: templates allow far fewer)
	maxValues   = 500_000 // values in the whole file
	maxKeyChars = 100     // characters of an object key
)

// reader walks a JSON document token by token, building the values (numbers as json.Number)
// and refusing what encoding/json would let pass silently: duplicate keys (the last would
// win), keys with control characters, and documents too deep or too large for a form.
type reader struct {
	src    []byte
	d      *json.Decoder
	values int
}

// parseError is a problem at a byte offset of the source.
type parseError struct {
	offset int64
	msg    string
}

func (e *parseError) Error() string { return e.msg }

func (rd *reader) fail(offset int64, format string, args ...any) error {
	line, col := position(rd.src, offset)
	return &parseError{offset, fmt.Sprintf("第 %d 行第 %d 列：", line, col) + fmt.Sprintf(format, args...)}
}

// value reads one value whose first token is tok, at nesting depth depth, under path.
func (rd *reader) value(tok json.Token, depth int, path string) (any, error) {
	rd.values++
	if rd.values > maxValues {
		return nil, rd.fail(rd.d.InputOffset(), "内容过多（超过 %d 项），不是一份申报材料的数据", maxValues)
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, rd.fail(rd.d.InputOffset(), "嵌套层数过多（超过 %d 层）", maxDepth)
		}
		if t == '{' {
			return rd.object(depth+1, path)
		}
		return rd.array(depth+1, path)
	}
	return tok, nil
}

func (rd *reader) object(depth int, path string) (map[string]any, error) {
	m := map[string]any{}
	seen := map[string]int64{}
	for {
		start := rd.d.InputOffset()
		tok, err := rd.d.Token()
		if err != nil {
			return nil, err
		}
		if tok == json.Delim('}') {
			return m, nil
		}
		key, _ := tok.(string)
		keyPath := join(path, key)
		if msg := checkKey(key); msg != "" {
			return nil, rd.fail(start, "字段名“%s”%s", clip(key), msg)
		}
		if first, dup := seen[key]; dup {
			line, _ := position(rd.src, first)
			return nil, rd.fail(skipSpace(rd.src, start), "“%s”重复出现（第一次在第 %d 行），同一个字段只能写一次，请删除或合并其中一个", keyPath, line)
		}
		seen[key] = skipSpace(rd.src, start) // lines are counted only for a message: O(n) each
		tok, err = rd.d.Token()
		if err != nil {
			return nil, err
		}
		v, err := rd.value(tok, depth, keyPath)
		if err != nil {
			return nil, err
		}
		m[key] = v
	}
}

func (rd *reader) array(depth int, path string) ([]any, error) {
	list := []any{}
	for {
		tok, err := rd.d.Token()
		if err != nil {
			return nil, err
		}
		if tok == json.Delim(']') {
			return list, nil
		}
		if len(list) >= maxArray {
			return nil, rd.fail(rd.d.InputOffset(), "“%s”的列表超过 %d 项，不是表格能容纳的行数", path, maxArray)
		}
		v, err := rd.value(tok, depth, fmt.Sprintf("%s[%d]", path, len(list)))
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
}

func checkKey(k string) string {
	if utf8.RuneCountInString(k) > maxKeyChars {
		return fmt.Sprintf("过长（超过 %d 个字符）", maxKeyChars)
	}
	if msg := validate.Text(k, false); msg != "" {
		return msg
	}
	return ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// clip shortens text quoted back in a message and makes control characters visible.
func clip(s string) string { return validate.Quote(s) }

func skipSpace(src []byte, off int64) int64 {
	for off < int64(len(src)) {
		switch src[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// parseTop reads the whole document, which must be one JSON object.
func parseTop(src []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	rd := &reader{src: src, d: d}
	tok, err := d.Token()
	if err != nil {
		return nil, rd.syntax(err)
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("最外层应为 JSON 对象 {…}，现为%s；数据文件的格式见 dossier demo 的输出", kindOfToken(tok))
	}
	top, err := rd.object(1, "")
	if err != nil {
		return nil, rd.syntax(err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, rd.fail(d.InputOffset(), "最外层对象结束后还有多余的内容（一个文件只能有一份数据）")
	}
	return top, nil
}

func kindOfToken(tok json.Token) string {
	switch t := tok.(type) {
	case nil:
		return " null（空值）"
	case json.Delim:
		if t == '[' {
			return "数组 […]"
		}
	case json.Number:
		return "数字"
	case string:
		return "文字"
	case bool:
		return "真假值"
	}
	return "其他内容"
}

// syntax turns a decoder error into a Chinese message with the line and column.
func (rd *reader) syntax(err error) error {
	var pe *parseError
	if errors.As(err, &pe) {
		return err
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Token's offsets are approximate; the validating scanner behind Unmarshal reports the
		// offending byte exactly (as the count of bytes read including it).
		var raw json.RawMessage
		if err := json.Unmarshal(rd.src, &raw); errors.As(err, &se) && se.Offset > 0 {
			return rd.fail(se.Offset-1, "JSON 格式错误%s", near(rd.src, se.Offset-1))
		}
		off := se.Offset
		return rd.fail(off, "JSON 格式错误%s", near(rd.src, off))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("文件不完整（JSON 在结束前中断，缺少 } 或 ]？）")
	}
	return fmt.Errorf("JSON 格式错误")
}

// near names the character at off ("此处为“x”").
func near(src []byte, off int64) string {
	if off < 0 || off >= int64(len(src)) {
		return "（文件意外结束）"
	}
	c, _ := utf8.DecodeRune(src[off:])
	switch c {
	case '\'':
		return "（此处为单引号“'”：JSON 的文字须用英文双引号 \"…\"）"
	case '“', '”':
		return "（此处为中文引号：JSON 的文字须用英文双引号 \"…\"）"
	case '}', ']':
		if prev := bytes.TrimRight(src[:off], " \t\r\n"); bytes.HasSuffix(prev, []byte(",")) {
			return "（此处为“" + string(c) + "”：前面多了一个逗号）"
		}
	case '\n', '\r', '\t':
		return "（文字中不能直接换行或有制表符，请写成 \\n 或 \\t）"
	default:
		if c < 0x20 { // JSON allows no raw control character in a string
			return "：此处" + validate.Char(c) + "（常见于从微信、网页或 Word 粘贴的文字）"
		}
	}
	return "（此处为“" + clip(string(c)) + "”）"
}
