package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
)

// titleTemplate is a template whose fields can name a dossier; %s is the title_field line.
func titleTemplate(titleField string) string {
	return `format: 1
id: titles
version: 1
title: 标题字段测试
issued: 2019-01-01
` + titleField + `
sections:
  - id: s
    title: 分节
    fields:
      - {id: project_name, label: 项目名称, type: text}
      - {id: platform_name, label: 平台名称, type: text}
      - {id: invest, label: 项目总投资, type: money}
      - id: rows
        label: 明细
        type: table
        columns:
          - {id: name, label: 名称, type: text}
`
}

// title_field names the dossier's field; without it a project_name text field does, for
// the templates written before the key; a programme with neither has no title field.
func TestTitleField(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"title_field: platform_name", "platform_name"},
		{"", "project_name"},
	} {
		p, err := programme.Parse("titles.yaml", []byte(titleTemplate(c.line)), nil)
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if got := p.TitleField(); got != c.want {
			t.Errorf("%q: TitleField() = %q, want %q", c.line, got, c.want)
		}
	}
	set := loadShipped(t)
	if got := set.Get("shanxi-techinnov-2019").TitleField(); got != "project_name" {
		t.Errorf("shanxi-techinnov-2019: TitleField() = %q, want project_name", got)
	}
	if got := set.Get("shanxi-hightech-2019").TitleField(); got != "" {
		t.Errorf("shanxi-hightech-2019 has no project name, TitleField() = %q", got)
	}
}

// A title_field that is no field, not a text field, or a column is reported at its line.
func TestTitleFieldChecked(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"title_field: nope", "titles.yaml:6:14: title_field “nope” 不是本模板的字段"},
		{"title_field: invest", "titles.yaml:6:14: title_field “invest”（项目总投资）是 money 字段：应为文字字段（type: text）"},
		{"title_field: rows", "title_field “rows”（明细）是 table 字段"},
		{"title_field: name", "title_field “name” 不是本模板的字段"},
	} {
		_, err := programme.Parse("titles.yaml", []byte(titleTemplate(c.line)), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.line, err, c.want)
		}
	}
}
