package syntax

// The YAML shape of a template (templates/README.md documents it for template authors). Every
// scalar that is checked after decoding is a Str, so its problems carry file:line.

// Template is one programme's file under templates/.
type Template struct {
	Format  int `yaml:"format"`  // the template format; 1
	ID      Str `yaml:"id"`      // stable programme id, also the file name
	Version int `yaml:"version"` // bumped on every change of the template
	// Extends names the parent template this one is merged over (extends.go).
	Extends Str `yaml:"extends"`
	// Abstract templates only serve as parents: they are compiled but not listed.
	Abstract bool `yaml:"abstract"`
	// Year is the application year (申报年度) that {{ applied_year }} means in field labels
	// and other form texts fixed at load; 0 = the year of Issued.
	Year       int    `yaml:"year"`
	Title      Str    `yaml:"title"`       // full title as the notice names the programme
	ShortTitle string `yaml:"short_title"` // for lists and file names
	Issuer     string `yaml:"issuer"`      // 山西省工业和信息化厅
	Document   string `yaml:"document"`    // 文号, if any
	Issued     Str    `yaml:"issued"`      // the notice's date, YYYY-MM-DD
	// Source says where the form's fields and columns come from: the notice's own attachment,
	// or a reconstruction (and from what), so nobody mistakes a reconstruction for the original.
	Source string `yaml:"source"`
	Notice string `yaml:"notice"` // link or reference to the notice text
	// Disc says how the electronic files are handed in (刻录光盘一式两份…), for the print
	// notes; empty when the notice asks for no disc.
	Disc      string     `yaml:"disc"`
	Deadlines []Deadline `yaml:"deadlines"`
	Sections  []Section  `yaml:"sections"`
	Computed  []Computed `yaml:"computed"`
	Checks    []Check    `yaml:"checks"`
	Rules     []Rule     `yaml:"rules"`
	Outputs   []Output   `yaml:"outputs"`
	// Columns are named sheet and table columns that outputs take with {use: id} (the 高企
	// base's indicators, which every region's summary sheet lists in its own order).
	Columns []Column `yaml:"columns"`
	// Attachments are the documents the notice asks for beside ours, in binding order
	// (attachments.go).
	Attachments []Attachment `yaml:"attachments"`
	// TitleField is the id of the top-level text field that names a dossier (titlefield.go).
	TitleField Str `yaml:"title_field"`
}

// Deadline is a submission deadline; the first whose When holds applies (inclusive).
type Deadline struct {
	ID    Str `yaml:"id"`
	Label Str `yaml:"label"` // 研发费用加计扣除奖励资金项目
	When  Str `yaml:"when"`  // expression; empty = always
	Date  Str `yaml:"date"`  // YYYY-MM-DD, the last day allowed
	// Informational deadlines are someone else's (the city bureau's summary): shown with the
	// dossier, never judged.
	Informational bool `yaml:"informational"`
}

// Section groups fields on the form and in navigation.
type Section struct {
	ID     Str     `yaml:"id"`
	Title  Str     `yaml:"title"`
	Help   string  `yaml:"help"`
	ShowIf Str     `yaml:"show_if"`
	Fields []Field `yaml:"fields"`
}

// Field is one answer on the form, or a column of a table field.
type Field struct {
	// Use takes the field from profile.yaml's shared fields (shared.go); the keys written
	// here replace the shared definition's.
	Use      Str  `yaml:"use"`
	ID       Str  `yaml:"id"`
	Label    Str  `yaml:"label"`
	Type     Str  `yaml:"type"` // text textarea money integer percent date enum bool multi table
	Required bool `yaml:"required"`
	ShowIf   Str  `yaml:"show_if"`
	// RequiredIf makes a field required when the expression holds (top-level fields).
	RequiredIf Str      `yaml:"required_if"`
	Help       string   `yaml:"help"`
	Unit       string   `yaml:"unit"`      // shown after the value (万元 is implied for money)
	MaxChars   int      `yaml:"max_chars"` // 字数 limit for text and textarea
	Min        Str      `yaml:"min"`       // for numbers
	Max        Str      `yaml:"max"`
	Decimals   *int     `yaml:"decimals"` // most decimal places allowed (money: 2)
	Validate   Str      `yaml:"validate"` // a named validator: credit_code phone mobile email postcode idcard
	Options    []Option `yaml:"options"`  // for enum and multi
	Example    string   `yaml:"example"`  // placeholder text
	// Derive is an expression giving the value the field takes by default from others (over
	// the row, for a table's column): the form fills it in (derive.go).
	Derive Str `yaml:"derive"`
	// Table fields.
	Columns   []Field `yaml:"columns"`
	MinRows   int     `yaml:"min_rows"`
	MaxRows   int     `yaml:"max_rows"`
	Numbering Str     `yaml:"numbering"` // row number prefix (IP, RD, PS): rows get no = IP01, IP02…
	Unique    Str     `yaml:"unique"`    // a column whose value must not repeat (year)
	// Ref names a numbered table whose row numbers this text or multi column must reference.
	Ref    Str     `yaml:"ref"`
	Checks []Check `yaml:"checks"` // per-row checks of a table, written over its columns
}

// Option is one choice of an enum or multi field.
type Option struct {
	Value Str    `yaml:"value"`
	Label string `yaml:"label"`
}

// Computed is a value derived from answers, available to rules and outputs by its id.
type Computed struct {
	ID    Str    `yaml:"id"`
	Label string `yaml:"label"`
	Type  Str    `yaml:"type"` // money percent integer text bool
	Expr  Str    `yaml:"expr"`
}

// Check is a consistency check of the data (a failed check makes the data invalid, unlike a
// rule, which makes the enterprise ineligible).
type Check struct {
	ID      Str    `yaml:"id"`
	Field   Str    `yaml:"field"` // the field the problem is shown at
	When    Str    `yaml:"when"`
	Assert  Str    `yaml:"assert"`
	Message Str    `yaml:"message"` // may use {{ … }}
	Warning bool   `yaml:"warning"` // a warning is shown but does not make the data invalid
	Basis   string `yaml:"basis"`
}

// Rule is one eligibility condition of the notice.
type Rule struct {
	ID        Str    `yaml:"id"`
	Label     string `yaml:"label"`                                              // 2018年度主营业务收入
	When      Str    `yaml:"when"`                                               // the rule applies only when this holds
	Assert    Str    `yaml:"assert"`                                             // must hold
	Value     Str    `yaml:"value"`                                              // what the check saw, shown beside the threshold
	Format    string `yaml:"format" enum:"money|percent|integer|text|bool|date"` // how to show Value
	Threshold Str    `yaml:"threshold"`                                          // the notice's threshold in words: ≥ 1500 万元; may use {{ … }}
	Message   Str    `yaml:"message"`                                            // why it fails, in the notice's words; may use {{ … }}
	Basis     string `yaml:"basis"`                                              // where the notice says so: 二、（一）1
}

// Output is one document of the package.
type Output struct {
	ID    Str    `yaml:"id"`
	Kind  Str    `yaml:"kind"` // report | sheet
	File  Str    `yaml:"file"` // file name in the package, as the notice names it; may use {{ … }}
	When  Str    `yaml:"when"`
	Title Str    `yaml:"title"`
	Print *Print `yaml:"print"`
	// Attachments binds the dossier's attachments after this report (attachments.go).
	Attachments bool `yaml:"attachments"`
	// AttachmentIndex, with Attachments, is the title of the index page (附件目录, 证明材料索引)
	// bound before the attachments, listing each with its first page.
	AttachmentIndex Str `yaml:"attachment_index"`
	// Remark is for the template's author (where the layout comes from, what was
	// reconstructed because the notice's original form was not found): never printed.
	Remark string `yaml:"remark"`
	// Style letter lays a report out as a letter (代拟稿 请示, 报告, 函) per GB/T 9704: 3号仿宋
	// body, 22 pt title broken between words, 落款 at the bottom right; see letter.go.
	Style  string  `yaml:"style" enum:"report|letter"`
	Letter *Letter `yaml:"letter"`
	// report
	Cover  *Cover  `yaml:"cover"`
	Blocks []Block `yaml:"blocks"`
	// sheet
	Sheet *Sheet `yaml:"sheet"`
}

// Print says how the notice wants paper copies.
type Print struct {
	Copies  int    `yaml:"copies"`
	Binding string `yaml:"binding" enum:"left|none"` // left: bound on the left edge; none: loose sheets
	Seal    bool   `yaml:"seal"`                     // cross-page seal (骑缝章)
	Note    string `yaml:"note"`                     // who seals, what else: shown in the print list
	// Sides is duplex (the default: mirrored margins, recto starts) or simplex; see print.go.
	Sides string `yaml:"sides"`
	// SealMark false leaves the light box marking the 骑缝章 place off the pages.
	SealMark *bool `yaml:"seal_mark"`
}

// Cover is a report's cover; texts may use {{ … }}.
type Cover struct {
	Programme Str    `yaml:"programme"`
	Title     Str    `yaml:"title"`
	Lines     []Line `yaml:"lines"`
	Date      Str    `yaml:"date"`
}

// Line is a label and value (cover lines, signature lines, key-value items).
type Line struct {
	// ID names a keyvalues item so that a child's block written with merge: true can replace
	// it or place items beside it (extends); optional.
	ID Str `yaml:"id"`
	// Use takes profile.yaml's shared line of that id (a signature line many forms have),
	// with the keys written beside it over its own.
	Use   Str  `yaml:"use"`
	Field Str  `yaml:"field"` // a field path: label and formatted value come from it
	Label Str  `yaml:"label"`
	Value Str  `yaml:"value"` // text with {{ … }}
	Seal  bool `yaml:"seal"`
	Wide  bool `yaml:"wide"`
}

// Block is one block of a report: exactly one of its kinds is set.
type Block struct {
	// ID names a block so that a child template can replace it or place blocks beside it
	// (extends); optional.
	ID        Str        `yaml:"id"`
	When      Str        `yaml:"when"`
	Heading   Str        `yaml:"heading"`
	Level     int        `yaml:"level" enum:"1|2|3"`
	SamePage  bool       `yaml:"same_page"` // a level-1 heading that does not start a page
	Centered  bool       `yaml:"centered"`
	NoTOC     bool       `yaml:"no_toc"`
	Paragraph Str        `yaml:"paragraph"`
	Align     string     `yaml:"align" enum:"justify|center|right"`
	NoIndent  bool       `yaml:"no_indent"`
	KeyValues *KeyValues `yaml:"keyvalues"`
	Table     *Table     `yaml:"table"`
	Signature *Signature `yaml:"signature"`
	TOC       bool       `yaml:"toc"`
	PageBreak bool       `yaml:"pagebreak"`
	Repeat    *Repeat    `yaml:"repeat"`
	// Annex is a letter's 附件 list, one text per attachment (an item that comes out empty is
	// left out): 附件：1. … / 2. …, names aligned (GB/T 9704).
	Annex []Str `yaml:"annex"`
}

// Repeat repeats blocks once per row of a table field (one 研究开发活动情况表 per RD):
// inside, texts and expressions see the row's columns and row_no.
type Repeat struct {
	Rows   Str     `yaml:"rows"`    // a table field path
	Where  Str     `yaml:"where"`   // keep only the rows where this holds
	SortBy string  `yaml:"sort_by"` // a column to sort rows by
	Blocks []Block `yaml:"blocks"`
}

// KeyValues is a 基本信息表-style table.
type KeyValues struct {
	Caption Str    `yaml:"caption"`
	Columns int    `yaml:"columns"`
	Items   []Line `yaml:"items"`
}

// Table is a table whose rows come from a table field (rows: enterprise.finance).
type Table struct {
	Caption Str      `yaml:"caption"`
	Rows    Str      `yaml:"rows"`    // a table field path
	Where   Str      `yaml:"where"`   // keep only the rows where this holds
	SortBy  string   `yaml:"sort_by"` // a column to sort rows by
	Columns []Column `yaml:"columns"`
	Total   []Str    `yaml:"total"` // optional total row, one text per column
	// Transpose makes each row a column and each column (after the first, which heads the
	// columns) a row: transpose.go.
	Transpose bool `yaml:"transpose"`
}

// Column is a column of a report table or a summary sheet.
type Column struct {
	// ID names a column of the template's top-level columns (the library); Use takes that
	// column, with the keys written beside it over its own.
	ID  Str `yaml:"id"`
	Use Str `yaml:"use"`
	// Field makes the column show a field (a row's column, an answer or enterprise.x): its
	// header, unit, kind and value come from the field unless the column gives them.
	Field  Str     `yaml:"field"`
	Header Str     `yaml:"header"`
	Unit   string  `yaml:"unit"`
	Kind   Str     `yaml:"kind"` // text money integer (int) percent date
	Width  float64 `yaml:"width"`
	Align  string  `yaml:"align" enum:"left|center|right"`
	Value  Str     `yaml:"value"` // expression; in a table over the row's columns too
	// FromField is set by the compiler once Field has filled the column in (a column shared
	// through a YAML alias is compiled once per use); never decoded.
	FromField bool `yaml:"-"`
}

// Signature is the signing block of a 承诺书 or letter.
type Signature struct {
	Lines []Line `yaml:"lines"`
	Date  Str    `yaml:"date"` // text with {{ … }}; empty gives "年  月  日" blanks
}

// Sheet is a summary table (汇总表): one row per dossier.
type Sheet struct {
	// Rows, when set, makes one sheet row per row of that table field (one line per problem
	// of a 问题征集表) instead of one per dossier; columns then see the row's columns too.
	Rows     Str      `yaml:"rows"`
	Where    Str      `yaml:"where"`
	Name     Str      `yaml:"name"`
	Title    Str      `yaml:"title"`
	Subtitle Str      `yaml:"subtitle"`
	Columns  []Column `yaml:"columns"`
	Total    []Str    `yaml:"total"` // per column: "sum" or empty
	Note     Str      `yaml:"note"`
}

// Letter is the 版头 line of a letter (style: letter): 发文字号 and 签发人.
type Letter struct {
	Number Str `yaml:"number"` // 发文字号, may use {{ … }}
	// Signer is the 签发人's name (may use {{ … }}; "" leaves a blank to write it in). A 请示
	// or 报告 prints the 签发人 field whether or not a name is given.
	Signer Str `yaml:"signer"`
	// Date is the 成文日期 in the 落款 ("{{applied_on}}": 2019年5月20日); it replaces the
	// signature block's date.
	Date Str `yaml:"date"`
}

// Attachment is one item of a template's attachments: list.
type Attachment struct {
	ID       Str    `yaml:"id"`
	Label    Str    `yaml:"label"`    // 近三年审计报告, as the notice names it
	Required bool   `yaml:"required"` // a missing required attachment leaves the package incomplete
	Help     string `yaml:"help"`     // what to scan, for the form
	When     Str    `yaml:"when"`     // the attachment is asked for only when this holds
}
