package pack_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier"
	"dossier/dossier/internal/pdfprobe"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// scanPDF writes a PDF of n pages, each saying "SCAN <tag> <i>" well inside the margins
// (landscape A4 when wide).
func scanPDF(t testing.TB, path, tag string, n int, wide bool) {
	t.Helper()
	orient := "P"
	if wide {
		orient = "L"
	}
	p := fpdf.New(orient, "mm", "A4", "")
	p.SetFont("Helvetica", "", 14)
	for i := 1; i <= n; i++ {
		p.AddPage()
		p.Text(60, 60, fmt.Sprintf("SCAN %s %d", tag, i))
	}
	if err := p.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// photoJPEG writes a 400×200 JPEG, red on the left and blue on the right, with an EXIF
// Orientation tag (0: none).
func photoJPEG(t testing.TB, path string, orientation int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 400; x++ {
			c := color.RGBA{220, 0, 0, 255}
			if x >= 200 {
				c = color.RGBA{0, 0, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if orientation > 0 {
		// APP1 "Exif\0\0" + a big-endian TIFF header with one IFD0 entry: 0x0112 SHORT 1.
		tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
		binary.BigEndian.PutUint16(tiff[18:], uint16(orientation))
		seg := append([]byte("Exif\x00\x00"), tiff...)
		app1 := []byte{0xff, 0xe1, 0, 0}
		binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
		b = slices.Concat(b[:2], app1, seg, b[2:])
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func smallPNG(t testing.TB, path string) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 300, 420))
	for i := range img.Pix {
		img.Pix[i] = 90
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// attachedDemo is the techinnov demo with attachments: a 3-page PDF licence, an audit report
// of a JPEG photographed turned right (EXIF 6) and a PNG, a landscape 1-page PDF for the
// 技术中心 certificate, and the 加计扣除 proof missing (a placeholder).
func attachedDemo(t testing.TB) *programme.Evaluation {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "附件"), 0o755); err != nil {
		t.Fatal(err)
	}
	scanPDF(t, filepath.Join(dir, "附件", "营业执照.pdf"), "LICENCE", 3, false)
	photoJPEG(t, filepath.Join(dir, "附件", "审计报告.jpg"), 6)
	smallPNG(t, filepath.Join(dir, "附件", "审计报告2.png"))
	scanPDF(t, filepath.Join(dir, "center.pdf"), "CENTER", 1, true)
	return demoEval(t, func(f *dossier.File) {
		f.Dir = dir
		f.Attachments = map[string][]string{
			"business-licence":        {"附件/营业执照.pdf"},
			"audit-report":            {"附件/审计报告.jpg", `附件\审计报告2.png`},
			"tech-center-certificate": {filepath.Join(dir, "center.pdf")},
		}
	})
}

var tocEntry = regexp.MustCompile(`(附件\d) [^\n]*?\.{3,}\s*(\d+)`)

// tocPages reads the 目录's attachment entries: 附件N → printed page.
func tocPages(t *testing.T, pages []pdfprobe.Page) map[string]int {
	t.Helper()
	for _, p := range pages {
		text := p.Text()
		if !strings.Contains(text, "目") || !strings.Contains(text, "附件1") {
			continue
		}
		out := map[string]int{}
		for _, m := range tocEntry.FindAllStringSubmatch(strings.ReplaceAll(text, "\n", ""), -1) {
			n, _ := strconv.Atoi(m[2])
			out[m[1]] = n
		}
		return out
	}
	t.Fatal("no 目录 lists the attachments")
	return nil
}

// folioPage finds the physical page (1-based) printed with number n.
func folioPage(pages []pdfprobe.Page, n int) int {
	for i, p := range pages {
		if f, _, ok := p.Folio(p.Height*pdfprobe.PtMM - 25); ok && f == n {
			return i + 1
		}
	}
	return 0
}

// TestAttachmentsBound: the attachments follow the report in template order; the page count
// is the report's plus the attachments' plus the placeholder; the 目录 gives each its real
// first page; the numbers run on at the outer edge of the print copies, the seal strip stays
// clear; the EXIF-6 photo comes out upright; the missing one has its placeholder and is in
// the manifest.
func TestAttachmentsBound(t *testing.T) {
	ev := attachedDemo(t)
	out := filepath.Join(t.TempDir(), "pkg")
	if k := os.Getenv("KEEP"); k != "" {
		out = k
	}
	m, err := pack.Build(ev, pack.Options{Out: out, Now: when, Generator: "dossier test"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.MissingAttachments, []string{"rd-deduction-proof"}) {
		t.Errorf("manifest missing_attachments = %v", m.MissingAttachments)
	}
	raw, _ := os.ReadFile(filepath.Join(out, pack.ManifestName))
	var disk map[string]any
	if err := json.Unmarshal(raw, &disk); err != nil || fmt.Sprint(disk["missing_attachments"]) != "[rd-deduction-proof]" {
		t.Errorf("manifest.json missing_attachments: %v (%v)", disk["missing_attachments"], err)
	}

	// The package's copy of the data file names the attachments by absolute path: it lives in
	// another folder than the one they were relative to.
	cp, err := dossier.ReadFile(pack.FindDataFile(out))
	if err != nil {
		t.Fatal(err)
	}
	for id, files := range cp.Attachments {
		for _, f := range files {
			if _, err := os.Stat(f); !filepath.IsAbs(f) || err != nil {
				t.Errorf("the package's data file names %s's file as %q", id, f)
			}
		}
	}

	plain := filepath.Join(t.TempDir(), "plain")
	if _, err := pack.Build(demoEval(t, nil), pack.Options{Out: plain, Now: when}); err != nil {
		t.Fatal(err)
	}
	screen, err := pdfprobe.Pages(filepath.Join(out, techinnovReport))
	if err != nil {
		t.Fatal(err)
	}
	toc := tocPages(t, screen)
	want := map[string]string{"附件1": "SCAN LICENCE 1", "附件3": "SCAN CENTER 1", "附件4": "附件4 2018年度研发费用加计扣除优惠明细表"}
	for n, text := range want {
		at := folioPage(screen, toc[n])
		if at == 0 || !strings.Contains(strings.ReplaceAll(screen[at-1].Text(), "\n", ""), text) {
			t.Errorf("目录 says %s is on page %d; that page (physical %d) does not show %q", n, toc[n], at, text)
		}
	}
	// The report alone is the plain build's report less its 4 placeholders; the attachments
	// add 3 + 2 + 1 pages and one placeholder.
	plainPages := pdfPages(t, filepath.Join(plain, techinnovReport))
	if got, wantN := len(screen), plainPages-4+3+2+1+1; got != wantN {
		t.Errorf("%d pages, want report %d + 6 attachment pages + 1 placeholder = %d", got, plainPages-4, wantN)
	}
	if toc["附件2"] != toc["附件1"]+3 || toc["附件3"] != toc["附件2"]+2 || toc["附件4"] != toc["附件3"]+1 {
		t.Errorf("目录 pages %v do not follow the attachments' lengths 3, 2, 1", toc)
	}
	last := screen[len(screen)-1]
	if !strings.Contains(strings.ReplaceAll(last.Text(), "\n", ""), "（未提供，请在此处插入）") {
		t.Errorf("the last page is not the placeholder: %q", last.Text())
	}

	// The photo: an upright portrait page, red above blue (turned right as EXIF 6 says).
	photo := folioPage(screen, toc["附件2"])
	if p := screen[photo-1]; p.Width > p.Height {
		t.Errorf("the EXIF-6 photo is on a %v×%v page, want portrait", p.Width, p.Height)
	}
	assertRedAboveBlue(t, filepath.Join(out, techinnovReport), photo)
	if center := screen[folioPage(screen, toc["附件3"])-1]; center.Width < center.Height {
		t.Errorf("the landscape certificate is on a %v×%v page", center.Width, center.Height)
	}

	// Print copies: numbers on the outer edge and nothing in the seal strip, attachment pages
	// included; each attachment of each copy starts on a right-hand page.
	pages := probePrint(t, filepath.Join(out, "print", strings.TrimSuffix(techinnovReport, ".pdf")+"（一式十份）.pdf"), true, true, 0)
	per := len(pages) / 10
	if len(pages)%10 != 0 || per%2 != 0 {
		t.Fatalf("%d print pages for ten copies", len(pages))
	}
	ptoc := tocPages(t, pages[:per])
	for n, text := range want {
		at := folioPage(pages[:per], ptoc[n])
		if at%2 != 1 || !strings.Contains(strings.ReplaceAll(pages[at-1].Text(), "\n", ""), text) {
			t.Errorf("print: %s on page %d (physical %d), want a right-hand page showing %q", n, ptoc[n], at, text)
		}
	}
	if f, _, ok := pages[per-1].Folio(297 - 25); ok {
		t.Logf("copy's last page numbered %d", f)
	}
}

// assertRedAboveBlue renders page n and compares the colours above and below its middle.
func assertRedAboveBlue(t *testing.T, path string, n int) {
	t.Helper()
	png := filepath.Join(t.TempDir(), "p")
	if out, err := exec.Command("pdftoppm", "-r", "20", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-png", "-singlefile", path, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(png + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	at := func(fy float64) (r, bl uint32) {
		r, _, bl, _ = img.At(b.Dx()/2, int(float64(b.Dy())*fy)).RGBA()
		return r >> 8, bl >> 8
	}
	r1, b1 := at(0.35)
	r2, b2 := at(0.65)
	if r1 < 150 || b1 > 100 || b2 < 150 || r2 > 100 {
		t.Errorf("page %d: above the middle rgb r=%d b=%d, below r=%d b=%d; want red above blue (the photo upright)", n, r1, b1, r2, b2)
	}
	// Centred in the margins: red 36 mm from the top, white 21 mm from the bottom.
	if r, bl := at(0.12); r < 150 || bl > 100 {
		t.Errorf("page %d: no red near the top (r=%d b=%d): the photo is not centred", n, r, bl)
	}
	if r, bl := at(0.93); r < 200 || bl < 200 {
		t.Errorf("page %d: colour near the bottom (r=%d b=%d): the photo runs into the page number", n, r, bl)
	}
}

// A draft carries its 草稿 watermark on the attachment pages too (stamped with the numbers).
func TestAttachmentsDraftWatermark(t *testing.T) {
	ev := attachedDemo(t)
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := pack.Build(ev, pack.Options{Out: out, Now: when, Draft: true}); err != nil {
		t.Fatal(err)
	}
	pages, err := pdfprobe.Pages(filepath.Join(out, techinnovReport))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		if !strings.Contains(p.Text(), "草") {
			t.Errorf("draft page %d of %d has no watermark", i+1, len(pages))
		}
	}
}

// techinnovReport is the demo's report file name: it carries the unit and the project, as the
// city's disc of many enterprises needs.
const techinnovReport = "项目资金申请报告（山西汾河智能装备有限公司—矿用综采工作面智能控制系统研发费用加计扣除奖励项目）.pdf"
