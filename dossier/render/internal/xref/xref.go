// Package xref reads and writes PDF files laid out with a classic cross-reference table (no
// cross-reference or object streams, no incremental updates): where each object starts and
// ends, the trailer, the indirect references inside an object, and a new table for objects
// written anew. It is the one reader of that layout for the renderers: package pdf rewrites
// fpdf's output with it, package bind canonicalises pdfcpu's.
package xref

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// Object is one object in use, as the table lists it.
type Object struct {
	Num, Gen int
	// Off is where "Num Gen obj" starts; End where the next object (or the table) starts.
	Off, End int
}

// File is a PDF read through its cross-reference table.
type File struct {
	// Objects are the objects in use, in the order they appear in the file.
	Objects []Object
	// At is the offset of the table ("xref").
	At int
	// Trailer is the trailer dictionary's bytes, from "trailer" up to "startxref".
	Trailer []byte
}

var startXRef = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// Read reads b's cross-reference table: one or more subsections, free entries allowed. Every
// object in use must start, at the offset given, with its number and generation and "obj".
// A file whose trailer has /Prev, /XRefStm or /Encrypt is refused.
func Read(b []byte) (*File, error) {
	m := startXRef.FindSubmatchIndex(b)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	at, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	if at <= 0 || at >= m[0] || !bytes.HasPrefix(b[at:], []byte("xref")) {
		return nil, fmt.Errorf("no xref table at %d", at)
	}
	objs, i, err := entries(b, at)
	if err != nil {
		return nil, err
	}
	trailer := b[i:m[0]]
	if !bytes.HasPrefix(trailer, []byte("trailer")) {
		return nil, fmt.Errorf("no trailer after the xref table")
	}
	for _, key := range []string{"Prev", "XRefStm", "Encrypt"} {
		if _, ok := DictValue(trailer[len("trailer"):], key); ok {
			return nil, fmt.Errorf("trailer has /%s", key)
		}
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Off < objs[j].Off })
	for k := range objs {
		objs[k].End = at
		if k+1 < len(objs) {
			objs[k].End = objs[k+1].Off
		}
		if objs[k].Off == objs[k].End {
			return nil, fmt.Errorf("objects %d and %d at the same offset", objs[k].Num, objs[k+1].Num)
		}
	}
	return &File{Objects: objs, At: at, Trailer: trailer}, nil
}

// entries reads the subsections of the table at at, returning the objects in use and where
// the table ends.
func entries(b []byte, at int) ([]Object, int, error) {
	i := skipSpace(b, at+len("xref"))
	var objs []Object
	seen := map[int]bool{}
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		first, count, next, ok := subsection(b, i)
		if !ok || next+20*count > len(b) {
			return nil, 0, fmt.Errorf("bad xref subsection at %d", i)
		}
		for k := 0; k < count; k++ {
			e := b[next+20*k : next+20*k+20]
			num := first + k
			if e[17] == 'f' {
				continue
			}
			off, err1 := strconv.Atoi(string(e[:10]))
			gen, err2 := strconv.Atoi(string(e[11:16]))
			if e[17] != 'n' || err1 != nil || err2 != nil || off <= 0 || off >= at || seen[num] {
				return nil, 0, fmt.Errorf("bad xref entry for object %d", num)
			}
			if !bytes.HasPrefix(b[off:], []byte(strconv.Itoa(num)+" "+strconv.Itoa(gen)+" obj")) {
				return nil, 0, fmt.Errorf("object %d not at %d", num, off)
			}
			seen[num] = true
			objs = append(objs, Object{Num: num, Gen: gen, Off: off})
		}
		i = skipSpace(b, next+20*count)
	}
	if len(objs) == 0 {
		return nil, 0, fmt.Errorf("no objects in the xref table")
	}
	return objs, i, nil
}

// subsection reads a subsection header "first count" ending its line at i.
func subsection(b []byte, i int) (first, count, next int, ok bool) {
	nl := bytes.IndexAny(b[i:], "\r\n")
	if nl < 0 {
		return 0, 0, 0, false
	}
	f := bytes.Fields(b[i : i+nl])
	if len(f) != 2 {
		return 0, 0, 0, false
	}
	first, err1 := strconv.Atoi(string(f[0]))
	count, err2 := strconv.Atoi(string(f[1]))
	next = i + nl + 1
	if b[i+nl] == '\r' && next < len(b) && b[next] == '\n' {
		next++
	}
	return first, count, next, err1 == nil && err2 == nil && first >= 0 && count >= 0
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// Writer writes a PDF object by object and then its cross-reference table.
type Writer struct {
	bytes.Buffer
	offsets map[int]int
	max     int
}

// NewWriter starts a file with header (the "%PDF-" line and what precedes the first object).
func NewWriter(header []byte, size int) *Writer {
	w := &Writer{offsets: map[int]int{}}
	w.Grow(size)
	w.Write(header)
	return w
}

// Object writes object num (generation 0): obj is its whole text, "num 0 obj" to "endobj".
func (w *Writer) Object(num int, obj []byte) {
	w.offsets[num] = w.Len()
	w.max = max(w.max, num)
	w.Write(obj)
}

// Table writes the cross-reference table, one subsection from object 0 to the highest
// written, a number not written being free, and returns its offset.
func (w *Writer) Table() int {
	at := w.Len()
	fmt.Fprintf(w, "xref\n0 %d\n", w.max+1)
	// The free entries form a list from entry 0, each pointing to the next free number.
	next := func(n int) int {
		for k := n + 1; k <= w.max; k++ {
			if _, ok := w.offsets[k]; !ok {
				return k
			}
		}
		return 0
	}
	fmt.Fprintf(w, "%010d 65535 f \n", next(0))
	for n := 1; n <= w.max; n++ {
		if off, ok := w.offsets[n]; ok {
			fmt.Fprintf(w, "%010d 00000 n \n", off)
		} else {
			fmt.Fprintf(w, "%010d 00001 f \n", next(n))
		}
	}
	return at
}

// End writes the trailer (its text from "trailer" on) and startxref for the table at at.
func (w *Writer) End(trailer []byte, at int) []byte {
	w.Write(trailer)
	fmt.Fprintf(w, "startxref\n%d\n%%%%EOF\n", at)
	return w.Bytes()
}

// Size is the /Size a trailer gives for what was written: the highest number plus one.
func (w *Writer) Size() int { return w.max + 1 }

// TrailerDict is the trailer's dictionary ("<<" … ">>").
func (f *File) TrailerDict() []byte { return f.Trailer[len("trailer"):] }

// Resolve returns the text of the object that the entry key of dict refers to.
func (f *File) Resolve(b, dict []byte, key string) ([]byte, bool) {
	v, ok := DictValue(dict, key)
	if !ok {
		return nil, false
	}
	num, gen, ok := RefValue(v)
	if !ok {
		return nil, false
	}
	for _, o := range f.Objects {
		if o.Num == num && o.Gen == gen {
			return b[o.Off:o.End], true
		}
	}
	return nil, false
}
