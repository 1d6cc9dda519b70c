package programme

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"dossier/dossier"
	"dossier/dossier/decimal"
	"dossier/dossier/validate"
)

// Bounds every number must keep whatever the template says: a spreadsheet (excelize, Excel,
// WPS) holds 15 significant digits, and no form's amount reaches a trillion 万元.
const (
	MaxDigits = 15
	maxAbs    = "1000000000000" // 1e12, exclusive
)

// Default caps for fields whose template sets none: what a form's box can hold.
const (
	DefaultTextChars     = 500    // text: a name, an address, a one-line answer
	DefaultTextareaChars = 10_000 // textarea: a few pages
	DefaultMaxRows       = 1_000  // a table's rows
)

// Parse is THE parser of a field's answer: it turns what a user typed into an entry, or a
// data file holds as text, into the field's typed value (string, decimal.D, int, time.Time,
// bool, []string). The data file, the session and the GUI all go through it, so they agree.
//
//   - text, textarea, enum: the text, refused when it holds characters that cannot be printed
//     or stored (validate.Text); a textarea keeps TAB and new lines, with CRLF turned into LF.
//   - money, percent: decimal.Parse ("1,500.00", full-width digits, 1.5E2), a trailing 万 or 万元
//     (or the field's unit) dropped, % for percent; at most 15 significant digits, below 1e12.
//   - integer: the same, and it must be whole ("请填整数").
//   - date: dossier.ParseDate (2019-5-20, 2019/5/20, 2019.5.20, 2019年5月20日).
//   - bool: ParseBool (是/否, true/false, 1/0).
//   - multi: items separated by 、，,;； or new lines (SplitList).
//
// v is nil with msg "" for empty input (the field is not given); msg, when not "", is a Chinese
// sentence to follow the field's label ("“abc”不是数字（如 1500.00）").
func (f *Field) Parse(text string) (v any, msg string) {
	switch f.Type {
	case TypeText, TypeEnum, TypeTextarea:
		text, msg := f.parseText(text)
		if msg != "" {
			return nil, msg
		}
		return text, ""
	case TypeMulti:
		items := SplitList(text)
		if len(items) == 0 {
			return nil, ""
		}
		for _, it := range items {
			if msg := validate.Text(it, false); msg != "" {
				return nil, msg
			}
		}
		return items, ""
	}
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, ""
	}
	switch f.Type {
	case TypeMoney, TypePercent, TypeInteger:
		return parseNumber(f, t)
	case TypeDate:
		d, ok := dossier.ParseDate(t)
		if !ok {
			return nil, fmt.Sprintf("“%s”不是有效日期（如 2019-05-20，也可写 2019/5/20 或 2019年5月20日）", validate.Quote(t))
		}
		return d, ""
	case TypeBool:
		if b, ok := ParseBool(t); ok {
			return b, ""
		}
		return nil, fmt.Sprintf("“%s”应为“是”或“否”", validate.Quote(t))
	}
	return nil, "不能直接填写（请逐项填写）"
}

// parseText is Parse of a text, enum or textarea field (a textarea's line ends made \n).
func (f *Field) parseText(text string) (string, string) {
	multiline := f.Type == TypeTextarea
	if multiline {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	if msg := validate.Text(text, multiline); msg != "" {
		return "", msg
	}
	return text, ""
}

var maxAbsD = decimal.MustParse(maxAbs)

// parseNumber reads a money, percent or integer answer (trimmed, not empty).
func parseNumber(f *Field, t string) (any, string) {
	num, pct, msg := numberPart(f, t)
	if msg != "" {
		return nil, msg
	}
	d, err := decimal.Parse(num)
	if err != nil {
		return nil, numberError(f, t, err)
	}
	if pct {
		d, _ = d.Quo(decimal.Int(100))
	}
	if d.Abs().Cmp(maxAbsD) >= 0 {
		return nil, fmt.Sprintf("“%s”超出可填写的范围（绝对值应小于 1,000,000,000,000%s）", validate.Quote(t), unitOf(f))
	}
	if n := d.Digits(); n > MaxDigits || n < 0 {
		return nil, fmt.Sprintf("“%s”的有效数字超过 %d 位，表格无法准确保存，请核对", validate.Quote(t), MaxDigits)
	}
	if f.Type != TypeInteger {
		return d, ""
	}
	if d.Scale() != 0 {
		return nil, fmt.Sprintf("请填整数（“%s”不是整数）", validate.Quote(t))
	}
	n, ok := intOf(d)
	if !ok {
		return nil, fmt.Sprintf("“%s”超出范围", validate.Quote(t))
	}
	return n, ""
}

// numberPart strips the unit a number may be typed with: 万 or 万元 (or the field's unit) for
// money, % for percent. A money amount in 元 is refused: 2500元 is not 2500 万元.
func numberPart(f *Field, t string) (num string, pct bool, msg string) {
	num = t
	if f.unit != "" {
		num = strings.TrimSpace(strings.TrimSuffix(num, f.unit))
	}
	switch f.Type {
	case TypeMoney:
		if strings.HasSuffix(num, "元") && !strings.HasSuffix(num, "万元") {
			return "", false, fmt.Sprintf("“%s”：单位应为万元（如 2500 万元填 2500）", validate.Quote(t))
		}
		num = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(num, "元"), "万"))
	case TypePercent:
		num, pct = strings.CutSuffix(num, "%")
		if !pct {
			num, pct = strings.CutSuffix(num, "％")
		}
	}
	return num, pct, ""
}

// numberError says why decimal.Parse refused t.
func numberError(f *Field, t string, err error) string {
	switch {
	case errors.Is(err, decimal.ErrTooLong):
		return fmt.Sprintf("数字过长（写全超过 %d 个字符），请核对", decimal.MaxLen)
	case errors.Is(err, decimal.ErrRange):
		return fmt.Sprintf("“%s”超出可填写的范围", validate.Quote(t))
	case f.Type == TypeInteger:
		return fmt.Sprintf("请填整数（“%s”不是整数）", validate.Quote(t))
	}
	return fmt.Sprintf("“%s”不是数字（如 1500.00）", validate.Quote(t))
}

func unitOf(f *Field) string {
	if u := f.Unit(); u != "" {
		return " " + u
	}
	return ""
}

// parseValue is Field.Parse for a value of a decoded data file: JSON numbers, booleans and
// strings of scalar fields (tables, objects and lists are walked by the converter).
func parseValue(f *Field, val any) (any, string) {
	switch x := val.(type) {
	case string:
		if f.Type == TypeText || f.Type == TypeEnum || f.Type == TypeTextarea {
			t, msg := f.parseText(x)
			switch {
			case msg != "":
				return nil, msg
			case t == x:
				return val, "" // the text as read, already an interface: not boxed again
			}
			return t, ""
		}
		return f.Parse(x)
	case json.Number:
		switch f.Type {
		case TypeMoney, TypePercent, TypeInteger, TypeText, TypeTextarea, TypeEnum:
			return f.Parse(x.String())
		case TypeBool:
			if b, ok := ParseBool(x); ok {
				return b, ""
			}
			return nil, "应为“是”或“否”（true/false）"
		}
	case bool:
		if f.Type == TypeBool {
			return x, ""
		}
	}
	return nil, expected(f)
}

// expected says what a field of f's type holds, for a value of the wrong JSON type.
func expected(f *Field) string {
	switch f.Type {
	case TypeMoney, TypePercent:
		return "应为数字（如 1500.00）"
	case TypeInteger:
		return "应为整数"
	case TypeDate:
		return "应为日期，格式 YYYY-MM-DD（如 2019-05-20）"
	case TypeBool:
		return "应为“是”或“否”（true/false）"
	case TypeMulti:
		return "应为列表"
	}
	return "应为文字"
}

// ParseBool reads a yes/no answer: a JSON bool, or 是/否, true/false, 1/0 as typed (the one
// yes/no parser of the data file, the session and the GUI).
func ParseBool(val any) (value, ok bool) {
	var s string
	switch x := val.(type) {
	case bool:
		return x, true
	case string:
		s = x
	case json.Number:
		s = x.String()
	default:
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "是", "true", "1":
		return true, true
	case "否", "false", "0":
		return false, true
	}
	return false, false
}

// SplitList splits a typed list on Chinese and Western separators and new lines, dropping
// empty items.
func SplitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' || r == '\r'
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// InputText writes a typed value back as an entry shows it and a data file stores it as text:
// dates as 2019-05-20, numbers exactly, bools as 是/否, lists joined with 、.
func InputText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format("2006-01-02")
	case decimal.D:
		return x.String()
	case int:
		return fmt.Sprint(x)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case []string:
		return strings.Join(x, "、")
	}
	return fmt.Sprint(v)
}
