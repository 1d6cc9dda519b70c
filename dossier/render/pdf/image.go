package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // DecodeConfig of attachments
	"image/png"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// imageMargin keeps a scanned image clear of the 订口 (28 mm), the seal strip (19 mm off the
// outer edge) and the page number: the image fits in the page less this on every side.
const imageMargin = 30

// ImagePage writes a one-page PDF holding a JPEG or PNG image (an attachment scanned or
// photographed), as large as fits on A4 inside the margins, upright: a JPEG's EXIF
// orientation is honoured, and an image wider than tall goes on a landscape page. The JPEG
// is embedded as it is (not decoded and re-encoded).
func ImagePage(w io.Writer, img []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("图片无法排入 PDF：%v", p)
		}
	}()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return errors.New("图片无法读取（文件损坏或格式不受支持）")
	}
	typ, turn := "PNG", 0
	switch format {
	case "jpeg":
		typ, turn = "JPG", exifTurn(img)
	case "png":
		if img, err = plainPNG(img); err != nil {
			return err
		}
	}
	sw, sh := float64(cfg.Width), float64(cfg.Height) // as stored
	dw, dh := sw, sh                                  // as shown
	if turn == 90 || turn == -90 {
		dw, dh = sh, sw
	}
	pw, ph := pageW, pageH
	if dw > dh {
		pw, ph = pageH, pageW
	}
	scale := min((pw-2*imageMargin)/dw, (ph-2*imageMargin)/dh)
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	p.SetCompression(true)
	p.SetCreator("Dossier", true)
	p.SetProducer("Dossier (fpdf)", true)
	p.SetCatalogSort(true)
	p.SetAutoPageBreak(false, 0)
	p.AddPageFormat("P", fpdf.SizeType{Wd: pw, Ht: ph})                   // "L" would swap the sizes given
	opt := fpdf.ImageOptions{ImageType: typ, AllowNegativePosition: true} // a turned image starts left of the page
	p.RegisterImageOptionsReader("scan", opt, bytes.NewReader(img))
	cx, cy := pw/2, ph/2
	iw, ih := sw*scale, sh*scale
	if turn != 0 {
		p.TransformBegin()
		p.TransformRotate(float64(turn), cx, cy)
	}
	p.ImageOptions("scan", cx-iw/2, cy-ih/2, iw, ih, false, opt, 0, "")
	if turn != 0 {
		p.TransformEnd()
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("图片无法排入 PDF（%v）", err)
	}
	return p.Output(w)
}

// plainPNG returns a PNG fpdf can embed: an interlaced or 16-bit one (which fpdf refuses) is
// decoded and written again as 8-bit, non-interlaced.
func plainPNG(b []byte) ([]byte, error) {
	// IHDR: 8-byte signature, 4 length, 4 "IHDR", 4 width, 4 height, depth, colour type,
	// compression, filter, interlace.
	if len(b) >= 29 && b[24] <= 8 && b[28] == 0 {
		return b, nil
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, errors.New("图片无法读取（文件损坏或格式不受支持）")
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, rgba); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// exifTurn is the rotation (degrees counter-clockwise, as fpdf rotates) that shows a JPEG
// upright, from its EXIF Orientation tag: 6 (shot turned right) is -90, 8 is 90, 3 is 180;
// the mirrored orientations are turned the same way without the mirror; 0 when there is
// no tag.
func exifTurn(jpg []byte) int {
	switch exifOrientation(jpg) {
	case 3, 4:
		return 180
	case 6, 5:
		return -90
	case 8, 7:
		return 90
	}
	return 0
}

// exifOrientation reads the Orientation tag (0x0112) of IFD0 in a JPEG's APP1 Exif segment;
// 0 when there is none or the segment is malformed.
func exifOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return 0
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return 0
		}
		marker := b[i+1]
		if marker == 0xda || marker == 0xd9 { // start of scan: no more metadata
			return 0
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		seg := b[i+4 : min(len(b), i+2+n)]
		if marker == 0xe1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 0
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[off:]))
	for k := 0; k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}
