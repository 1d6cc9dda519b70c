package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, in := range []string{"2019-05-20", "2019-5-20", "2019/5/20", "2019.5.20", "2019年5月20日", "2019年05月20日",
		"２０１９－０５－２０", " 2019-05-20 ", "2019年5月20"} {
		d, ok := ParseDate(in)
		if !ok || d.Format("2006-01-02") != "2019-05-20" {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, ok)
		}
	}
	for _, in := range []string{"", "0001-01-01", "2019-02-30", "2019-13-01", "19-5-20", "2019-5", "2019-5-20-1",
		"2019年5日20月", "20190520", "2019--5-20", "2019-005-20", "2019-5-20x", "9999-01-01", "2019月5年20日"} {
		if d, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want refused", in, d)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	cases := map[string]string{
		"":                   "文件为空",
		"null":               "null",
		"[1,2]":              "数组",
		"3":                  "数字",
		`"x"`:                "文字",
		"\xff\xfe{\x00}\x00": "请另存为 UTF-8",
		"\xfe\xff\x00{\x00}": "请另存为 UTF-8",
		"{\x00\"\x00}":       "请另存为 UTF-8",
		"{\"format\":1,\"programme\":\"\xb0\xa1\"}":   "第 1 行第 26 列（第 26 字节）不是有效的 UTF-8",
		`{"format":1,"answers":{"a":"\ud800"}}`:       "第 1 行第 29 列：转义“\\ud800”是不成对的代理码位",
		`{"format":1,"answers":{"a":"\udc00x"}}`:      "不成对",
		`{"format":1,"answers":{"a":"\ud800\u0041"}}`: "不成对",
		`{"format":"1"}`: "“format”的类型不对",
		`{"format":1.5}`: "“format”的类型不对",
		"{\"format\":1,\n\"enterprise\":{\"name\":\"a\"},\n\"enterprise\":{}}": "第 3 行第 1 列：“enterprise”重复出现（第一次在第 2 行）",
		"{\"format\":1,\"answers\":{\"x\":1,\n \"x\":2}}":                      "第 2 行第 2 列：“answers.x”重复出现（第一次在第 1 行）",
		`{"format":1,"enterprise":{"finance":[{"year":1,"year":2}]}}`:          "“enterprise.finance[0].year”重复出现",
		`{"format":1,"answers":{"a\u001b[2J":1}}`:                              "字段名“a\\u001B[2J”",
		`{"format":1,}`: "JSON 格式错误（此处为“}”：前面多了一个逗号）",
		"{\"format\":1,\n\"answers\":{\"a\":\"赵\x07\"}}": "第 2 行第 18 列：JSON 格式错误：此处是不可见的控制字符（U+0007），请删除",
		`{"format":1`:            "文件不完整",
		`{'format':1}`:           "单引号",
		`{"format":1} {}`:        "多余的内容",
		strings.Repeat("[", 100): "数组",
		`{"format":1,"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`: "嵌套层数过多",
		`{"format":1,"answers":{"t":[` + strings.Repeat("{},", 20000) + `{}]}}`:        "“answers.t”的列表超过 10000 项",
	}
	for src, want := range cases {
		_, err := decode([]byte(src))
		if err == nil || !errors.Is(err, ErrNotDataFile) || !strings.Contains(err.Error(), want) {
			t.Errorf("decode(%.60q) = %v, want it to mention %q", src, err, want)
		}
	}
}

func TestDecodeAccepts(t *testing.T) {
	src := "\xef\xbb\xbf{\"format\": 1, \"programme\": \"p\", \"x\": {\"a\": 1e3},\n" +
		`"answers": {"n": 1.5E2, "s": "𠮷\ud842\udfb7", "t": [{"a": 1}, {"a": 2}]}, "enterprise": null}`
	f, err := decode([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != 1 || f.Programme != "p" || f.Answers["s"] != "𠮷𠮷" || len(f.Enterprise) != 0 {
		t.Errorf("decoded %+v", f)
	}
	if n := f.Answers["n"]; n == nil || n.(interface{ String() string }).String() != "1.5E2" {
		t.Errorf("n = %v", n)
	}
	if string(f.Unknown["x"]) != `{"a":1e3}` {
		t.Errorf("unknown kept as %s", f.Unknown["x"])
	}
}

func TestMissingFormatAssumed(t *testing.T) {
	f, err := decode([]byte(`{"programme":"x"}`))
	if err != nil || f.Format != FormatVersion || !f.FormatAssumed {
		t.Fatalf("decode without format = %+v, %v", f, err)
	}
	if f, err := decode([]byte(`{"format":1}`)); err != nil || f.FormatAssumed {
		t.Fatalf("decode with format = %+v, %v", f, err)
	}
}

func TestReadFileRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Skip(err)
	}
	for path, want := range map[string]string{dir: "是文件夹", link: "是设备文件", "/dev/zero": "是设备文件",
		filepath.Join(dir, "none.json"): "找不到数据文件"} {
		_, err := ReadFile(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v, want %q", path, err, want)
		}
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, 17<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(big); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("17 MB: %v", err)
	}
}

// BenchmarkDecodeLarge: a 15 MB data file (long texts, many rows) decodes in linear time.
func BenchmarkDecodeLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"format":1,"answers":{"t":[`)
	for i := 0; i < 9000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"a":1.5,"b":"` + strings.Repeat("研", 500) + `","c":true}`)
	}
	sb.WriteString(`]}}`)
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := decode(src); err != nil {
			b.Fatal(err)
		}
	}
}

// attachments: an object of file lists (a single path is a list of one); any other shape is
// not a data file; it survives a round trip, and ReadFile records the file's folder.
func TestAttachmentsInDataFile(t *testing.T) {
	f, err := Decode(strings.NewReader(`{"format": 1, "programme": "x", "attachments": {"licence": ["附件/营业执照.pdf", "b.jpg"], "audit": "审计.pdf"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Attachments["licence"]) != 2 || f.Attachments["audit"][0] != "审计.pdf" || len(f.Unknown) != 0 {
		t.Fatalf("attachments = %v, unknown %v", f.Attachments, f.Unknown)
	}
	b, _ := json.Marshal(f)
	g, err := Decode(bytes.NewReader(b))
	if err != nil || len(g.Attachments["licence"]) != 2 || g.Attachments["licence"][0] != "附件/营业执照.pdf" {
		t.Errorf("round trip: %v %v\n%s", g.Attachments, err, b)
	}
	for _, bad := range []string{`[]`, `{"licence": [1]}`, `{"licence": [""]}`, `{"licence": {"a": "b"}}`, `"x.pdf"`} {
		if _, err := Decode(strings.NewReader(`{"format": 1, "attachments": ` + bad + `}`)); err == nil || !strings.Contains(err.Error(), "attachments") {
			t.Errorf("attachments %s: %v", bad, err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "d.json")
	os.WriteFile(path, b, 0o644)
	if f, err := ReadFile(path); err != nil || f.Dir != dir {
		t.Errorf("ReadFile: Dir %q, want %q (%v)", f.Dir, dir, err)
	}
}
