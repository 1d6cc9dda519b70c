package xref

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sync"
)

// Cross-reference streams and object streams (ISO 32000 7.5.7–7.5.8), as far as the files
// read here use them: Flate or no filter, no predictor.

// streamData returns the decoded data of the stream object text obj and its dictionary.
func streamData(obj []byte) (dict, data []byte, err error) {
	start, end, _, err := Scan(obj)
	if err != nil {
		return nil, nil, err
	}
	dict = bytes.TrimSpace(obj[start:end])
	rest := obj[end:]
	if !bytes.HasPrefix(rest, []byte("stream")) {
		return nil, nil, fmt.Errorf("not a stream")
	}
	rest = rest[len("stream"):]
	if bytes.HasPrefix(rest, []byte("\r\n")) {
		rest = rest[2:]
	} else if len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	v, _ := DictValue(dict, "Length")
	n, ok := unsigned(v)
	if !ok || n > len(rest) {
		return nil, nil, fmt.Errorf("stream without a direct /Length that fits")
	}
	if _, ok := DictValue(dict, "DecodeParms"); ok {
		return nil, nil, fmt.Errorf("stream with /DecodeParms")
	}
	data = rest[:n]
	switch f, _ := DictValue(dict, "Filter"); string(f) {
	case "":
		return dict, data, nil
	case "/FlateDecode":
		out, err := Inflate(data)
		if err != nil {
			return nil, nil, err
		}
		return dict, out, nil
	default:
		return nil, nil, fmt.Errorf("stream filter %s", f)
	}
}

// ints reads an array of unsigned integers.
func ints(v []byte) ([]int, bool) {
	f := bytes.Fields(bytes.Trim(bytes.TrimSpace(v), "[]"))
	out := make([]int, len(f))
	for i, t := range f {
		n, ok := unsigned(t)
		if !ok {
			return nil, false
		}
		out[i] = n
	}
	return out, len(v) > 1 && v[0] == '['
}

// readStream reads the cross-reference stream whose object starts at at.
func readStream(b []byte, at int) (*File, error) {
	dict, data, err := streamData(b[at:])
	if err != nil {
		return nil, fmt.Errorf("xref stream: %w", err)
	}
	if t, _ := DictValue(dict, "Type"); string(t) != "/XRef" {
		return nil, fmt.Errorf("no xref table at %d", at)
	}
	sz, _ := DictValue(dict, "Size")
	size, ok1 := unsigned(sz)
	wv, _ := DictValue(dict, "W")
	w, ok2 := ints(wv)
	index := []int{0, size}
	if v, ok := DictValue(dict, "Index"); ok {
		index, ok1 = ints(v)
	}
	if !ok1 || !ok2 || len(w) != 3 || len(index)%2 != 0 || w[0]+w[1]+w[2] == 0 {
		return nil, fmt.Errorf("bad xref stream dictionary")
	}
	self := -1 // the stream's own number
	if sp := bytes.IndexByte(b[at:], ' '); sp > 0 {
		self, _ = unsigned(b[at : at+sp])
	}
	f := &File{At: at, Dict: dict, Packed: map[int]Packed{}}
	if err := f.rows(data, w, index, self); err != nil {
		return nil, err
	}
	return f, nil
}

// rows reads the entries of a cross-reference stream, whose fields are w bytes wide, for the
// numbers in the subsections index; the entry of the stream itself (self) is left out.
func (f *File) rows(data []byte, w, index []int, self int) error {
	row := w[0] + w[1] + w[2]
	for k := 0; k < len(index); k += 2 {
		for num := index[k]; num < index[k]+index[k+1]; num++ {
			if len(data) < row {
				return fmt.Errorf("xref stream too short")
			}
			typ, f2, f3 := field(data, w[0], 1), field(data[w[0]:], w[1], 0), field(data[w[0]+w[1]:], w[2], 0)
			data = data[row:]
			switch {
			case typ == 1 && num != self:
				f.Objects = append(f.Objects, Object{Num: num, Gen: f3, Off: f2})
			case typ == 2:
				f.Packed[num] = Packed{Stream: f2, Index: f3}
			}
		}
	}
	return nil
}

// field reads a big-endian field of n bytes (def when n is 0).
func field(b []byte, n, def int) int {
	if n == 0 {
		return def
	}
	v := 0
	for _, c := range b[:n] {
		v = v<<8 | int(c)
	}
	return v
}

// objStream is an object stream decoded: its data and where each object's value starts.
type objStream struct {
	data []byte
	offs []int
}

// packed returns the value of the object p says is packed.
func (f *File) packed(b []byte, p Packed) ([]byte, error) {
	s := f.streams[p.Stream]
	if s == nil {
		text, _, ok := f.Text(b, p.Stream)
		if !ok {
			return nil, fmt.Errorf("object stream %d missing", p.Stream)
		}
		dict, data, err := streamData(text)
		if err != nil {
			return nil, err
		}
		nv, _ := DictValue(dict, "N")
		fv, _ := DictValue(dict, "First")
		n, ok1 := unsigned(nv)
		first, ok2 := unsigned(fv)
		hdr := bytes.Fields(data[:min(first, len(data))])
		if !ok1 || !ok2 || len(hdr) != 2*n {
			return nil, fmt.Errorf("bad object stream %d", p.Stream)
		}
		s = &objStream{data: data}
		for k := 0; k < n; k++ {
			off, ok := unsigned(hdr[2*k+1])
			if !ok || first+off > len(data) {
				return nil, fmt.Errorf("bad object stream %d", p.Stream)
			}
			s.offs = append(s.offs, first+off)
		}
		if f.streams == nil {
			f.streams = map[int]*objStream{}
		}
		f.streams[p.Stream] = s
	}
	if p.Index >= len(s.offs) {
		return nil, fmt.Errorf("object stream %d has no object %d", p.Stream, p.Index)
	}
	end := len(s.data)
	if p.Index+1 < len(s.offs) {
		end = s.offs[p.Index+1]
	}
	if end < s.offs[p.Index] {
		return nil, fmt.Errorf("bad object stream %d", p.Stream)
	}
	return bytes.TrimSpace(s.data[s.offs[p.Index]:end]), nil
}

// packedPerStream is how many objects an object stream of the Writer holds, as pdfcpu's.
const packedPerStream = 100

type packedObj struct {
	num   int
	value []byte
}

// Pack adds object num (generation 0), whose value (no "obj", no "endobj") is value, to the
// objects EndStreams packs into object streams. value must not be a stream.
func (w *Writer) Pack(num int, value []byte) {
	w.packed = append(w.packed, packedObj{num, value})
	w.max = max(w.max, num)
}

// EndStreams writes the packed objects into object streams and then a cross-reference
// stream whose dictionary has the entries dict (such as "/Root 1 0 R") and the file
// identifier that id makes of everything written before it.
func (w *Writer) EndStreams(dict string, id func([]byte) string) []byte {
	where := map[int]Packed{}
	for k := 0; k < len(w.packed); k += packedPerStream {
		chunk := w.packed[k:min(k+packedPerStream, len(w.packed))]
		var hdr, body bytes.Buffer
		for i, p := range chunk {
			fmt.Fprintf(&hdr, "%d %d ", p.num, body.Len())
			body.Write(p.value)
			body.WriteByte('\n')
			where[p.num] = Packed{Stream: w.max + 1, Index: i}
		}
		first := hdr.Len()
		hdr.Write(body.Bytes())
		z := Deflate(hdr.Bytes())
		num := w.max + 1
		w.Object(num, fmt.Appendf(nil, "%d 0 obj\n<</Filter/FlateDecode/First %d/Length %d/N %d/Type/ObjStm>>\nstream\n%s\nendstream\nendobj\n", num, first, len(z), len(chunk), z))
	}
	num := w.max + 1
	size := num + 1
	var rows bytes.Buffer
	row := func(typ, f2, f3 int) {
		rows.Write([]byte{byte(typ), byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2), byte(f3 >> 8), byte(f3)})
	}
	w.offsets[num] = w.Len()
	for n := 0; n < size; n++ {
		if off, ok := w.offsets[n]; ok {
			row(1, off, 0)
		} else if p, ok := where[n]; ok {
			row(2, p.Stream, p.Index)
		} else if n == 0 {
			row(0, w.nextFree(0, where), 65535)
		} else {
			row(0, w.nextFree(n, where), 1)
		}
	}
	z := Deflate(rows.Bytes())
	ident := id(w.Bytes())
	fmt.Fprintf(w, "%d 0 obj\n<<%s/Filter/FlateDecode/ID[<%s><%s>]/Length %d/Size %d/Type/XRef/W[1 4 2]>>\nstream\n", num, dict, ident, ident, len(z), size)
	w.Write(z)
	fmt.Fprintf(w, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", w.offsets[num])
	return w.Bytes()
}

// nextFree is the first number after n that nothing was written as, 0 if none.
func (w *Writer) nextFree(n int, packed map[int]Packed) int {
	for k := n + 1; k <= w.max; k++ {
		if _, ok := w.offsets[k]; !ok {
			if _, ok := packed[k]; !ok {
				return k
			}
		}
	}
	return 0
}

// zlibWriters are reused: a new zlib writer allocates its compressor's ~1 MB of tables,
// which for the dozens of small streams of a page was a fifth of a package build.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}

// Inflate decompresses zlib data (a /FlateDecode stream's), into a buffer sized for the
// ratio of a font or page stream.
func Inflate(data []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(4 * len(data))
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Deflate compresses b at zlib's default level (a FlateDecode stream's data).
func Deflate(b []byte) []byte {
	var z bytes.Buffer
	z.Grow(len(b)/2 + 64)
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&z)
	zw.Write(b) // a bytes.Buffer does not fail
	zw.Close()
	return z.Bytes()
}
