// Package document is the render-neutral shape of what a programme's outputs contain: a report
// (cover, 承诺书, 目录, chapters, tables, signature blocks) and a summary table. The domain builds
// these from a programme template and an enterprise's answers; the renderers in dossier/render/...
// turn them into PDF and XLSX without knowing anything about programmes or rules.
package document

import "time"

// Report is a bound document such as 项目资金申请报告: an optional cover, then blocks in order.
type Report struct {
	// Title is the document's name as the notice gives it (项目资金申请报告); PDF metadata title.
	Title string
	// Subject names the programme (2019年山西省技术改造专项资金技术创新提升专项); PDF metadata subject.
	Subject string
	// Author is the applying unit; PDF metadata author.
	Author string
	// Created is the creation time written into the file (renderers must not call time.Now).
	Created time.Time
	// Cover, when not nil, is printed first on a page of its own without a page number.
	Cover *Cover
	// Blocks are the body in order. A TOC block marks where the 目录 goes.
	Blocks []Block
	// Letter, when not nil, makes the report a letter laid out per GB/T 9704 (letter.go).
	Letter *Letter
	// Appendix are the attachments bound after the report's own pages (附件1 营业执照…), in
	// order: the 目录 lists each with its first page, numbered on from the report.
	Appendix []AppendixEntry
	// AppendixIndex, when not empty, is the title of a page of its own (证明材料索引, 附件目录)
	// after the report's own pages and before the attachments, listing each with its first page.
	AppendixIndex string
}

// AppendixEntry is one attachment bound after a report: its 目录 title and its page count.
type AppendixEntry struct {
	Title string // 附件1 营业执照副本复印件
	Pages int
	// Placeholder, when every entry has one, makes the renderer print the attachments
	// itself: one page each with this text (附件1 营业执照副本复印件（未提供，请在此处插入）).
	Placeholder string
}

// Cover is a report's title page.
type Cover struct {
	Programme string      // programme title, above the document title (may be long: wraps)
	Title     string      // document title, large (项目资金申请报告)
	Lines     []CoverLine // label/value lines in the lower half (申报单位（盖章）：…)
	Date      string      // 二〇一九年五月二十日 or 2019年5月20日, centred at the bottom
}

// CoverLine is one "label：value" line on a cover; Seal marks a line that the unit stamps (盖章).
type CoverLine struct {
	Label string
	Value string
	Seal  bool
}

// Block is one element of a report body: *Heading, *Paragraph, *KeyValues, *Table, *Signature,
// *TOC or *PageBreak.
type Block interface{ isBlock() }

// Heading starts a part of the report. Level 1 headings (第一章 …, 承诺书) start a new page and
// appear in the 目录; level 2 headings (一、…) appear in the 目录 indented; level 3 do not.
type Heading struct {
	Level int
	Text  string
	// Centered headings (承诺书, 目录) are centred; chapter headings are left-aligned.
	Centered bool
	// NoTOC keeps a level-1 or 2 heading out of the 目录 (the cover letter's title, say).
	NoTOC bool
	// SamePage keeps a level-1 heading on the current page (short chapters).
	SamePage bool
}

// Paragraph is running Chinese text, first line indented by two characters unless NoIndent.
// Newlines in Text separate paragraphs.
type Paragraph struct {
	Text     string
	NoIndent bool
	// Align: "" (justified/left), "right" (dates, signatures) or "center".
	Align string
}

// KeyValues is a bordered two-column (label | value) or four-column (label | value | label |
// value) table, the 基本信息表 shape. Pairs with Wide set take a whole row.
type KeyValues struct {
	Caption string // optional caption above the table (表1 企业基本情况)
	Columns int    // 2 or 4
	Pairs   []Pair
}

// Pair is one label and its value in a KeyValues table.
type Pair struct {
	Label string
	Value string
	Wide  bool // spans the whole row in a 4-column table (long text such as 建设内容)
}

// Table is a bordered table with a header row repeated on every page it spans.
type Table struct {
	Caption string
	Columns []Column
	Rows    [][]string
	// Total, when not nil, is a last row printed in bold (合计).
	Total []string
}

// Column is one column of a Table or Sheet.
type Column struct {
	Header string // 项目名称
	Unit   string // 万元: shown as a second header line （万元）, never split across lines
	// Width is relative: the renderer shares the available width in proportion.
	Width float64
	// Align: "left", "center" or "right" (numbers).
	Align string
	// Kind tells the spreadsheet renderer how to store the cell: "text" (default), "money"
	// (万元, two decimals), "int", "percent" (0.0523 shown as 5.23%), "date" (YYYY-MM-DD).
	Kind string
}

// Signature is the block at the end of a 承诺书 or letter: lines such as 法定代表人（签字）：____,
// the place for the seal, and the date, right-aligned.
type Signature struct {
	Lines []SignLine
	Date  string // 2019年5月20日, or "年  月  日" blanks for hand filling
}

// SignLine is one line of a signature block.
type SignLine struct {
	Label string // 法定代表人（签字）
	Value string // printed name, may be empty (a blank line for handwriting)
	Seal  bool   // marks the place where the unit's seal goes (（盖章）)
}

// TOC marks the place of the 目录: the renderer lists level-1 and level-2 headings with pages.
type TOC struct{}

// PageBreak starts a new page.
type PageBreak struct{}

func (*Heading) isBlock()   {}
func (*Paragraph) isBlock() {}
func (*KeyValues) isBlock() {}
func (*Table) isBlock()     {}
func (*Signature) isBlock() {}
func (*TOC) isBlock()       {}
func (*PageBreak) isBlock() {}

// Sheet is a summary table (汇总表) for a spreadsheet: a merged title row, an optional
// subtitle (填报单位（盖章）：…  日期), a header, rows of typed cells, an optional total row.
type Sheet struct {
	Name     string // worksheet name (≤ 31 characters)
	Title    string // 2019年山西省技术改造专项资金技术创新提升专项项目申报汇总表
	Subtitle string // left-aligned line under the title
	Columns  []Column
	Rows     [][]Cell
	Total    []Cell // optional 合计 row
	Note     string // optional footnote under the table (填报说明)
}

// Cell is one typed spreadsheet value. Exactly one of the fields is meaningful, chosen by the
// column's Kind: Text for "text" and "date" (YYYY-MM-DD), Number for "money", "int" and
// "percent". Number is a decimal string ("1500.00", "0.0523") so no float rounding creeps in
// before the renderer; empty means a blank cell.
type Cell struct {
	Text   string
	Number string
}
