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
	i = skipBlank(b, i)
	if i >= len(b) {
		return kEOF, i, i
	}
	switch c := b[i]; c {
	case '(':
		return kString, i, literalEnd(b, i)
	case '<', '>':
		return angle(b, i)
	case '[':
		return kOpen, i, i + 1
	case ']':
		return kClose, i, i + 1
	case '/':
		return kName, i, regularEnd(b, i+1)
	}
	if isDelim(b[i]) {
		return kOther, i, i + 1
	}
	return kRegular, i, regularEnd(b, i)
}

// skipBlank skips white space and comments from i.
func skipBlank(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// regularEnd is the end of the run of regular characters from i.
func regularEnd(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// angle is the token at i that starts with '<' or '>': a dictionary's bracket, a
// hexadecimal string, or a stray '>'.
func angle(b []byte, i int) (kind, int, int) {
	double := i+1 < len(b) && b[i+1] == b[i]
	switch {
	case double && b[i] == '<':
		return kOpen, i, i + 2
	case double:
		return kClose, i, i + 2
	case b[i] == '>':
		return kOther, i, i + 1
	}
	end := bytes.IndexByte(b[i:], '>')
	if end < 0 {
		return kString, i, len(b)
	}
	return kString, i, i + end + 1
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
	start, err = header(obj)
	if err != nil {
		return 0, 0, nil, err
	}
	// prev are the values of the two tokens before the current one when they are unsigned
	// integers (else -1), and where the first of them starts.
	prev, first := [2]int{-1, -1}, [2]int{}
	for i := start; ; {
		kd, s, e := next(obj, i)
		i = e
		word := obj[s:e]
		n, isNum := unsigned(word)
		switch {
		case kd == kEOF:
			return 0, 0, nil, fmt.Errorf("no endobj")
		case kd != kRegular:
		case string(word) == "stream", string(word) == "endobj":
			return start, s, refs, nil
		case string(word) == "R" && prev[0] >= 0 && prev[1] >= 0:
			refs = append(refs, Ref{Num: prev[0], Gen: prev[1], Start: first[0], End: e})
		}
		if kd != kRegular || !isNum {
			n = -1
		}
		prev, first = [2]int{prev[1], n}, [2]int{first[1], s}
	}
}

// header reads "num gen obj" at the start of obj and returns where it ends.
func header(obj []byte) (int, error) {
	i := 0
	for k := 0; k < 3; k++ {
		kd, s, e := next(obj, i)
		_, isNum := unsigned(obj[s:e])
		if kd != kRegular || (k < 2 && !isNum) || (k == 2 && string(obj[s:e]) != "obj") {
			return 0, fmt.Errorf("no object header")
		}
		i = e
	}
	return i, nil
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
