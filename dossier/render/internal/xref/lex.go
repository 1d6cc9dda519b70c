package xref

import (
	"bytes"
	"fmt"
	"strconv"
)

// The lexer knows PDF's token syntax (ISO 32000 7.2–7.3) well enough to find an object's
// references and a dictionary's entries: strings, names and comments are skipped as a whole,
// so that "(1 0 R)" is not a reference.

type kind int

const (
	kEOF kind = iota
	kRegular
	kName
	kString // a literal or hexadecimal string
	kOpen   // "[" or "<<"
	kClose  // "]" or ">>"
	kOther  // "{", "}", or a stray delimiter
)

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the token at or after i: its kind and span.
func next(b []byte, i int) (kind, int, int) {
	for i < len(b) {
		if isSpace(b[i]) {
			i++
			continue
		}
		if b[i] != '%' {
			break
		}
		for i < len(b) && b[i] != '\n' && b[i] != '\r' {
			i++
		}
	}
	if i >= len(b) {
		return kEOF, i, i
	}
	start := i
	switch c := b[i]; {
	case c == '(':
		return kString, start, literalEnd(b, i)
	case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
		if c == '<' {
			return kOpen, start, i + 2
		}
		return kClose, start, i + 2
	case c == '<':
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			return kString, start, len(b)
		}
		return kString, start, i + end + 1
	case c == '[':
		return kOpen, start, i + 1
	case c == ']':
		return kClose, start, i + 1
	case c == '/':
		i++
		for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
			i++
		}
		return kName, start, i
	case isDelim(c):
		return kOther, start, i + 1
	}
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return kRegular, start, i
}

// literalEnd is the end of the literal string opening at i: balanced parentheses, a
// backslash escaping the byte after it.
func literalEnd(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return len(b)
}

func unsigned(t []byte) (int, bool) {
	if len(t) == 0 || len(t) > 10 {
		return 0, false
	}
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(string(t))
	return n, err == nil
}

// Ref is an indirect reference "Num Gen R" at Start:End of the text it was found in.
type Ref struct {
	Num, Gen   int
	Start, End int
}

// Scan reads the object text obj ("num gen obj" and what follows) up to the end of its value
// (for a stream, its dictionary): it returns where the value starts and ends and the
// references in it, in order.
func Scan(obj []byte) (start, end int, refs []Ref, err error) {
	type tok struct {
		n     int // the token's value when it is an unsigned integer, else -1
		start int
	}
	var prev [2]tok // the two tokens before the current one
	for i, k := 0, 0; ; k++ {
		kd, s, e := next(obj, i)
		i = e
		word := obj[s:e]
		n, isNum := unsigned(word)
		switch {
		case kd == kEOF:
			return 0, 0, nil, fmt.Errorf("no endobj")
		case k < 3:
			if kd != kRegular || (k == 2) != bytes.Equal(word, []byte("obj")) || (k < 2 && !isNum) {
				return 0, 0, nil, fmt.Errorf("no object header")
			}
			start = e
			continue
		case kd != kRegular:
		case bytes.Equal(word, []byte("stream")), bytes.Equal(word, []byte("endobj")):
			return start, s, refs, nil
		case bytes.Equal(word, []byte("R")) && k > 4 && prev[0].n >= 0 && prev[1].n >= 0:
			refs = append(refs, Ref{Num: prev[0].n, Gen: prev[1].n, Start: prev[0].start, End: e})
		}
		if kd != kRegular || !isNum {
			n = -1
		}
		prev = [2]tok{prev[1], {n, s}}
	}
}

// valueEnd is the end of the object value whose first token is at i (a dictionary or an
// array to its closing bracket, a reference "n g R" whole).
func valueEnd(b []byte, i int) (int, bool) {
	kd, s, e := next(b, i)
	switch kd {
	case kEOF, kClose:
		return 0, false
	case kOpen:
		for depth := 1; depth > 0; {
			kd, _, e = next(b, e)
			switch kd {
			case kEOF:
				return 0, false
			case kOpen:
				depth++
			case kClose:
				depth--
			}
		}
		return e, true
	case kRegular:
		if _, ok := unsigned(b[s:e]); !ok {
			return e, true
		}
		k2, s2, e2 := next(b, e)
		k3, s3, e3 := next(b, e2)
		if _, ok := unsigned(b[s2:e2]); ok && k2 == kRegular && k3 == kRegular && string(b[s3:e3]) == "R" {
			return e3, true
		}
	}
	return e, true
}

// Entry is where a dictionary's entry is: its key at Key, its value at Value:End.
type Entry struct{ Key, Value, End int }

// DictEntry finds the entry key (without its slash) of the dictionary whose "<<" is the first
// token of dict.
func DictEntry(dict []byte, key string) (Entry, bool) {
	kd, _, i := next(dict, 0)
	if kd != kOpen || i < 2 {
		return Entry{}, false
	}
	for {
		kd, s, e := next(dict, i)
		if kd != kName {
			return Entry{}, false // ">>" or a malformed dictionary
		}
		end, ok := valueEnd(dict, e)
		if !ok {
			return Entry{}, false
		}
		if string(dict[s+1:e]) == key {
			_, vs, _ := next(dict, e)
			return Entry{Key: s, Value: vs, End: end}, true
		}
		i = end
	}
}

// DictValue is the text of dict's entry key.
func DictValue(dict []byte, key string) ([]byte, bool) {
	en, ok := DictEntry(dict, key)
	if !ok {
		return nil, false
	}
	return dict[en.Value:en.End], true
}

// RefValue reads a reference "n g R" (the whole of v).
func RefValue(v []byte) (num, gen int, ok bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return 0, 0, false
	}
	num, ok1 := unsigned(f[0])
	gen, ok2 := unsigned(f[1])
	return num, gen, ok1 && ok2
}
