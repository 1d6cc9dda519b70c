package bind

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"

	"dossier/dossier/render/internal/xref"
)

// What pdfcpu writes is not a function of what it read (STYLE.md rule 8): it walks maps to
// write objects and to number those it merges, makes the trailer's /ID from the time, and
// sets the Info dictionary's dates to the time of writing. Every PDF bind writes through
// pdfcpu therefore goes through canonical, which rewrites it as a function of its content:
// pdfcpu is set to write a classic cross-reference table (config), canonical numbers the
// objects in the order they are reached from the trailer (/Root, then /Info, breadth first,
// each object's references in the order its text has them), writes them in that order (the
// streams as objects, the rest packed into object streams) with a cross-reference stream,
// gives the Info dictionary the dates and producer of the document bound (infoOf), and makes the /ID
// from a hash of everything before the cross-reference stream. Objects nothing reaches are
// left out.

// infoEntries are an Info dictionary's /CreationDate, /ModDate and /Producer as their text
// in the file (a PDF string), nil when it has none: pdfcpu sets them to the time of writing
// and to itself, and a print copy should say what its screen copy says.
type infoEntries struct{ creation, mod, producer []byte }

// infoOf reads the Info entries of the PDF b (as fpdf, or canonical, writes it): none when b is
// not laid out with a classic cross-reference table.
func infoOf(b []byte) infoEntries {
	f, err := xref.Read(b)
	if err != nil {
		return infoEntries{}
	}
	obj, ok := f.Resolve(b, f.TrailerDict(), "Info")
	if !ok {
		return infoEntries{}
	}
	start, end, _, err := xref.Scan(obj)
	if err != nil {
		return infoEntries{}
	}
	d := obj[start:end]
	c, _ := xref.DictValue(d, "CreationDate")
	m, _ := xref.DictValue(d, "ModDate")
	p, _ := xref.DictValue(d, "Producer")
	return infoEntries{creation: bytes.Clone(c), mod: bytes.Clone(m), producer: bytes.Clone(p)}
}

// canonicalOr is canonical(b, d), or b itself when canonical cannot read b: a PDF that
// pdfcpu wrote in a way canonical does not know is still a valid PDF.
func canonicalOr(b []byte, d infoEntries) []byte {
	if out, err := canonical(b, d); err == nil {
		return out
	}
	return b
}

// scanned is an object of the input, read.
type scanned struct {
	num, gen   int
	text       []byte // "num gen obj" … "endobj"
	start, end int    // its value in text
	refs       []xref.Ref
}

// canonical rewrites the PDF b as a function of its content, with the Info entries d: see
// above. The objects that are not streams are packed into object streams and the table is a
// cross-reference stream, as pdfcpu writes by default: the page objects of many copies are
// most of what is not a stream.
func canonical(b []byte, d infoEntries) ([]byte, error) {
	f, err := xref.Read(b)
	if err != nil {
		return nil, err
	}
	objs, err := objects(b, f)
	if err != nil {
		return nil, err
	}
	roots, err := trailerRoots(f, objs)
	if err != nil {
		return nil, err
	}
	order, err := reach(objs, roots)
	if err != nil {
		return nil, err
	}
	renum := make(map[int]int, len(order))
	for i, o := range order {
		renum[o.num] = i + 1
	}
	w := xref.NewWriter(b[:f.Objects[0].Off], len(b))
	dict := "/Root 1 0 R"
	for i, o := range order {
		obj, start, end := rewrite(o, i+1, objs, renum)
		if len(roots) > 1 && o.num == roots[1] {
			obj = setInfo(obj, d)
			dict = fmt.Sprintf("/Info %d 0 R%s", i+1, dict)
			if start, end, _, err = xref.Scan(obj); err != nil {
				return nil, err
			}
		}
		if bytes.HasPrefix(obj[end:], []byte("stream")) {
			w.Object(i+1, obj)
		} else {
			w.Pack(i+1, bytes.TrimSpace(obj[start:end]))
		}
	}
	return w.EndStreams(dict, func(before []byte) string {
		sum := sha256.Sum256(before)
		return hex.EncodeToString(sum[:16])
	}), nil
}

// objects are the objects of the file f (whose bytes are b) by number, with their text.
func objects(b []byte, f *xref.File) (map[int]*scanned, error) {
	objs := make(map[int]*scanned, len(f.Objects)+len(f.Packed))
	for _, o := range f.Objects {
		objs[o.Num] = &scanned{num: o.Num, gen: o.Gen, text: b[o.Off:o.End]}
	}
	for num := range f.Packed {
		text, gen, ok := f.Text(b, num)
		if !ok {
			return nil, fmt.Errorf("object %d: not in its object stream", num)
		}
		objs[num] = &scanned{num: num, gen: gen, text: text}
	}
	return objs, nil
}

// trailerRoots are the numbers of the objects the trailer's /Root and /Info refer to (Info
// being optional).
func trailerRoots(f *xref.File, objs map[int]*scanned) ([]int, error) {
	var roots []int
	for _, key := range []string{"Root", "Info"} {
		v, ok := xref.DictValue(f.TrailerDict(), key)
		if !ok && key == "Root" {
			return nil, fmt.Errorf("trailer has no /Root")
		} else if !ok {
			continue
		}
		num, gen, ok := xref.RefValue(v)
		if o := objs[num]; !ok || o == nil || o.gen != gen {
			return nil, fmt.Errorf("trailer /%s is not an object", key)
		}
		roots = append(roots, num)
	}
	return roots, nil
}

// reach returns the objects reached from roots, breadth first, each scanned.
func reach(objs map[int]*scanned, roots []int) ([]*scanned, error) {
	seen := map[int]bool{}
	var order []*scanned
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			order = append(order, objs[r])
		}
	}
	for k := 0; k < len(order); k++ {
		o := order[k]
		var err error
		if o.start, o.end, o.refs, err = xref.Scan(o.text); err != nil {
			return nil, fmt.Errorf("object %d: %w", o.num, err)
		}
		for _, r := range o.refs {
			if t := objs[r.Num]; t != nil && t.gen == r.Gen && !seen[r.Num] {
				seen[r.Num] = true
				order = append(order, t)
			}
		}
	}
	return order, nil
}

// rewrite is the text of o numbered num, its references renumbered (one to an object not in
// the file being null, as PDF reads it), and where its value is in that text.
func rewrite(o *scanned, num int, objs map[int]*scanned, renum map[int]int) (obj []byte, start, end int) {
	text := o.text
	out := make([]byte, 0, len(text)+16)
	out = strconv.AppendInt(out, int64(num), 10)
	out = append(out, " 0 obj"...)
	start = len(out)
	at := o.start
	for _, r := range o.refs {
		out = append(out, text[at:r.Start]...)
		if n, ok := renum[r.Num]; ok && objs[r.Num].gen == r.Gen {
			out = strconv.AppendInt(out, int64(n), 10)
			out = append(out, " 0 R"...)
		} else {
			out = append(out, "null"...)
		}
		at = r.End
	}
	out = append(out, text[at:o.end]...)
	end = len(out)
	return append(out, text[o.end:]...), start, end
}

// setInfo gives the Info dictionary obj (its whole object text) the entries d: one d has
// not is removed.
func setInfo(obj []byte, d infoEntries) []byte {
	start, end, _, err := xref.Scan(obj)
	if err != nil {
		return obj
	}
	dict := obj[start:end]
	for _, e := range []struct {
		key string
		val []byte
	}{{"CreationDate", d.creation}, {"ModDate", d.mod}, {"Producer", d.producer}} {
		en, ok := xref.DictEntry(dict, e.key)
		var out []byte
		switch {
		case ok && e.val == nil:
			out = append(append(out, dict[:en.Key]...), dict[en.End:]...)
		case ok:
			out = append(append(append(out, dict[:en.Value]...), e.val...), dict[en.End:]...)
		case e.val != nil:
			at := bytes.Index(dict, []byte("<<")) + 2
			out = append(append(out, dict[:at]...), "/"+e.key+" "...)
			out = append(append(out, e.val...), dict[at:]...)
		default:
			continue
		}
		dict = out
	}
	return slices.Concat(obj[:start], dict, obj[end:])
}
