package programme_test

import (
	"testing"

	"dossier/dossier/programme"
)

// FuzzParseInput: the one parser of typed answers never panics, and a value it accepts,
// written back as an entry shows it (InputText), parses to the same value.
func FuzzParseInput(f *testing.F) {
	types := []programme.FieldType{programme.TypeText, programme.TypeTextarea, programme.TypeMoney, programme.TypeInteger,
		programme.TypePercent, programme.TypeDate, programme.TypeBool, programme.TypeMulti, programme.TypeEnum}
	for _, s := range []string{"1,500.00", "2500万", "2500元", "60%", "35.5", "1e3", "2019年5月20日", "2019/5/20", "是", "1", "甲、乙", "a\r\nb", "𠮷", "\x00"} {
		for i := range types {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, typ uint8, s string) {
		fd := field(types[int(typ)%len(types)])
		v, msg := fd.Parse(s)
		if v == nil {
			return
		}
		if msg != "" {
			t.Fatalf("%q: both a value and a message", s)
		}
		again, msg := fd.Parse(programme.InputText(v))
		if msg != "" || programme.InputText(again) != programme.InputText(v) {
			t.Fatalf("%s %q → %v → %q → %v, %q", fd.Type, s, v, programme.InputText(v), again, msg)
		}
	})
}
