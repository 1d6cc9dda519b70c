package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier/dossier/document"

	"github.com/xuri/excelize/v2"
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

// Streamed sheets are converted and written at once, each into its own StreamWriter, beside a
// sheet kept in memory: every sheet reads back cell for cell as one written alone, and the
// workbook is the same bytes every time (run under -race by make race).
func TestSheetsWrittenAtOnce(t *testing.T) {
	a, mid, b := sampleSheet(40), sampleSheet(2), sampleSheet(25)
	a.Name, mid.Name, b.Name = "汇总表", "说明", "审核清单"
	b.Rows[7][1] = document.Cell{Text: "第二张表的第八行"}
	mid.Rows = mid.Rows[:1]
	opts := Options{StreamThreshold: 3, Created: time.Date(2019, 5, 20, 9, 0, 0, 0, time.UTC)}
	var first bytes.Buffer
	if err := RenderWith(&first, opts, a, mid, b); err != nil {
		t.Fatal(err)
	}
	for range 20 { // excelize handed over the streamed sheets in map order
		var again bytes.Buffer
		if err := RenderWith(&again, opts, a, mid, b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two renders of the same sheets differ")
		}
	}
	together, err := excelize.OpenReader(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer together.Close()
	for _, s := range []*document.Sheet{a, mid, b} {
		alone := render(t, opts, s)
		want, err := alone.GetRows(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := together.GetRows(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || len(got) != len(s.Rows)+5 {
			t.Errorf("sheet %s: %d rows written together, %d alone (want %d)", s.Name, len(got), len(want), len(s.Rows)+5)
		}
	}
	if v, _ := together.GetCellValue("审核清单", "B11"); v != "第二张表的第八行" {
		t.Errorf("审核清单!B11 = %q", v)
	}
}
