package programme

// The documents of a package as compiled from a template's outputs: every text and
// expression is compiled into the object that uses it, so an Output (or a copy of it) builds
// its document without looking anything up.

// OutputKind is what an output is.
type OutputKind string

// Output kinds.
const (
	KindReport OutputKind = "report" // a PDF report
	KindSheet  OutputKind = "sheet"  // an xlsx summary sheet (汇总表)
)

// Output is one document of the package.
type Output struct {
	ID   string
	Kind OutputKind
	// File is the file name as written; it may hold {{ … }} (Evaluation.FileName fills it).
	File string
	// Print says how the notice wants paper copies; nil: none.
	Print *Print
	// Style is how a report is laid out: as a report, or as a letter (GB/T 9704, letter.go).
	Style Style
	// Attachments binds the dossier's attachments after this report (attachments.go).
	Attachments bool
	// AttachmentIndex, with Attachments, is the title of the index page (附件目录, 证明材料索引)
	// bound before the attachments; "" for none.
	AttachmentIndex string
	// Sheet is a summary sheet's definition; nil for reports.
	Sheet *Sheet

	file, title *Text
	when        *program // nil: always
	cover       *cover
	blocks      []block
	letter      *letter // nil unless the report is laid out as a letter (style: letter)
}

// BlockIDs are the ids of a report's blocks that have one, in order: what a child template
// names to replace, remove or place blocks (templates/README.md "继承").
func (o *Output) BlockIDs() []string {
	var ids []string
	for _, b := range o.blocks {
		if b.id != "" {
			ids = append(ids, b.id)
		}
	}
	return ids
}

// ItemIDs are the ids of the items of the report's keyvalues block id that have one, in
// order: what a child's block written with merge: true replaces or places items beside.
func (o *Output) ItemIDs(id string) []string {
	var ids []string
	for _, b := range o.blocks {
		if b.id == id && b.keyValues != nil {
			for _, l := range b.keyValues.items {
				if l.id != "" {
					ids = append(ids, l.id)
				}
			}
		}
	}
	return ids
}

// Style is the layout of a report.
type Style string

// Report styles.
const (
	StyleReport Style = "report" // also ""
	StyleLetter Style = "letter"
)

// Binding is how paper copies are bound.
type Binding string

// Sides is how paper copies are printed.
type Sides string

// Bindings and print sides a template may name.
const (
	BindingLeft  Binding = "left" // bound on the left edge
	BindingNone  Binding = "none" // loose sheets
	SidesDuplex  Sides   = "duplex"
	SidesSimplex Sides   = "simplex"
)

// Print says how the notice wants paper copies of an output.
type Print struct {
	Copies  int
	Binding Binding // "" as left
	Seal    bool    // cross-page seal (骑缝章)
	Note    string  // who seals, what else: shown in the print list
	Sides   Sides   // "" as duplex
	// SealMark false leaves the light box marking the 骑缝章 place off the pages.
	SealMark *bool
}

// Sheet is a summary table (汇总表): one row per dossier, or one per row of a table field.
type Sheet struct {
	// Columns are the sheet's columns.
	Columns []Column
	// Total is the total row as written, one entry per column: "sum", a 合计 text or "".
	Total []string
	// Rows is the table field whose rows make the sheet's rows; "" for one row per dossier.
	Rows string
	// Name (the worksheet's), Title, Subtitle and Note are the texts as written; they may hold
	// {{ … }} (the document has them filled).
	Name, Title, Subtitle, Note string

	rows                        *rowSource // nil for one row per dossier
	name, title, subtitle, note *Text
}

// ColumnKind is how a column writes its values. The zero value is a column whose template
// leaves the kind out: a sheet shows its cells as text, a report table writes a number in it
// as money is written (grouped, two decimals).
type ColumnKind string

// Column kinds, as templates write them ("integer", the field types' word, is read as int).
const (
	ColumnUnset   ColumnKind = ""
	ColumnText    ColumnKind = "text"
	ColumnMoney   ColumnKind = "money"
	ColumnInt     ColumnKind = "int"
	ColumnPercent ColumnKind = "percent"
	ColumnDate    ColumnKind = "date"
)

// Align is where a column's cells sit; the zero value follows the kind (numbers on the right,
// text and dates on the left).
type Align string

// Alignments, as templates write them.
const (
	AlignByKind Align = ""
	AlignLeft   Align = "left"
	AlignCenter Align = "center"
	AlignRight  Align = "right"
)

// Column is a column of a report table or a summary sheet.
type Column struct {
	Header string // as written; may hold {{ … }} (the document has it filled)
	Unit   string
	Kind   ColumnKind
	Width  float64
	Align  Align
	Value  string // the value expression as written

	header *Text
	value  *program
}

// rowSource is where a table, a repeat or a sheet takes its rows from: a table field.
type rowSource struct {
	path   string // the table field path, enterprise.finance
	rec    *record
	where  *program
	sortBy string
}

type cover struct {
	programme, title, date *Text
	lines                  []line
}

// line is a label and value: from a field (its label and formatted value) or from texts.
type line struct {
	id           string // a keyvalues item's id, "" when it has none
	field        string
	label, value *Text
	hasLabel     bool
	seal, wide   bool
}

// block is one block of a report; exactly one of its kinds is set.
type block struct {
	id                        string // "" when the block has none
	when                      *program
	heading, paragraph        *Text
	level                     int
	samePage, centered, noTOC bool
	align                     string
	noIndent, toc, pageBreak  bool
	keyValues                 *keyValues
	table                     *table
	signature                 *signature
	repeat                    *repeat
	annex                     []*Text
}

type keyValues struct {
	caption *Text
	columns int
	items   []line
}

type table struct {
	caption   *Text
	rows      rowSource
	columns   []Column
	total     []*Text
	sum       []bool // total entry j is "sum"
	transpose bool
}

type signature struct {
	lines []line
	date  *Text
}

type repeat struct {
	rows   rowSource
	blocks []block
}

type letter struct {
	number, signer, date *Text
}

// Simplex reports whether the notice's paper copies are printed single-sided. Double-sided
// is the default: mirrored margins, every part starting on a right-hand page.
func (ps *Print) Simplex() bool { return ps != nil && ps.Sides == SidesSimplex }

// ShowSealMark reports whether the pages show the light box where the 骑缝章 goes: only when
// a seal is asked for, and unless the template says seal_mark: false.
func (ps *Print) ShowSealMark() bool {
	return ps != nil && ps.Seal && (ps.SealMark == nil || *ps.SealMark)
}
