package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// Streamed sheets keep their set-up, and the first sheet is the active, selected one: the
// active sheet is set before any row is streamed (setting it after reads every streamed
// sheet back into memory).
func TestStreamedSheetsActiveAndFrozen(t *testing.T) {
	var buf bytes.Buffer
	a, b := sampleSheet(3), sampleSheet(2)
	a.Name, b.Name = "汇总表", "审核清单"
	if err := RenderWith(&buf, Options{StreamThreshold: 1}, a, b); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	xml := map[string]string{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		xml[f.Name] = string(b)
	}
	s1, s2 := xml["xl/worksheets/sheet1.xml"], xml["xl/worksheets/sheet2.xml"]
	selected := func(s string) bool {
		return strings.Contains(s, `tabSelected="true"`) || strings.Contains(s, `tabSelected="1"`)
	}
	if !selected(s1) || selected(s2) {
		t.Errorf("tabSelected: sheet1 %v, sheet2 %v", selected(s1), selected(s2))
	}
	for name, s := range map[string]string{"sheet1": s1, "sheet2": s2} {
		if !strings.Contains(s, `state="frozen"`) || !strings.Contains(s, "<sheetData>") {
			t.Errorf("%s: no frozen pane or not streamed: %.300s", name, s)
		}
	}
	f := render(t, Options{StreamThreshold: 1}, a, b)
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d", f.GetActiveSheetIndex())
	}
}
