package dossier

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// The fast reader: one pass over a sound data file that checks what the careful reader
// (jsonread.go, after checkEncoding) checks and builds the same values, without
// encoding/json's token machinery, which parsed the file about four times. It gives up (ok
// false) at the first thing it does not like — bad UTF-8, a lone surrogate, a syntax error, a
// duplicate or bad key, a limit — and the careful reader then finds the problem and words it,
// so messages are exactly what they were; a sound file never takes the second pass.

var bom = []byte("\xef\xbb\xbf")

type fastReader struct {
	src     []byte
	i       int
	values  int
	buf     []byte            // unescaping scratch
	keys    map[string]string // interned keys (internKey)
	members []member          // the members of the objects being read (object)
}

// Keys are interned: the data files of one programme use the same hundred-odd keys, and a
// string for every key of every file was a fifth of the reader's allocations. The tables
// are pooled (one per reader at a time, no lock) and bounded, so odd files cannot grow them.
const (
	maxInterned   = 1024 // keys per table
	maxInternSize = 64   // bytes per key
)

// scratch is what a reader keeps for the next: its key table and its buffers.
type scratch struct {
	keys    map[string]string
	members []member
	buf     []byte
}

var scratches = sync.Pool{New: func() any { return &scratch{keys: make(map[string]string, 256)} }}

// Buffers larger than these (a file with a huge text or object) are not kept.
const (
	maxKeptBuf     = 64 << 10
	maxKeptMembers = 4096
)

// internKey is string(b) for a key without escapes, shared with earlier files' equal keys;
// ok is false when checkKey refuses it. Only keys checkKey accepts are kept, so a key found in
// the table is not checked again.
func (p *fastReader) internKey(b []byte) (string, bool) {
	if s, ok := p.keys[string(b)]; ok { // no allocation: the compiler looks b up in place
		return s, true
	}
	s := string(b)
	if checkKey(s) != "" {
		return "", false
	}
	if len(b) <= maxInternSize && len(p.keys) < maxInterned {
		p.keys[s] = s
	}
	return s, true
}

// key reads an object's key whose opening quote has been read, refusing what checkKey refuses.
func (p *fastReader) key() (string, bool) {
	start := p.i
	if end := bytes.IndexByte(p.src[start:], '"'); end >= 0 {
		if run := p.src[start : start+end]; bytes.IndexByte(run, '\\') < 0 && printable(run) {
			p.i = start + end + 1
			return p.internKey(run)
		}
	}
	k, ok := p.str() // with escapes, or a problem str gives up on
	return k, ok && checkKey(k) == ""
}

// fastParse returns the top-level object of src, or ok false to hand it to the careful reader.
func fastParse(src []byte) (top map[string]any, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	sc := scratches.Get().(*scratch)
	p := &fastReader{src: bytes.TrimPrefix(src, bom), keys: sc.keys, members: sc.members[:0], buf: sc.buf[:0]}
	defer func() {
		if cap(p.buf) <= maxKeptBuf {
			sc.buf = p.buf[:0]
		}
		if cap(p.members) <= maxKeptMembers {
			sc.members = p.members[:0]
		}
		scratches.Put(sc)
	}()
	p.space()
	if !p.next('{') {
		return nil, false
	}
	top, ok = p.object(1)
	p.space()
	return top, ok && p.i == len(p.src)
}

func (p *fastReader) space() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next consumes c if it is the next byte.
func (p *fastReader) next(c byte) bool {
	if p.i < len(p.src) && p.src[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object reads the members of an object whose '{' has been read, at nesting depth depth. The
// members are gathered on the reader's stack and the map made at the end, at its size
// (growing it member by member was a fifth of the reader); a duplicate key is found then.
func (p *fastReader) object(depth int) (map[string]any, bool) {
	p.space()
	if p.next('}') {
		return map[string]any{}, true
	}
	base := len(p.members)
	defer func() { clear(p.members[base:]); p.members = p.members[:base] }()
	for {
		p.space()
		if !p.next('"') {
			return nil, false
		}
		key, ok := p.key()
		if !ok {
			return nil, false
		}
		p.space()
		if !p.next(':') {
			return nil, false
		}
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		p.members = append(p.members, member{key, v})
		p.space()
		if p.next('}') {
			return p.objectOf(p.members[base:])
		}
		if !p.next(',') {
			return nil, false
		}
	}
}

// member is one key and value of an object being read.
type member struct {
	key string
	val any
}

// objectOf makes the map of an object's members, or ok false on a duplicate key.
func (p *fastReader) objectOf(members []member) (map[string]any, bool) {
	m := make(map[string]any, len(members))
	for _, kv := range members {
		if _, dup := m[kv.key]; dup {
			return nil, false
		}
		m[kv.key] = kv.val
	}
	return m, true
}

// array reads the elements of an array whose '[' has been read.
func (p *fastReader) array(depth int) ([]any, bool) {
	list := []any{}
	p.space()
	if p.next(']') {
		return list, true
	}
	for {
		if len(list) >= maxArray {
			return nil, false
		}
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		list = append(list, v)
		p.space()
		if p.next(']') {
			return list, true
		}
		if !p.next(',') {
			return nil, false
		}
	}
}

// value reads one value inside a container at depth depth (the careful reader's rule: a
// container may open while depth < maxDepth).
func (p *fastReader) value(depth int) (any, bool) {
	p.values++
	if p.values > maxValues {
		return nil, false
	}
	p.space()
	if p.i >= len(p.src) {
		return nil, false
	}
	switch c := p.src[p.i]; c {
	case '{', '[':
		if depth >= maxDepth {
			return nil, false
		}
		p.i++
		if c == '{' {
			return p.object(depth + 1)
		}
		return p.array(depth + 1)
	case '"':
		p.i++
		return p.str()
	case 't':
		return true, p.literal("true")
	case 'f':
		return false, p.literal("false")
	case 'n':
		return nil, p.literal("null")
	}
	return p.number()
}

func (p *fastReader) literal(word string) bool {
	if !bytes.HasPrefix(p.src[p.i:], []byte(word)) {
		return false
	}
	p.i += len(word)
	return true
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? as a json.Number.
func (p *fastReader) number() (any, bool) {
	start := p.i
	p.next('-')
	switch {
	case p.next('0'):
	case p.digits() == 0:
		return nil, false
	}
	if p.next('.') && p.digits() == 0 {
		return nil, false
	}
	if p.next('e') || p.next('E') {
		if !p.next('+') {
			p.next('-')
		}
		if p.digits() == 0 {
			return nil, false
		}
	}
	return json.Number(p.src[start:p.i]), true
}

func (p *fastReader) digits() int {
	start := p.i
	for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

// str reads a string whose opening quote has been read. The closing quote and a backslash are
// found with bytes.IndexByte (vectorised); the run before them is checked for control
// characters in a loop that tests nothing else.
func (p *fastReader) str() (string, bool) {
	start := p.i
	end := bytes.IndexByte(p.src[start:], '"')
	if end < 0 {
		return "", false
	}
	run := p.src[start : start+end]
	if bs := bytes.IndexByte(run, '\\'); bs >= 0 {
		if !printable(run[:bs]) {
			return "", false
		}
		p.i = start + bs
		return p.escaped(start)
	}
	if !printable(run) {
		return "", false
	}
	p.i = start + end + 1
	return string(run), true
}

// printable reports whether b holds no control character (below U+0020), which JSON forbids
// unescaped inside a string.
func printable(b []byte) bool {
	// Eight bytes at a time: (x - 0x20…20) & ^x & 0x80…80 is not zero exactly when a byte of
	// x is below 0x20 ("hasless", Bit Twiddling Hacks).
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if (x-0x2020202020202020)&^x&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 {
			return false
		}
	}
	return true
}

// escaped finishes a string with escapes, from start (after the quote) with p.i at the first
// backslash. The runs between escapes are found as str finds them (bytes.IndexByte); the
// closing quote is looked for again only after an escaped quote.
func (p *fastReader) escaped(start int) (string, bool) {
	b := append(p.buf[:0], p.src[start:p.i]...)
	q := -1 // the first quote at or after p.i
	for p.i < len(p.src) {
		if q < p.i {
			n := bytes.IndexByte(p.src[p.i:], '"')
			if n < 0 {
				return "", false
			}
			q = p.i + n
		}
		end := q
		if n := bytes.IndexByte(p.src[p.i:q], '\\'); n >= 0 {
			end = p.i + n
		}
		if !printable(p.src[p.i:end]) {
			return "", false
		}
		b = append(b, p.src[p.i:end]...)
		p.i = end
		if p.src[p.i] == '"' {
			p.i++
			p.buf = b[:0]
			return string(b), true
		}
		if p.i+1 >= len(p.src) {
			return "", false
		}
		p.i += 2
		switch e := p.src[p.i-1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.unicode()
			if !ok {
				return "", false
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}

// unicode reads the XXXX of a \uXXXX escape (and the low half of a surrogate pair); a lone
// surrogate is refused, as checkEncoding refuses it.
func (p *fastReader) unicode() (rune, bool) {
	r, ok := hex4(p.src, p.i)
	if !ok {
		return 0, false
	}
	p.i += 4
	if r < 0xD800 || r > 0xDFFF {
		return r, true
	}
	if r > 0xDBFF || !bytes.HasPrefix(p.src[p.i:], []byte(`\u`)) {
		return 0, false
	}
	low, ok := hex4(p.src, p.i+2)
	if !ok || low < 0xDC00 || low > 0xDFFF {
		return 0, false
	}
	p.i += 6
	return utf16.DecodeRune(r, low), true
}
