// Package pdf renders a document.Report as an A4 PDF in the style of Chinese government
// application materials: GB/T 9704-like margins relaxed for 申报材料, Song body text with
// Hei headings, a cover without a page number, "— N —" page numbers, a 目录 with real page
// numbers, bordered tables whose rows never split, Chinese line breaking (避头尾), and the
// print options (binding margin, cross-page seal strip, 草稿 watermark).
//
// It draws with codeberg.org/go-pdf/fpdf but breaks lines itself (see linebreak.go), because
// fpdf's word wrapping knows nothing of Chinese punctuation rules. Output is deterministic:
// the same report and options give the same bytes.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/document"
)

// Options choose the variant of the layout.
type Options struct {
	// Draft prints a diagonal light-grey 草稿 watermark behind the text of every page.
	Draft bool
	// Print lays the pages out for binding and double-sided printing (GB/T 9704): mirrored
	// margins with the 28 mm 订口 on the inner edge (26 mm outside), "— N —" on the outer edge
	// (odd pages right, even pages left), and every part (the cover, each front-matter piece
	// such as the 承诺书, the 目录, the body) starting on a right-hand page after an unnumbered
	// blank page where needed; the document ends on a left-hand page. The 156 mm text block
	// is as wide as on screen, so lines break the same way.
	Print bool
	// Simplex, with Print, lays the pages out for single-sided printing instead: the 订口 on
	// the left and the page number on the right of every page, no blank pages.
	Simplex bool
	// Unbound, with Print, is a print copy that is not bound (a loose letter, a 自查表): the
	// text block stays centred (27 mm each side) while the page numbers, the seal strip and
	// the right-hand starts are those of the print layout.
	Unbound bool
	// Seal marks the cross-page seal (骑缝章) zone: a thin light-grey dashed box ~42 mm tall
	// on the outer (fore-) edge of every page, vertically centred, which no content touches.
	Seal bool
	// Face is the body face: FaceSong (the default) or FaceFang (仿宋, for the 代拟稿 letters,
	// GB/T 9704's 3号仿宋 body). Headings stay Hei.
	Face Face
}

// Face is a body face role.
type Face int

// The body faces. Fang covers GB 2312 and part of GBK; a character it lacks is set in Song.
const (
	FaceSong Face = iota
	FaceFang
)

// ErrEmpty is returned for a nil report or one with neither a cover nor blocks.
var ErrEmpty = errors.New("pdf: empty report")

// Render writes r as PDF to w. It never panics: fpdf errors (sticky inside fpdf) and panics
// are returned as errors, and nothing is written to w unless rendering succeeded.
func Render(w io.Writer, r *document.Report, o Options) error {
	_, err := RenderLayout(w, r, o)
	return err
}

// RenderLayout is Render, and says how the pages came out (attach.go).
func RenderLayout(w io.Writer, r *document.Report, o Options) (lay Layout, err error) {
	if r == nil || (r.Cover == nil && len(r.Blocks) == 0) {
		return lay, ErrEmpty
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: render panicked: %v", p)
		}
	}()
	if r.Letter != nil {
		o.Face = FaceFang // GB/T 9704: the body of a letter is 仿宋
	}
	full, err := loadFonts()
	if err != nil {
		return lay, err
	}
	faces, err := cut(full, r, o.Face == FaceFang)
	if err != nil {
		return lay, err
	}
	var rd *renderer
	for _, pitch := range letterPitches(r) {
		if rd, err = layout(r, o, full, faces, pitch); err != nil {
			return lay, err
		}
		if !rd.signAlone {
			break
		}
	}
	if err := rd.finish(); err != nil {
		return lay, err
	}
	var buf bytes.Buffer
	if err := rd.pdf.Output(&buf); err != nil {
		return lay, fmt.Errorf("pdf: writing: %w", err)
	}
	lay = Layout{Pages: rd.pdf.PageNo(), CoverPages: rd.coverPages}
	_, err = w.Write(compact(tagSubsets(buf.Bytes())))
	return lay, err
}

// layout lays the report out in one pass: the page numbers of the 目录 and of an attachment
// index are drawn once the pages they point to are known (numbers.go).
func layout(r *document.Report, o Options, full *fontSet, faces *cutFonts, letterPitch float64) (*renderer, error) {
	rd, err := newRenderer(r, o, full, faces)
	if err != nil {
		return nil, err
	}
	rd.letterPitch = letterPitch
	if err = rd.render(); err != nil {
		return nil, err
	}
	return rd, nil
}

// Font families as registered with fpdf. fpdf names a UTF-8 font "utf8"+family in the file;
// the first three letters of the family ("sub") make that name exactly as long as a subset
// tag "ABCDEF+", so tagSubsets can rename the fonts in place without moving any object.
const (
	famSong = "subnotoserifcjksc"
	famHei  = "subnotosanscjksc"
	famFang = "subfandolfang"
)

// tagSubsets renames "/utf8sub<name>" to "/XXXXXX+<name>": PDF readers (and pdffonts) then
// know the fonts are subsets. The tag is derived from the file's own hash, so it is stable for
// the same input and differs between different subsets.
func tagSubsets(b []byte) []byte {
	sum := sha256.Sum256(b)
	for i, fam := range []string{famSong, famHei, famFang} {
		var tag [7]byte
		for j := 0; j < 6; j++ {
			tag[j] = 'A' + sum[6*i+j]%26
		}
		tag[6] = '+'
		old := []byte("/utf8" + fam)
		repl := append([]byte("/"), tag[:]...)
		repl = append(repl, fam[3:]...)
		b = bytes.ReplaceAll(b, old, repl)
	}
	return b
}

// newRenderer makes an fpdf document with the fonts, metadata and page decorations set up.
func newRenderer(r *document.Report, o Options, fonts *fontSet, faces *cutFonts) (*renderer, error) {
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	if o.Face != FaceFang || needsSong(fonts, r) {
		p.AddUTF8FontFromBytes(famSong, "", faces.song)
	}
	p.AddUTF8FontFromBytes(famHei, "", faces.hei)
	if o.Face == FaceFang {
		fang, err := faces.fang()
		if err != nil {
			return nil, err
		}
		p.AddUTF8FontFromBytes(famFang, "", fang)
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf: loading fonts: %w", err)
	}
	created := r.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC() // never time.Now: output must be reproducible
	}
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetCompression(false) // compact compresses the pages, once
	p.SetTitle(r.Title, true)
	p.SetSubject(r.Subject, true)
	p.SetAuthor(r.Author, true)
	p.SetCreator("Dossier", true)
	p.SetProducer("Dossier (fpdf)", true)
	p.SetLang("zh-CN")
	p.SetAutoPageBreak(false, 0) // the renderer breaks pages itself, never inside a row
	p.SetMargins(0, 0, 0)

	rd := &renderer{pdf: p, r: r, o: o, fonts: fonts, headingPages: map[int]int{}}
	rd.left, rd.right = o.Margins(1)
	rd.top, rd.bottom = marginTop, marginBottom
	rd.width = pageW - rd.left - rd.right
	p.SetHeaderFuncMode(rd.pageHeader, false)
	p.SetFooterFunc(rd.pageFooter)
	return rd, nil
}
