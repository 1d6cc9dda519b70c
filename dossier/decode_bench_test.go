package dossier

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"dossier/templates"
)

// BenchmarkDecode: one shipped demo data file, what the aggregate reads per input (plain
// UTF-8, as our tool and users write files).
func BenchmarkDecode(b *testing.B) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.demo.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEscaped: the same file with every non-ASCII character written as a \u escape
// (Python's json.dump without ensure_ascii=False): the fast reader's escape path.
func BenchmarkDecodeEscaped(b *testing.B) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.demo.json")
	if err != nil {
		b.Fatal(err)
	}
	src = asciiEscaped(src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(src); err != nil {
			b.Fatal(err)
		}
	}
}

// asciiEscaped writes every non-ASCII character of a JSON text as \uXXXX (a surrogate pair
// beyond the BMP); non-ASCII characters only occur inside strings.
func asciiEscaped(src []byte) []byte {
	var out strings.Builder
	for _, r := range string(src) {
		switch {
		case r < 0x80:
			out.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&out, `\u%04x`, r)
		}
	}
	return []byte(out.String())
}

// TestDecodeEscapedSame: the escaped file decodes to what the plain one does, and DecodeBytes
// to what Decode does.
func TestDecodeEscapedSame(t *testing.T) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.demo.json")
	if err != nil {
		t.Fatal(err)
	}
	esc := asciiEscaped(src)
	if bytes.Equal(esc, src) || bytes.ContainsFunc(esc, func(r rune) bool { return r >= 0x80 }) {
		t.Fatal("the escaped file is not pure ASCII with escapes")
	}
	plain, err := Decode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]func() (*File, error){
		"escaped":     func() (*File, error) { return decode(esc) },
		"DecodeBytes": func() (*File, error) { return DecodeBytes(src) },
	} {
		f, err := got()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fmt.Sprint(f.Enterprise, f.Answers, f.Attachments) != fmt.Sprint(plain.Enterprise, plain.Answers, plain.Attachments) {
			t.Errorf("%s: decodes to something else", name)
		}
	}
	if _, err := DecodeBytes(make([]byte, 17<<20)); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("DecodeBytes of 17 MB: %v", err)
	}
}
