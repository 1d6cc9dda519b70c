package programme

// sheetShape reports, at load, what a summary sheet needs to become a workbook and its
// printed copy: at least one column. A child that gives only part of a parent's sheet: gets
// the rest from the parent (extends.go mergeMaps); a standalone template, or a child that
// replaces the output under a new id, must give them.
func (c *compiler) sheetShape(o *OutputSpec, what string) {
	if len(o.Sheet.Columns) == 0 {
		c.errs.Add(c.file, o.ID.Pos, "%s的 sheet 没有 columns：汇总表至少要有一列（header 和 value）", what)
	}
}
