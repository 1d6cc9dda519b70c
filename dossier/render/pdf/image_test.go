package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A 16-bit PNG (which fpdf refuses) is written again as 8-bit and placed; a portrait image
// goes on a portrait page, a wide one on a landscape page; a broken one is a Chinese error.
func TestImagePage(t *testing.T) {
	for name, size := range map[string][2]int{"portrait": {300, 500}, "landscape": {500, 300}} {
		img := image.NewRGBA64(image.Rect(0, 0, size[0], size[1]))
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				img.Set(x, y, color.RGBA64{0, 0, 0xffff, 0xffff})
			}
		}
		var src bytes.Buffer
		if err := png.Encode(&src, img); err != nil {
			t.Fatal(err)
		}
		if src.Bytes()[24] != 16 {
			t.Fatalf("the test image is %d-bit, want 16", src.Bytes()[24])
		}
		var out bytes.Buffer
		if err := ImagePage(&out, src.Bytes()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(t.TempDir(), "p.pdf")
		os.WriteFile(path, out.Bytes(), 0o644)
		info, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		want := "595.28 x 841.89"
		if name == "landscape" {
			want = "841.89 x 595.28"
		}
		if !bytes.Contains(info, []byte(want)) {
			t.Errorf("%s: page is not %s:\n%s", name, want, info)
		}
	}
	if err := ImagePage(&bytes.Buffer{}, []byte("\x89PNG\r\n\x1a\nbroken")); err == nil || !bytes.Contains([]byte(err.Error()), []byte("图片无法读取")) {
		t.Errorf("broken image: %v", err)
	}
}
