package pack

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/document"
	"dossier/dossier/render/bind"
	"dossier/dossier/render/pdf"
)

// benchVolume is a 20-page report (cover, 目录, 18 chapters of a page each) and 30 pages of
// attachments: a 25-page scanned PDF and five photographed pages.
func benchVolume(b *testing.B) (*document.Report, *volume) {
	rep := &document.Report{Title: "项目资金申请报告", Cover: &document.Cover{Title: "项目资金申请报告", Date: "2019年5月20日"}}
	rep.Blocks = append(rep.Blocks, &document.TOC{})
	para := strings.Repeat("本项目围绕煤矿综采工作面智能控制开展研发，形成自主知识产权的电液控制系统。", 14)
	for i := 1; i <= 18; i++ {
		rep.Blocks = append(rep.Blocks, &document.Heading{Level: 1, Text: fmt.Sprintf("第%d章 项目内容", i)},
			&document.Paragraph{Text: para + "\n" + para})
	}
	dir := b.TempDir()
	v := &volume{tmp: dir}
	scan := filepath.Join(dir, "scan.pdf")
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 12)
	for i := 0; i < 25; i++ {
		p.AddPage()
		p.Text(40, 40, fmt.Sprintf("audit report page %d", i+1))
		p.Rect(40, 50, 120, 200, "D")
	}
	if err := p.OutputFileAndClose(scan); err != nil {
		b.Fatal(err)
	}
	v.parts = append(v.parts, volumePart{files: []string{scan}, pages: 25})
	v.entries = append(v.entries, document.AppendixEntry{Title: "附件1 近三年审计报告", Pages: 25})
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1700))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.Black)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 80}); err != nil {
		b.Fatal(err)
	}
	var photos volumePart
	for i := 0; i < 5; i++ {
		f, err := v.generate(func(w io.Writer) error { return pdf.ImagePage(w, jb.Bytes()) })
		if err != nil {
			b.Fatal(err)
		}
		photos.files = append(photos.files, f)
		photos.pages++
	}
	v.parts = append(v.parts, photos)
	v.entries = append(v.entries, document.AppendixEntry{Title: "附件2 证书", Pages: 5})
	return rep, v
}

// BenchmarkBindAttachments: the print copies of a 20-page report with 30 pages of
// attachments, ten copies in one file (render, merge, stamp, repeat).
func BenchmarkBindAttachments(b *testing.B) {
	rep, v := benchVolume(b)
	o := pdf.Options{Print: true, Seal: true}
	var size, pages int
	for b.Loop() {
		one, err := v.render(rep, o)
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := bind.Bind(&out, bytes.NewReader(one), bind.Options{Copies: 10}); err != nil {
			b.Fatal(err)
		}
		size = out.Len()
		if pages == 0 {
			pages, _ = bind.PageCount(bytes.NewReader(out.Bytes()))
		}
	}
	b.ReportMetric(float64(size)/1024, "KB")
	b.ReportMetric(float64(pages), "pages")
}
