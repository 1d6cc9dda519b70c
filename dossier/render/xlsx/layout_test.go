package xlsx

import (
	"testing"

	"golang.org/x/text/width"
)

// TestTextWidthIdeographs: the fast path for the CJK Unified Ideographs block gives what the
// East-Asian width table gives every one of them (2), and lines are measured one by one.
func TestTextWidthIdeographs(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		default:
			t.Fatalf("%U is not wide in the width table", r)
		}
		if w := textWidth(string(r)); w != 2 {
			t.Fatalf("textWidth(%q) = %v, want 2", r, w)
		}
	}
	if w := maxLineWidth("山西\n汾河智能装备\nAB"); w != 12 {
		t.Errorf("maxLineWidth = %v, want 12", w)
	}
	if n := wrappedLines("山西汾河智能装备有限公司\n\n12", 10); n != 5 {
		t.Errorf("wrappedLines = %d, want 5 (3 + an empty line + 1)", n)
	}
}
