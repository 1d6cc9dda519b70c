package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"dossier/dossier/decimal"
	"dossier/dossier/document"
)

// RenderSheet prints a summary table (汇总表) for the print/ folder: the same sheet as the
// xlsx, laid out to be printed, signed and sealed. Pages are A4 landscape, or A3 landscape
// when the columns cannot fit A4 at 8 pt; text is never smaller than 8 pt; the title and the
// column header are repeated on every page; the footer reads 第 N 页 共 M 页; column widths
// follow the content (short cells, numbers, dates and codes are never split); a row taller
// than a page is cut between lines; the seal/signature block comes after the table.

// SheetOptions choose the variant of a printed summary table. The zero value is valid.
type SheetOptions struct {
	// Draft prints a light-grey 草稿 watermark on every page.
	Draft bool
	// Created is the PDF's creation date; zero writes 1970-01-01 (output is reproducible).
	Created time.Time
	// Seals are the places to sign and seal under the table (Label such as
	// "所属地科技管理部门（盖章）", an optional printed Value). Empty: the parts of the sheet's
	// Subtitle that name a 盖章 (宁波: 所属地科技管理部门、财政部门、税务部门), else one generic
	// "填报单位（盖章）" place.
	Seals []document.SignLine
	// Date is printed under each seal; empty prints "年　月　日" blanks for hand filling.
	Date string
}

// Sheet page geometry (mm) and the type sizes tried, largest first.
const (
	sheetMargin   = 12
	sheetTop      = 12
	sheetBottom   = 16
	sheetMinSize  = 8 // points: the smallest text of a printed table
	sheetWideCell = 45.0
	sealBlockH    = 40
)

var sheetSizes = []float64{10.5, 9, sheetMinSize}

type paper struct{ w, h float64 }

var papers = []paper{{297, 210}, {420, 297}} // A4 and A3, landscape

// RenderSheet writes s as a printable PDF to w. It never panics, and writes nothing to w
// unless rendering succeeded. Layout is one pass: the footers are drawn at the end.
func RenderSheet(w io.Writer, s *document.Sheet, o SheetOptions) (err error) {
	if s == nil || len(s.Columns) == 0 {
		return errors.New("汇总表没有列，无法生成打印版")
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: render panicked: %v", p)
		}
	}()
	full, err := loadFonts()
	if err != nil {
		return err
	}
	t := newSheetText(s, o)
	set := map[rune]bool{}
	if err := t.runes(set, full); err != nil {
		return err
	}
	faces, err := cutFor(full, set, false)
	if err != nil {
		return err
	}
	sl, err := newSheetLayout(t, o, full, faces)
	if err != nil {
		return err
	}
	pages := sl.render()
	// 第 N 页 共 M 页 is drawn once the page count is known, on each page in turn.
	for n := 1; n <= pages; n++ {
		sl.d.pdf.SetPage(n)
		sl.d.pdf.SetFont(famHei, "", 9) // forces the page's own font selection for the footer
		sl.footer(n, pages)
	}
	if err := sl.d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := sl.d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdf: writing: %w", err)
	}
	_, err = w.Write(compact(tagSubsets(buf.Bytes())))
	return err
}

// sheetText is the sheet as the strings that are printed.
type sheetText struct {
	title, subtitle, note string
	headers               []string // header, with the unit on a line of its own
	aligns                []string
	numeric               []bool
	rows                  [][]string
	total                 []string
	seals                 []document.SignLine
	date                  string
}

func newSheetText(s *document.Sheet, o SheetOptions) *sheetText {
	t := &sheetText{title: s.Title, note: s.Note, date: o.Date}
	if t.date == "" {
		t.date = "年　　月　　日"
	}
	t.subtitle, t.seals = splitSeals(s.Subtitle)
	if len(o.Seals) > 0 {
		t.seals = o.Seals
	}
	if len(t.seals) == 0 {
		t.seals = []document.SignLine{{Label: "填报单位（盖章）", Seal: true}}
	}
	for _, c := range s.Columns {
		h := c.Header
		if c.Unit != "" {
			h += "\n（" + c.Unit + "）"
		}
		t.headers = append(t.headers, h)
		t.aligns = append(t.aligns, alignOf(c))
		t.numeric = append(t.numeric, c.Kind == "money" || c.Kind == "int" || c.Kind == "percent")
	}
	conv := func(cells []document.Cell) []string {
		out := make([]string, len(s.Columns))
		for j := range out {
			if j < len(cells) {
				out[j] = cellString(s.Columns[j].Kind, cells[j])
			}
		}
		return out
	}
	for _, r := range s.Rows {
		t.rows = append(t.rows, conv(r))
	}
	if s.Total != nil {
		t.total = conv(s.Total)
	}
	return t
}

// cellString is a cell as printed: money grouped with two decimals (more if given), a
// percentage ×100, other numbers and texts as they are.
func cellString(kind string, c document.Cell) string {
	num := strings.TrimSpace(c.Number)
	if num == "" {
		return c.Text
	}
	d, err := decimal.Parse(num)
	if err != nil {
		return num
	}
	switch kind {
	case "money":
		return d.Grouped(max(d.Scale(), 2))
	case "percent":
		return d.Percent(max(d.Scale()-2, 2))
	}
	return num
}

// splitSeals takes the parts of a subtitle that name a seal (…（盖章）：value) out of it:
// "所属地科技管理部门（盖章）：镇海区科技局　　财政部门（盖章）：" gives two seal places and an
// empty rest. Parts are separated by two or more spaces or by full-width spaces.
func splitSeals(sub string) (rest string, seals []document.SignLine) {
	var keep []string
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(sub, "  ", "　"), func(r rune) bool { return r == '　' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "盖章") {
			keep = append(keep, part)
			continue
		}
		label, value, _ := strings.Cut(part, "：")
		seals = append(seals, document.SignLine{Label: strings.TrimSpace(label), Value: strings.TrimSpace(value), Seal: true})
	}
	return strings.Join(keep, "　　"), seals
}

// runes adds every printed character to set; one the fonts fs cannot print is a *CharError.
func (t *sheetText) runes(set map[rune]bool, fs *fontSet) error {
	var bad error
	add := func(ss ...string) {
		for _, s := range ss {
			for _, c := range s {
				if bad == nil && !set[c] && !fs.prints(c) {
					bad = &CharError{Text: s, Char: c}
				}
				set[c] = true
			}
		}
	}
	for c := rune(0x20); c < 0x7f; c++ {
		set[c] = true
	}
	add("第页共（盖章）：草稿续表年月日　", t.title, t.subtitle, t.note, t.date)
	add(t.headers...)
	add(t.total...)
	for _, r := range t.rows {
		add(r...)
	}
	for _, s := range t.seals {
		add(s.Label, s.Value)
	}
	return bad
}

// sheetLayout is one pass of a printed sheet.
type sheetLayout struct {
	d      *renderer // for measuring and drawing text with font fallback
	t      *sheetText
	o      SheetOptions
	pg     paper
	size   float64 // type size of the table, points
	widths []float64
}

func newSheetLayout(t *sheetText, o SheetOptions, full *fontSet, faces *cutFonts) (*sheetLayout, error) {
	sl := &sheetLayout{t: t, o: o}
	// One document measures and draws: the fonts are parsed once, and every page is added
	// with the paper fit chose (AddPageFormat).
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	p.AddUTF8FontFromBytes(famSong, "", faces.song)
	p.AddUTF8FontFromBytes(famHei, "", faces.hei)
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf: loading fonts: %w", err)
	}
	sl.d = &renderer{pdf: p, fonts: full}
	sl.pg, sl.size, sl.widths = sl.fit()
	created := o.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetCompression(false) // compact compresses the pages, once
	p.SetTitle(t.title, true)
	p.SetCreator("Dossier", true)
	p.SetProducer("Dossier (fpdf)", true)
	p.SetLang("zh-CN")
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	d := sl.d
	d.left, d.right, d.top, d.bottom = sheetMargin, sheetMargin, sheetTop, sheetBottom
	d.width = sl.pg.w - 2*sheetMargin
	p.SetHeaderFuncMode(sl.watermark, false)
	return sl, nil
}

// addPage starts a page of the chosen paper.
func (sl *sheetLayout) addPage() {
	sl.d.pdf.AddPageFormat("P", fpdf.SizeType{Wd: sl.pg.w, Ht: sl.pg.h})
	sl.d.y = sl.d.top
}

func (sl *sheetLayout) watermark() {
	if !sl.o.Draft {
		return
	}
	p := sl.d.pdf
	p.SetTextColor(215, 215, 215)
	p.SetFont(famHei, "", 120)
	const mark = "草稿"
	w := p.GetStringWidth(mark)
	p.TransformBegin()
	p.TransformRotate(30, sl.pg.w/2, sl.pg.h/2)
	p.Text(sl.pg.w/2-w/2, sl.pg.h/2+0.38*120*ptMM, mark)
	p.TransformEnd()
	p.SetTextColor(0, 0, 0)
}

// footer prints 第 N 页 共 M 页 centred under the table, in 9 pt.
func (sl *sheetLayout) footer(n, total int) {
	s := fmt.Sprintf("第 %d 页 共 %d 页", n, total)
	st := style{famSong, 9}
	w := sl.d.measure(st, s)
	sl.d.text(st, (sl.pg.w-w)/2, sl.pg.h-sheetBottom/2, s, 0)
}
