package dossier

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// careful is the careful reader alone (what decode did before the fast reader).
func careful(src []byte) (map[string]any, error) {
	if err := checkEncoding(src); err != nil {
		return nil, err
	}
	return parseTop(bytes.TrimPrefix(src, bom))
}

// sameAsCareful fails when the fast reader accepts src and the careful reader refuses it or
// reads other values.
func sameAsCareful(t *testing.T, src []byte) {
	t.Helper()
	fast, ok := fastParse(src)
	slow, err := careful(src)
	if !ok {
		return
	}
	if err != nil {
		t.Fatalf("fast reader accepts what the careful one refuses (%v):\n%q", err, src)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast reader reads %#v, careful %#v:\n%q", fast, slow, src)
	}
}

// The fast reader gives up on everything the careful reader refuses, and reads the same values
// from everything else: the demos, the bad-input corpus, and the strict reader's cases.
func TestFastReaderAgrees(t *testing.T) {
	var inputs [][]byte
	for _, glob := range []string{"../templates/*.demo.json", "../cmd/dossier/testdata/bad/*", "testdata/fuzz/FuzzDecode/*"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				inputs = append(inputs, b)
			}
		}
	}
	deep := strings.Repeat(`{"a":`, maxDepth-1) + "1" + strings.Repeat("}", maxDepth-1)
	for _, s := range []string{
		`{}`, ` {"a":1} `, "\xef\xbb\xbf{\"a\":1}", `{"a":"\ud83d\ude00","b":1e3,"c":-0.5E-2,"d":[],"e":{}}`,
		`{"a":"\ud83d"}`, `{"a":"\ude00"}`, `{"a":"\ud83d\u0041"}`, `{"a":1,"a":2}`, `{"a":{"b":1,"b":1}}`,
		`{"a":"x\"y\\z\/\b\f\n\r\t\u00e9\u0000"}`, `{"a\u0001":1}`, `{"` + strings.Repeat("k", 101) + `":1}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`, `{"a":+1}`, `{"a":tru}`, `{"a":nul}`,
		`{"a":1,}`, `{"a":[1,]}`, `{"a":1}x`, `{"a":1}{}`, `[1]`, `null`, ``, "{\"a\":\"\t\"}", "{\"a\":\"\xff\"}",
		"\xff\xfe{", "{\x00", `{'a':1}`, `{"a":1 "b":2}`, `{"a":[1 2]}`, `{"a" 1}`, `{"a":"x}`, `{"a":[`,
		`{"a":"\"\"x\"","b":"\\"}`, `{"a":"x\n\n\ny\"z\u0041\"","b":"\"}`, `{"a":"\n` + "\x01" + `"}`, `{"a":"\`,
		`{"a":"\"`, `{"a":"\n`, `{"a":"x\"}`, `{"\"k\"":1,"\"k\"":2}`, `{"k":1,"\u006b":2}`, `{"a":{"b":1},"c":{"b":1,"d":[{"b":1,"b":2}]}}`,
		"\xef\xbb\xbf{\r\n \"a\": \"x\",\r\n \"b\": [1,\r\n2]\r\n}\r\n", `{"employees":"１２３","money":"１，５００．００","t":"1500万"}`,
		`{"a":1e400,"b":123456789012345678901234567890,"c":-0.0,"d":2.5E+2,"e":1E-400}`, `{"a":true,"b":[{}],"c":{"d":null},"e":"abc"}`,
		deep, `{"x":` + deep + `}`, `{"a":[` + strings.Repeat("1,", maxArray) + `1]}`,
	} {
		inputs = append(inputs, []byte(s))
	}
	for _, src := range inputs {
		sameAsCareful(t, src)
	}
	demos, _ := filepath.Glob("../templates/*.demo.json")
	for _, name := range append(demos, "") {
		src := []byte(deep)
		if name != "" {
			src, _ = os.ReadFile(name)
		}
		if _, ok := fastParse(src); !ok {
			t.Errorf("the fast reader gives %s to the careful one", name)
		}
	}
}

// FuzzFastReader: on any input the fast reader agrees with the careful one.
func FuzzFastReader(f *testing.F) {
	f.Add([]byte(`{"format":1,"answers":{"a":"\ud83d\ude00","b":1e3,"c":[true,false,null]}}`))
	f.Fuzz(func(t *testing.T, src []byte) { sameAsCareful(t, src) })
}

// A decoded file keeps nothing of the bytes it was read from (the aggregate's workers read
// every file into the same buffer), interned keys included: scribbling over the input after
// decoding changes nothing.
func TestDecodeKeepsNothingOfItsInput(t *testing.T) {
	demos, _ := filepath.Glob("../templates/*.demo.json")
	if len(demos) == 0 {
		t.Fatal("no demos")
	}
	for _, name := range demos {
		src, _ := os.ReadFile(name)
		want, err := DecodeBytes(bytes.Clone(src))
		if err != nil {
			t.Fatal(err)
		}
		buf := bytes.Clone(src)
		got, err := DecodeBytes(buf)
		if err != nil {
			t.Fatal(err)
		}
		for i := range buf {
			buf[i] = 'x'
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the decoded file changed with its input", name)
		}
	}
}

// The key table stays bounded however many distinct keys files bring, and an interned key is
// the key read.
func TestInternedKeysAreBounded(t *testing.T) {
	p := &fastReader{keys: map[string]string{}}
	for i := range 3 * maxInterned {
		k := []byte("key" + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + strings.Repeat("y", i/100))
		if s, ok := p.internKey(k); !ok || s != string(k) {
			t.Fatalf("internKey(%q) = %q, %v", k, s, ok)
		}
	}
	if len(p.keys) > maxInterned {
		t.Errorf("%d keys kept, at most %d", len(p.keys), maxInterned)
	}
	for k := range p.keys {
		if len(k) > maxInternSize {
			t.Errorf("a key of %d bytes kept", len(k))
		}
	}
	// A key checkKey refuses is refused, and not kept: it is refused again the next time.
	bad := []byte("a\u200bb") // a zero-width space
	for range 2 {
		if _, ok := (&fastReader{keys: map[string]string{}}).internKey(bad); ok {
			t.Errorf("internKey accepts %q", bad)
		}
	}
	p = &fastReader{keys: map[string]string{}}
	p.internKey(bad)
	if len(p.keys) != 0 {
		t.Errorf("a refused key was kept: %q", p.keys)
	}
}

// printable's word-at-a-time test agrees with the byte loop: every byte value at every place
// of words and tails, and runs of Chinese text (bytes from 0x80 up).
func TestPrintable(t *testing.T) {
	slow := func(b []byte) bool {
		for _, c := range b {
			if c < 0x20 {
				return false
			}
		}
		return true
	}
	base := []byte("申报材料 abc~\x7f\xff\x80 0123456789")
	for n := 0; n <= len(base); n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := bytes.Clone(base[:n])
				b[at] = byte(c)
				if got, want := printable(b), slow(b); got != want {
					t.Fatalf("printable(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, 0x3f, 0x40, 0x7f, 0x80, 0x9f, 0xa0, 0xe0, 0xff}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		b := make([]byte, rnd.IntN(25))
		for i := range b {
			b[i] = edges[rnd.IntN(len(edges))]
		}
		if got, want := printable(b), slow(b); got != want {
			t.Fatalf("printable(%q) = %v, want %v", b, got, want)
		}
	}
}
