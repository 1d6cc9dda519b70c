package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/programme"
	"dossier/dossier/records/recordstest"
	"dossier/templates"
	uitheme "dossier/ui/theme"
)

// Speed targets of the desktop app (issue: first frame under 1 s; a keystroke in a 300-field
// form re-validates and updates the eligibility panel in under 16 ms) are benchmarks, not
// timed tests: `go test -tags ci -run '^$' -bench . ./ui/`.

// bigTemplate is a programme of 30 sections × 10 fields (300 fields) with a rule per section.
func bigTemplate() (yaml string, answers map[string]any) {
	var b strings.Builder
	b.WriteString("format: 1\nid: big-form\ntitle: 三百个字段的表单\nsections:\n")
	answers = map[string]any{}
	types := []string{"text", "money", "integer", "textarea", "bool", "date", "money", "text", "percent", "money"}
	for s := 0; s < 30; s++ {
		fmt.Fprintf(&b, "  - id: s%d\n    title: 第%d节\n    fields:\n", s, s+1)
		for f := 0; f < 10; f++ {
			id := fmt.Sprintf("f%d_%d", s, f)
			typ := types[f]
			fmt.Fprintf(&b, "      - {id: %s, label: 字段%d-%d, type: %s, required: true", id, s+1, f+1, typ)
			if typ == "textarea" || typ == "text" {
				b.WriteString(", max_chars: 400")
			}
			b.WriteString("}\n")
			switch typ {
			case "text", "textarea":
				answers[id] = "示例文字"
			case "money", "percent":
				answers[id] = json.Number("1500.00")
			case "integer":
				answers[id] = json.Number("12")
			case "bool":
				answers[id] = true
			case "date":
				answers[id] = "2019-05-20"
			}
		}
	}
	b.WriteString("rules:\n")
	for s := 0; s < 30; s++ {
		fmt.Fprintf(&b, "  - {id: r%d, label: 条件%d, threshold: ≥ 1000, assert: f%d_1 + f%d_6 >= 1000, value: f%d_1}\n", s, s+1, s, s, s)
	}
	return b.String(), answers
}

// benchUI opens the app on the test driver with the big form (or the shipped demo) open.
func benchUI(b *testing.B, big bool) (*UI, fyne.Window) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(uitheme.New())
	dir := b.TempDir()
	file := ""
	if big {
		src, answers := bigTemplate()
		os.WriteFile(filepath.Join(dir, "big-form.yaml"), []byte(src), 0o644)
		data, _ := json.Marshal(map[string]any{"format": 1, "programme": "big-form", "applied_on": "2019-05-20",
			"enterprise": map[string]any{"name": "山西示例科技有限公司"}, "answers": answers})
		file = filepath.Join(b.TempDir(), "big.json")
		os.WriteFile(file, data, 0o644)
		a.Preferences().SetBool(prefDemoCreated, true)
	}
	set, err := programme.LoadSet(templates.FS, os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, nil)
	u := New(a, w, Deps{Store: recordstest.NewMemStore(), Programmes: set, Now: func() time.Time { return testToday }, Generator: "bench"})
	w.Resize(fyne.NewSize(1280, 820))
	u.Start(file)
	return u, w
}

// BenchmarkFirstFrame: from nothing to the first dossier screen drawn (the test driver's
// software renderer; a real window adds the GL start-up, measured by hand under Xvfb).
func BenchmarkFirstFrame(b *testing.B) {
	for b.Loop() {
		_, w := benchUI(b, false)
		w.Canvas().Capture()
	}
}

// BenchmarkKeystroke300Fields: one typed character in a 300-field form, with re-validation,
// the field's message, the section marks and the eligibility panel updated.
func BenchmarkKeystroke300Fields(b *testing.B) {
	u, _ := benchUI(b, true)
	ed, ok := u.current.(*editor)
	if !ok {
		b.Fatalf("the big form did not open: %T", u.current)
	}
	showSection(ed, "s0")
	e, ok := ed.form.view("f0_1").input.(*widget.Entry)
	if !ok {
		b.Fatal("no entry for f0_1")
	}
	typeDigits(b, e)
}

// BenchmarkKeystrokeDemo: the same on the shipped demo dossier's finance section.
func BenchmarkKeystrokeDemo(b *testing.B) {
	u, _ := benchUI(b, false)
	ed := u.current.(*editor)
	showSection(ed, "finance")
	e := ed.form.view("enterprise.finance[2].main_revenue").input.(*widget.Entry)
	typeDigits(b, e)
}

func showSection(ed *editor, id string) {
	for k, i := range ed.visible {
		if ed.sections[i].id == id {
			ed.nav.Select(k)
		}
	}
}

// typeDigits types one digit per iteration into e, clearing it (untimed) now and then.
func typeDigits(b *testing.B, e *widget.Entry) {
	e.SetText("")
	b.ResetTimer()
	i := 0
	for b.Loop() {
		test.Type(e, string(rune('1'+i%9)))
		i++
		if len(e.Text) > 12 {
			b.StopTimer()
			e.SetText("")
			b.StartTimer()
		}
	}
}
