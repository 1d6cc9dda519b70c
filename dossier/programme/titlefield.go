package programme

// DefaultTitleField is the title field of a template that declares none, kept for the
// templates written before title_field existed: their dossiers are named by project_name.
const DefaultTitleField = "project_name"

// checkTitleField checks that title_field, when given, names a top-level text field.
func (p *Programme) checkTitleField(errs *ErrorList) {
	id := p.tree.TitleField
	if !id.Set() {
		return
	}
	f := p.fields[id.S]
	switch {
	case f == nil:
		errs.Add(p.File, id.Pos, "title_field “%s” 不是本模板的字段：应为表单顶层一个文字字段（type: text）的 id，例如 project_name", id.S)
	case f.Type != TypeText:
		errs.Add(p.File, id.Pos, "title_field “%s”（%s）是 %s 字段：应为文字字段（type: text）", id.S, f.Label, f.Type)
	default:
		p.titleField = id.S
	}
}

// TitleField is the id of the answer that names a dossier of this programme (its title on
// the home screen and in the editor): the template's title_field, else project_name when the
// programme has such a text field. "" means the programme's dossiers have no name of their
// own and are called after the programme.
func (p *Programme) TitleField() string {
	if p.titleField != "" {
		return p.titleField
	}
	if f := p.fields[DefaultTitleField]; f != nil && f.Type == TypeText {
		return DefaultTitleField
	}
	return ""
}
