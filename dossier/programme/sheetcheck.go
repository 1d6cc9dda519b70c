package programme

import "dossier/dossier/programme/internal/syntax"

// What build needs of an output, checked at load (template check accepts only what build
// can write).

// sheetShape reports, at load, what a summary sheet needs to become a workbook and its
// printed copy: at least one column. A child that gives only part of a parent's sheet: gets
// the rest from the parent (internal/syntax/extends.go mergeMaps); a standalone template, or a child that
// replaces the output under a new id, must give them.
func (c *compiler) sheetShape(o *syntax.Output, what string) {
	if len(o.Sheet.Columns) == 0 {
		c.errs.Add(c.file, o.ID.Pos, "%s的 sheet 没有 columns：汇总表至少要有一列（header 和 value）", what)
	}
}

// reportShape reports a report with nothing to print: neither a cover nor blocks (the PDF
// could not be written).
func (c *compiler) reportShape(o *syntax.Output, what string) {
	if o.Cover == nil && len(o.Blocks) == 0 {
		c.errs.Add(c.file, o.ID.Pos, "%s是报告，但既没有 cover 也没有 blocks：至少要有封面或一个块", what)
	}
}
