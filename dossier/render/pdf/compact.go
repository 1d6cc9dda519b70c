package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"strconv"
	"sync"

	"dossier/dossier/render/internal/xref"
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
	lengthKey  = regexp.MustCompile(`/Length (\d+)`)
	widthArray = regexp.MustCompile(`/DW (\d+)\n/W \[([^/>]*)\]`)
	// plainStream is the dictionary of a stream fpdf wrote without compression (page contents
	// under SetCompression(false)).
	plainStream = regexp.MustCompile(`^\d+ 0 obj\n<</Length \d+>>$`)
)

func compactPDF(b []byte) ([]byte, error) {
	f, err := xref.Read(b)
	if err != nil {
		return nil, err
	}
	w := xref.NewWriter(b[:f.Objects[0].Off], len(b))
	for _, o := range f.Objects {
		if o.Gen != 0 {
			return nil, fmt.Errorf("object %d has generation %d", o.Num, o.Gen)
		}
		obj, err := compactObject(b[o.Off:o.End])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", o.Num, err)
		}
		w.Object(o.Num, obj)
	}
	return w.End(f.Trailer, w.Table()), nil
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
		var err error
		if data, err = xref.Inflate(data); err != nil {
			return nil, err
		}
	}
	return xref.Deflate(data), nil
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
