package xref

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// file lays out objs (object number → text after "n 0 obj\n") with a table of the given
// subsections ("first count" over the numbers), free entries where a number has no object.
func file(objs map[int]string, sections [][2]int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := map[int]int{}
	var order []int // descending, so that file order is not number order
	for n := 99; n > 0; n-- {
		if _, ok := objs[n]; ok {
			order = append(order, n)
		}
	}
	for _, n := range order {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	at := b.Len()
	b.WriteString("xref\r\n")
	for _, s := range sections {
		fmt.Fprintf(&b, "%d %d\r\n", s[0], s[1])
		for n := s[0]; n < s[0]+s[1]; n++ {
			if off, ok := offs[n]; ok {
				fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
			} else {
				fmt.Fprintf(&b, "%010d 65535 f\r\n", 0)
			}
		}
	}
	fmt.Fprintf(&b, "trailer\r\n%s\r\nstartxref\r\n%d\r\n%%%%EOF\r\n", trailer, at)
	return b.Bytes()
}

func TestReadSubsectionsAndFreeEntries(t *testing.T) {
	objs := map[int]string{1: "<</Type/Catalog/Pages 2 0 R>>", 2: "<</Type/Pages/Kids[]/Count 0>>", 5: "(five)", 6: "6"}
	b := file(objs, [][2]int{{0, 3}, {4, 3}}, "<</Size 7/Root 1 0 R>>")
	f, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for _, o := range f.Objects {
		nums = append(nums, o.Num)
		text := string(b[o.Off:o.End])
		if want := fmt.Sprintf("%d 0 obj\n%s\nendobj\n", o.Num, objs[o.Num]); text != want {
			t.Errorf("object %d: %q, want %q", o.Num, text, want)
		}
	}
	if want := []int{6, 5, 2, 1}; !reflect.DeepEqual(nums, want) {
		t.Errorf("objects in file order %v, want %v", nums, want)
	}
	obj, ok := f.Resolve(b, f.TrailerDict(), "Root")
	if !ok || !bytes.Contains(obj, []byte("/Catalog")) {
		t.Errorf("Resolve /Root: %q %v", obj, ok)
	}
	for _, bad := range []string{"<</Size 7/Root 1 0 R/Prev 9>>", "<</Size 7/Root 1 0 R/Encrypt 3 0 R>>"} {
		if _, err := Read(file(objs, [][2]int{{0, 7}}, bad)); err == nil {
			t.Errorf("trailer %s: read", bad)
		}
	}
	// an entry pointing where its object is not
	broken := bytes.Replace(b, []byte("5 0 obj"), []byte("7 0 obj"), 1)
	if _, err := Read(broken); err == nil {
		t.Error("misplaced object: read")
	}
}

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		obj   string
		value string
		refs  []string
	}{
		{"3 0 obj\n<</Kids[4 0 R 5 0 R]/Parent 12 0 R/Count 2>>\nendobj\n", "<</Kids[4 0 R 5 0 R]/Parent 12 0 R/Count 2>>", []string{"4 0 R", "5 0 R", "12 0 R"}},
		// strings, hex strings, names (/F1 0 R is no reference) and comments hold none
		{"7 0 obj <</T(1 0 R \\) 2 0 R)/H<3120302052>/F1 0 R/A[1 2 3 0 R] % 9 0 R\n/B 4 1 R>> endobj", "", []string{"3 0 R", "4 1 R"}},
		// a stream's data is not read
		{"8 0 obj\n<</Length 7>>\nstream\n1 0 R x\nendstream\nendobj\n", "<</Length 7>>", nil},
		{"9 0 obj\n10 0 R\nendobj\n", "10 0 R", []string{"10 0 R"}},
	} {
		start, end, refs, err := Scan([]byte(tc.obj))
		if err != nil {
			t.Errorf("%q: %v", tc.obj, err)
			continue
		}
		if v := strings.TrimSpace(tc.obj[start:end]); tc.value != "" && v != tc.value {
			t.Errorf("%q: value %q, want %q", tc.obj, v, tc.value)
		}
		var got []string
		for _, r := range refs {
			got = append(got, tc.obj[r.Start:r.End])
			if want := fmt.Sprintf("%d %d R", r.Num, r.Gen); tc.obj[r.Start:r.End] != want {
				t.Errorf("%q: ref %q read as %s", tc.obj, tc.obj[r.Start:r.End], want)
			}
		}
		if !reflect.DeepEqual(got, tc.refs) {
			t.Errorf("%q: refs %q, want %q", tc.obj, got, tc.refs)
		}
	}
	if _, _, _, err := Scan([]byte("<</A 1>>")); err == nil {
		t.Error("no header: scanned")
	}
}

func TestDictEntry(t *testing.T) {
	d := []byte("<</Title(a /CreationDate (x))/CreationDate(D:2019)/Kids[1 0 R<</X 2>>]/Info 2 0 R/ModDate<FEFF>>>")
	for key, want := range map[string]string{"CreationDate": "(D:2019)", "Kids": "[1 0 R<</X 2>>]", "Info": "2 0 R", "ModDate": "<FEFF>", "Title": "(a /CreationDate (x))"} {
		if v, ok := DictValue(d, key); !ok || string(v) != want {
			t.Errorf("/%s = %q %v, want %q", key, v, ok, want)
		}
	}
	if _, ok := DictValue(d, "X"); ok {
		t.Error("found /X of a nested dictionary")
	}
	if n, g, ok := RefValue([]byte("2 0 R")); !ok || n != 2 || g != 0 {
		t.Errorf("RefValue = %d %d %v", n, g, ok)
	}
}

func TestWriterFreeList(t *testing.T) {
	w := NewWriter([]byte("%PDF-1.7\n"), 0)
	w.Object(1, []byte("1 0 obj\n<</Type/Catalog>>\nendobj\n"))
	w.Object(4, []byte("4 0 obj\n1\nendobj\n"))
	at := w.Table()
	b := w.End([]byte("trailer\n<</Root 1 0 R/Size 5>>\n"), at)
	want := "xref\n0 5\n0000000002 65535 f \n0000000009 00000 n \n0000000003 00001 f \n0000000000 00001 f \n0000000042 00000 n \n"
	if got := string(b[at : at+len(want)]); got != want {
		t.Errorf("table\n%s\nwant\n%s", got, want)
	}
	f, err := Read(b)
	if err != nil || len(f.Objects) != 2 || f.Objects[1].Num != 4 {
		t.Fatalf("read back: %v %+v", err, f)
	}
}

// TestStreamsRoundTrip: objects packed by EndStreams read back through the cross-reference
// stream and their object stream; a free number stays free.
func TestStreamsRoundTrip(t *testing.T) {
	w := NewWriter([]byte("%PDF-1.7\n"), 0)
	w.Pack(1, []byte("<</Type/Catalog/Pages 2 0 R>>"))
	w.Pack(2, []byte("<</Type/Pages/Kids[]/Count 0>>"))
	w.Object(3, []byte("3 0 obj\n<</Length 5>>\nstream\nhello\nendstream\nendobj\n"))
	for n := 5; n < 5+2*packedPerStream; n++ { // two object streams more
		w.Pack(n, []byte(fmt.Sprintf("(object %d)", n)))
	}
	var before []byte
	b := w.EndStreams("/Root 1 0 R", func(b []byte) string { before = b; return "00ff" })
	if !bytes.Contains(b, []byte("/ID[<00ff><00ff>]")) || len(before) == 0 {
		t.Errorf("no /ID from the function given")
	}
	f, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Packed) != 2+2*packedPerStream || len(f.Objects) != 4 {
		t.Errorf("%d packed, %d with offsets; want %d and 4 (a stream, three object streams)", len(f.Packed), len(f.Objects), 2+2*packedPerStream)
	}
	for n, want := range map[int]string{1: "<</Type/Catalog/Pages 2 0 R>>", 7: "(object 7)", 5 + 2*packedPerStream - 1: fmt.Sprintf("(object %d)", 5+2*packedPerStream-1)} {
		text, gen, ok := f.Text(b, n)
		if !ok || gen != 0 || string(text) != fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n, want) {
			t.Errorf("object %d: %q %v", n, text, ok)
		}
	}
	if text, _, ok := f.Text(b, 3); !ok || !bytes.Contains(text, []byte("hello")) {
		t.Errorf("object 3: %q", text)
	}
	if _, _, ok := f.Text(b, 4); ok {
		t.Error("object 4 was never written")
	}
	if root, ok := f.Resolve(b, f.TrailerDict(), "Root"); !ok || !bytes.Contains(root, []byte("/Catalog")) {
		t.Errorf("Resolve /Root: %q", root)
	}
}
