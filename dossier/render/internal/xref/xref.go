// Package xref reads and writes PDF files whole (no incremental updates, no encryption): where
// each object starts and ends, through a classic cross-reference table or a cross-reference
// stream, the objects packed in object streams, the trailer, the indirect references inside
// an object and a dictionary's entries; and it writes a file object by object with a new
// table, classic or (objects packed) a stream. It is the one reader of PDF's file structure
// for the renderers: package pdf rewrites fpdf's output with it, package bind canonicalises
// pdfcpu's.
package xref

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// Object is one object in use that the table gives an offset.
type Object struct {
	Num, Gen int
	// Off is where "Num Gen obj" starts; End where the next object (or the table) starts.
	Off, End int
}

// Packed is where an object packed in an object stream is: that stream's number and the
// object's index in it.
type Packed struct{ Stream, Index int }

// File is a PDF read through its cross-reference table or stream.
type File struct {
	// Objects are the objects in use that have an offset, in the order they appear in the
	// file (a cross-reference stream itself is not among them).
	Objects []Object
	// Packed are the objects in object streams, by number.
	Packed map[int]Packed
	// At is the offset of the table ("xref", or the cross-reference stream's object).
	At int
	// Trailer is a classic trailer's bytes, from "trailer" up to "startxref"; nil for a
	// cross-reference stream.
	Trailer []byte
	// Dict is the trailer's dictionary, or the cross-reference stream's.
	Dict []byte

	byNum   map[int]int // Objects' index by number
	streams map[int]*objStream
}

var startXRef = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// Read reads b's cross-reference table (one or more subsections, free entries allowed) or
// stream. Every object with an offset must start there with its number and generation and
// "obj". A file whose trailer has /Prev, /XRefStm or /Encrypt is refused.
func Read(b []byte) (*File, error) {
	m := startXRef.FindSubmatchIndex(b)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	at, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	if at <= 0 || at >= m[0] {
		return nil, fmt.Errorf("no xref table at %d", at)
	}
	var f *File
	var err error
	if bytes.HasPrefix(b[at:], []byte("xref")) {
		f, err = readTable(b, at, m[0])
	} else {
		f, err = readStream(b, at)
	}
	if err != nil {
		return nil, err
	}
	for _, key := range []string{"Prev", "XRefStm", "Encrypt"} {
		if _, ok := DictValue(f.Dict, key); ok {
			return nil, fmt.Errorf("trailer has /%s", key)
		}
	}
	if err := f.index(b); err != nil {
		return nil, err
	}
	return f, nil
}

// index puts f.Objects in file order, says where each ends and checks it starts where the
// table says.
func (f *File) index(b []byte) error {
	objs, at := f.Objects, f.At
	if len(objs) == 0 {
		return fmt.Errorf("no objects in the xref table")
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Off < objs[j].Off })
	f.byNum = make(map[int]int, len(objs))
	for k := range objs {
		objs[k].End = at
		if k+1 < len(objs) {
			objs[k].End = objs[k+1].Off
		}
		if _, dup := f.byNum[objs[k].Num]; dup || objs[k].Off <= 0 || objs[k].Off >= at || objs[k].Off >= objs[k].End {
			return fmt.Errorf("object %d: bad offset %d", objs[k].Num, objs[k].Off)
		}
		if !bytes.HasPrefix(b[objs[k].Off:], []byte(strconv.Itoa(objs[k].Num)+" "+strconv.Itoa(objs[k].Gen)+" obj")) {
			return fmt.Errorf("object %d not at %d", objs[k].Num, objs[k].Off)
		}
		f.byNum[objs[k].Num] = k
	}
	return nil
}

// readTable reads the classic table at at and the trailer after it, up to end.
func readTable(b []byte, at, end int) (*File, error) {
	objs, i, err := entries(b, at)
	if err != nil {
		return nil, err
	}
	if i > end {
		return nil, fmt.Errorf("xref table runs past startxref")
	}
	trailer := b[i:end]
	if !bytes.HasPrefix(trailer, []byte("trailer")) {
		return nil, fmt.Errorf("no trailer after the xref table")
	}
	return &File{Objects: objs, At: at, Trailer: trailer, Dict: trailer[len("trailer"):]}, nil
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
			seen[num] = true
			objs = append(objs, Object{Num: num, Gen: gen, Off: off})
		}
		i = skipSpace(b, next+20*count)
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
	packed  []packedObj
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
	next := func(n int) int { return w.nextFree(n, nil) }
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

// Size is the highest object number in f plus one.
func (f *File) Size() int {
	n := 0
	for _, o := range f.Objects {
		n = max(n, o.Num)
	}
	for num := range f.Packed {
		n = max(n, num)
	}
	return n + 1
}

// TrailerDict is the trailer's dictionary ("<<" … ">>").
func (f *File) TrailerDict() []byte { return f.Dict }

// Text returns the text of object num, "num gen obj" to "endobj" (for an object packed in
// an object stream, made so).
func (f *File) Text(b []byte, num int) ([]byte, int, bool) {
	if k, ok := f.byNum[num]; ok {
		o := f.Objects[k]
		return b[o.Off:o.End], o.Gen, true
	}
	p, ok := f.Packed[num]
	if !ok {
		return nil, 0, false
	}
	v, err := f.packed(b, p)
	if err != nil {
		return nil, 0, false
	}
	return []byte(strconv.Itoa(num) + " 0 obj\n" + string(v) + "\nendobj\n"), 0, true
}

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
	text, g, ok := f.Text(b, num)
	return text, ok && g == gen
}
