package ttf

import (
	"encoding/binary"
	"strings"
	"testing"
)

// sfnt is a font holding one table, cmap, whose subtables are given as (platform, encoding,
// bytes).
func sfnt(subs ...struct {
	platform, encoding uint16
	data               []byte
}) []byte {
	b := binary.BigEndian
	cmap := b.AppendUint16(nil, 0)
	cmap = b.AppendUint16(cmap, uint16(len(subs)))
	off := 4 + 8*len(subs)
	var body []byte
	for _, s := range subs {
		cmap = b.AppendUint16(cmap, s.platform)
		cmap = b.AppendUint16(cmap, s.encoding)
		cmap = b.AppendUint32(cmap, uint32(off+len(body)))
		body = append(body, s.data...)
	}
	cmap = append(cmap, body...)
	font := b.AppendUint32(nil, 0x00010000)
	font = b.AppendUint16(font, 1)
	font = append(font, make([]byte, 6)...)
	font = append(font, "cmap"...)
	font = b.AppendUint32(font, 0)
	font = b.AppendUint32(font, 28)
	font = b.AppendUint32(font, uint32(len(cmap)))
	return append(font, cmap...)
}

// subtable4 maps first..last to glyphs 1.. (one segment and the closing 0xFFFF one).
func subtable4(first, last uint16) []byte {
	b := binary.BigEndian
	t := b.AppendUint16(nil, 4)
	t = b.AppendUint16(t, 32)
	t = b.AppendUint16(t, 0)
	t = b.AppendUint16(t, 4) // two segments
	t = append(t, make([]byte, 6)...)
	t = b.AppendUint16(t, last)
	t = b.AppendUint16(t, 0xFFFF)
	t = b.AppendUint16(t, 0)
	t = b.AppendUint16(t, first)
	t = b.AppendUint16(t, 0xFFFF)
	t = b.AppendUint16(t, 1-first) // delta: first → glyph 1
	t = b.AppendUint16(t, 1)
	return append(t, 0, 0, 0, 0) // idRangeOffset 0, 0
}

// subtable12 maps start..end to glyphs gid...
func subtable12(start, end, gid uint32) []byte {
	b := binary.BigEndian
	t := b.AppendUint16(nil, 12)
	t = b.AppendUint16(t, 0)
	t = b.AppendUint32(t, 28)
	t = b.AppendUint32(t, 0)
	t = b.AppendUint32(t, 1)
	t = b.AppendUint32(t, start)
	t = b.AppendUint32(t, end)
	return b.AppendUint32(t, gid)
}

type sub = struct {
	platform, encoding uint16
	data               []byte
}

func TestCoversSubtables(t *testing.T) {
	set, err := Covers(sfnt(sub{1, 0, subtable4('x', 'z')}, sub{3, 1, subtable4('A', 'C')}, sub{3, 10, subtable12(0x20000, 0x20001, 5)}))
	if err != nil {
		t.Fatal(err)
	}
	var got []rune
	for _, r := range "ABCDxyz" + string(rune(0x20000)) + string(rune(0x20001)) + string(rune(0x20002)) {
		if set[r] {
			got = append(got, r)
		}
	}
	if string(got) != "ABC"+string(rune(0x20000))+string(rune(0x20001)) || len(set) != 5 {
		t.Errorf("covers %q (%d characters)", string(got), len(set))
	}
	noCmap := sfnt()
	copy(noCmap[12:], "glyf")
	for _, c := range []struct {
		font []byte
		want string
	}{
		{sfnt(sub{1, 0, subtable4('A', 'C')}), "no Unicode cmap subtable"},
		{noCmap, "no cmap table"},
		{append(sfnt(sub{3, 1, subtable4('A', 'C')})[:24], 0xFF, 0, 0, 0), "cmap out of range"},
		{sfnt(sub{3, 1, subtable4('A', 'C')})[:20], "truncated table directory"},
	} {
		if _, err := Covers(c.font); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}
