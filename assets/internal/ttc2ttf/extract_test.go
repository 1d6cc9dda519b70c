package main

import (
	"bytes"
	"os"
	"testing"
)

// table is one sfnt table for building test collections.
type table struct {
	tag  string
	data []byte
}

// buildTTC makes a collection whose faces share the tables given in shared and add their own.
func buildTTC(shared []table, faces [][]table) []byte {
	var buf []byte
	put32 := func(b []byte, v uint32) { be.PutUint32(b, v) }
	n := len(faces)
	header := 12 + 4*n
	buf = make([]byte, header)
	copy(buf, "ttcf")
	put32(buf[4:], 0x00010000)
	put32(buf[8:], uint32(n))
	// directories first, then table data
	dirAt := make([]int, n)
	for i, f := range faces {
		dirAt[i] = len(buf)
		put32(buf[12+4*i:], uint32(len(buf)))
		buf = append(buf, make([]byte, 12+16*(len(shared)+len(f)))...)
	}
	offsets := map[*table]int{}
	place := func(t *table) {
		if _, ok := offsets[t]; ok {
			return
		}
		offsets[t] = len(buf)
		buf = append(buf, t.data...)
		for len(buf)%4 != 0 {
			buf = append(buf, 0)
		}
	}
	for i := range shared {
		place(&shared[i])
	}
	for i, f := range faces {
		d := buf[dirAt[i]:]
		put32(d, 0x00010000)
		be.PutUint16(d[4:], uint16(len(shared)+len(f)))
		all := make([]*table, 0, len(shared)+len(f))
		for j := range shared {
			all = append(all, &shared[j])
		}
		for j := range f {
			place(&f[j])
			all = append(all, &f[j])
		}
		d = buf[dirAt[i]:]
		for j, t := range all {
			r := d[12+16*j:]
			copy(r, t.tag)
			put32(r[4:], checksum(t.data))
			put32(r[8:], uint32(offsets[t]))
			put32(r[12:], uint32(len(t.data)))
		}
	}
	return buf
}

func TestExtract(t *testing.T) {
	head := make([]byte, 54)
	head[0] = 1
	glyf := []byte("shared glyph data, 31 bytes...")
	ttc := buildTTC(
		[]table{{"glyf", glyf}},
		[][]table{
			{{"head", head}, {"name", []byte("Face Zero")}},
			{{"head", head}, {"name", []byte("Face One, longer")}},
		})

	for face, name := range []string{"Face Zero", "Face One, longer"} {
		out, err := Extract(ttc, face)
		if err != nil {
			t.Fatalf("face %d: %v", face, err)
		}
		if got := be.Uint32(out); got != 0x00010000 {
			t.Fatalf("face %d: sfnt version %#x", face, got)
		}
		if n := be.Uint16(out[4:]); n != 3 {
			t.Fatalf("face %d: %d tables, want 3", face, n)
		}
		tables := map[string][]byte{}
		for i := 0; i < 3; i++ {
			r := out[12+16*i:]
			off, l := be.Uint32(r[8:]), be.Uint32(r[12:])
			if off%4 != 0 {
				t.Errorf("face %d: table %q at unaligned offset %d", face, r[:4], off)
			}
			data := out[off : off+l]
			tables[string(r[:4])] = data
			if string(r[:4]) != "head" && checksum(data) != be.Uint32(r[4:]) {
				t.Errorf("face %d: table %q checksum mismatch", face, r[:4])
			}
		}
		if !bytes.Equal(tables["glyf"], glyf) || string(tables["name"]) != name {
			t.Errorf("face %d: wrong table contents: %q", face, tables["name"])
		}
		if sum := checksum(out); sum != 0xB1B0AFBA {
			t.Errorf("face %d: whole-file checksum %#x, want 0xB1B0AFBA", face, sum)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":     nil,
		"not ttc":   []byte("\x00\x01\x00\x00 a plain ttf"),
		"no faces":  append([]byte("ttcf\x00\x01\x00\x00"), 0, 0, 0, 0),
		"truncated": append([]byte("ttcf\x00\x01\x00\x00"), 0, 0, 0, 1, 0, 0, 0xff, 0xff),
	} {
		if _, err := Extract(in, 0); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestCommittedFont checks that assets/fonts/wqy-microhei.ttf is exactly what this program
// makes from Debian's collection, when that is installed.
func TestCommittedFont(t *testing.T) {
	const src = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	ttc, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("%s not installed (apt-get install fonts-wqy-microhei)", src)
	}
	want, err := Extract(ttc, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../fonts/wqy-microhei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("assets/fonts/wqy-microhei.ttf differs from face 0 of " + src)
	}
}
