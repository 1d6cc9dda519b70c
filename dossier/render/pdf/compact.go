package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// compact rewrites a PDF as fpdf writes it, smaller: every stream compressed at zlib's
// default level (fpdf writes page contents plain, as the renderers ask, and compresses fonts
// at its fastest level; a CJK font subset is most of a report's bytes), and the /W width
// arrays of the CID fonts without the glyphs whose width is the font's default /DW (fpdf
// lists every one of them). The objects keep their numbers and order;
// the cross-reference table is rebuilt. Input it does not recognise (not fpdf's plain layout)
// is returned unchanged: compact never makes a PDF it cannot vouch for.
func compact(b []byte) []byte {
	out, err := compactPDF(b)
	if err != nil {
		return b
	}
	return out
}

var (
	startXRef  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	lengthKey  = regexp.MustCompile(`/Length (\d+)`)
	widthArray = regexp.MustCompile(`/DW (\d+)\n/W \[([^/>]*)\]`)
	// plainStream is the dictionary of a stream fpdf wrote without compression (page contents
	// under SetCompression(false)).
	plainStream = regexp.MustCompile(`^\d+ 0 obj\n<</Length \d+>>$`)
)

// zlibWriters are reused: a new zlib writer allocates its compressor's ~1 MB of tables,
// which for the dozens of small streams of a page was a fifth of a package build.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}

type pdfObject struct {
	num, off int
}

func compactPDF(b []byte) ([]byte, error) {
	m := startXRef.FindSubmatchIndex(b)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	xref, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	objs, trailer, err := readXRef(b, xref)
	if err != nil {
		return nil, err
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].off < objs[j].off })
	var out bytes.Buffer
	out.Grow(len(b))
	out.Write(b[:objs[0].off])
	offsets := map[int]int{}
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		offsets[o.num] = out.Len()
		obj, err := compactObject(b[o.off:end])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", o.num, err)
		}
		out.Write(obj)
	}
	at := out.Len()
	size := len(objs) + 1
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		off, ok := offsets[n]
		if !ok {
			return nil, fmt.Errorf("object %d missing", n)
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

// readXRef reads fpdf's one-section cross-reference table: the objects in use and the trailer
// up to startxref.
func readXRef(b []byte, at int) ([]pdfObject, []byte, error) {
	if at <= 0 || at >= len(b) || !bytes.HasPrefix(b[at:], []byte("xref\n0 ")) {
		return nil, nil, fmt.Errorf("no xref table at %d", at)
	}
	rest := b[at+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(string(bytes.TrimSpace(rest[:max(nl, 0)])))
	if err != nil || nl < 0 || n < 2 || len(rest) < nl+1+20*n {
		return nil, nil, fmt.Errorf("bad xref header")
	}
	objs, err := xrefEntries(b, rest[nl+1:nl+1+20*n], at)
	if err != nil {
		return nil, nil, err
	}
	trailer := rest[nl+1+20*n:]
	end := bytes.LastIndex(trailer, []byte("startxref"))
	if !bytes.HasPrefix(trailer, []byte("trailer")) || end < 0 {
		return nil, nil, fmt.Errorf("no trailer")
	}
	return objs, trailer[:end], nil
}

// xrefEntries reads the 20-byte entries of objects 1… (entry 0 is the free list's head): each
// in use and at an offset where that object starts, before the table at.
func xrefEntries(b, entries []byte, at int) ([]pdfObject, error) {
	var objs []pdfObject
	for i := 1; i < len(entries)/20; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			return nil, fmt.Errorf("free object %d", i)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= at || !bytes.HasPrefix(b[off:], []byte(strconv.Itoa(i)+" 0 obj")) {
			return nil, fmt.Errorf("object %d not at %d", i, off)
		}
		objs = append(objs, pdfObject{num: i, off: off})
	}
	return objs, nil
}

// compactObject compresses an object's stream at zlib's default level (a plain one, as fpdf
// writes page contents without compression, or one fpdf compressed at its fastest level) and
// trims its /W array.
func compactObject(obj []byte) ([]byte, error) {
	s := bytes.Index(obj, []byte(">>\nstream\n"))
	if s < 0 {
		return trimWidths(obj), nil // a font's /W is in its dictionary object, not a stream's
	}
	dict := obj[:s+2]
	plain := plainStream.Match(dict)
	if !plain && (!bytes.Contains(dict, []byte("/Filter /FlateDecode")) || bytes.Contains(dict, []byte("/DecodeParms"))) {
		return obj, nil
	}
	m := lengthKey.FindSubmatchIndex(dict)
	if m == nil {
		return nil, fmt.Errorf("stream without a direct /Length")
	}
	n, _ := strconv.Atoi(string(dict[m[2]:m[3]]))
	data := s + len(">>\nstream\n")
	if data+n > len(obj) || !bytes.HasPrefix(obj[data+n:], []byte("\nendstream")) {
		return nil, fmt.Errorf("stream length %d does not end at endstream", n)
	}
	z, err := recompress(obj[data:data+n], plain)
	if err != nil {
		return nil, err
	}
	if !plain && len(z) >= n {
		return obj, nil
	}
	var out bytes.Buffer
	out.Grow(len(z) + len(dict) + 40)
	if plain {
		at := bytes.Index(dict, []byte("<<")) + 2
		out.Write(dict[:at])
		out.WriteString("/Filter /FlateDecode ")
		out.Write(dict[at:m[2]])
	} else {
		out.Write(dict[:m[2]])
	}
	out.WriteString(strconv.Itoa(len(z)))
	out.Write(dict[m[3]:])
	out.WriteString("\nstream\n")
	out.Write(z)
	out.Write(obj[data+n:])
	return out.Bytes(), nil
}

// recompress returns stream data compressed at the default level: data itself when plain,
// else what it inflates to. A large stream goes through streamCache.
func recompress(data []byte, plain bool) ([]byte, error) {
	if len(data) < cachedStream {
		return inflateDeflate(data, plain)
	}
	key := sha256.Sum256(data)
	if !plain {
		key[0] ^= 1 // the same bytes plain or compressed are different streams
	}
	e := streamCache.entry(key)
	e.once.Do(func() { e.z, e.err = inflateDeflate(data, plain) })
	return e.z, e.err
}

func inflateDeflate(data []byte, plain bool) ([]byte, error) {
	if !plain {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		var dec bytes.Buffer
		dec.Grow(4 * len(data))
		if _, err := dec.ReadFrom(zr); err != nil {
			return nil, err
		}
		data = dec.Bytes()
	}
	return deflate(data)
}

// streamCache holds the compressed form of recent large streams: the font subsets of a
// report's screen and print copies are the same bytes (the same characters drawn), and so
// are its CIDToGIDMaps, so each is compressed once per package. Entries are never changed
// once computed; a stream is found by the hash of its bytes as fpdf wrote them.
var streamCache = &streams{}

// cachedStream is the size from which a stream is cached (fonts and glyph maps, not pages).
const cachedStream = 16 << 10

const streamCacheSize = 16

type streams struct {
	sync.Mutex
	keys []([sha256.Size]byte)
	vals map[[sha256.Size]byte]*cachedZ
}

type cachedZ struct {
	once sync.Once
	z    []byte
	err  error
}

// entry returns the cache entry for key, new (and the oldest dropped) if it is not there.
func (c *streams) entry(key [sha256.Size]byte) *cachedZ {
	c.Lock()
	defer c.Unlock()
	if e, ok := c.vals[key]; ok {
		return e
	}
	if c.vals == nil {
		c.vals = map[[sha256.Size]byte]*cachedZ{}
	}
	if len(c.keys) >= streamCacheSize {
		delete(c.vals, c.keys[0])
		c.keys = c.keys[1:]
	}
	e := &cachedZ{}
	c.keys = append(c.keys, key)
	c.vals[key] = e
	return e
}

// deflate compresses b at zlib's default level.
func deflate(b []byte) ([]byte, error) {
	var z bytes.Buffer
	z.Grow(len(b)/2 + 64)
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&z)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// trimWidths drops from a CID font's /W array the ranges "first last w" whose width is /DW:
// a glyph the array does not list has the default width.
func trimWidths(obj []byte) []byte {
	m := widthArray.FindSubmatchIndex(obj)
	if m == nil {
		return obj
	}
	dw := string(obj[m[2]:m[3]])
	toks := bytes.Fields(bytes.ReplaceAll(bytes.ReplaceAll(obj[m[4]:m[5]], []byte("["), []byte(" [ ")), []byte("]"), []byte(" ] ")))
	var kept [][]byte
	for i := 0; i < len(toks); {
		switch {
		case i+1 < len(toks) && string(toks[i+1]) == "[":
			j := i + 2
			for j < len(toks) && string(toks[j]) != "]" {
				j++
			}
			if j == len(toks) {
				return obj
			}
			kept = append(kept, toks[i:j+1]...)
			i = j + 1
		case i+2 < len(toks):
			if string(toks[i+2]) != dw {
				kept = append(kept, toks[i:i+3]...)
			}
			i += 3
		default:
			return obj // not the array fpdf writes
		}
	}
	var out bytes.Buffer
	out.Write(obj[:m[4]])
	out.WriteByte(' ')
	out.Write(bytes.Join(kept, []byte(" ")))
	out.WriteByte(' ')
	out.Write(obj[m[5]:])
	return out.Bytes()
}
