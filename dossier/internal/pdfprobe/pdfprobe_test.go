package pdfprobe

import "testing"

func TestParsePGM(t *testing.T) {
	img, err := parsePGM(append([]byte("P5\n3 2\n255\n"), 255, 0, 255, 255, 255, 10))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 3 || b.Dy() != 2 || img.GrayAt(1, 0).Y != 0 || img.GrayAt(2, 1).Y != 10 {
		t.Fatalf("%v %v", b, img.Pix)
	}
	if _, err := parsePGM([]byte("P6\n1 1\n255\n\x00\x00\x00")); err == nil {
		t.Error("a colour PPM read as grey")
	}
}

func TestFolio(t *testing.T) {
	p := Page{Words: []Word{
		{XMin: 100, YMin: 100, XMax: 120, YMax: 110, Text: "正文"},
		{XMin: 480, YMin: 790, XMax: 494, YMax: 802, Text: "—"},
		{XMin: 499, YMin: 790, XMax: 506, YMax: 802, Text: "7"},
		{XMin: 511, YMin: 790, XMax: 525, YMax: 802, Text: "—"},
	}}
	n, box, ok := p.Folio(272)
	if !ok || n != 7 || box.XMin != 480 || box.XMax != 525 {
		t.Errorf("Folio = %d %+v %v", n, box, ok)
	}
	if p.TopLine() != "正文" {
		t.Errorf("TopLine = %q", p.TopLine())
	}
}
