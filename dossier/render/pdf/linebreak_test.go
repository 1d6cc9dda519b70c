package pdf

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// boxes measures like a monospaced CJK font: a hanzi or full-width mark is 1 wide, an ASCII
// character or a space ½.
func boxes(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		first, rest float64
		hang        bool
		want        []string
	}{
		{"plain", "一二三四五六七八九十", 4, 4, false, []string{"一二三四", "五六七八", "九十"}},
		{"first-line indent", "一二三四五六七八", 2, 4, false, []string{"一二", "三四五六", "七八"}},
		{"comma pulls previous char down", "一二三，四五六", 3, 3, false, []string{"一二", "三，四", "五六"}},
		{"comma hangs", "一二三，四五六", 3, 3, true, []string{"一二三，", "四五六"}},
		{"only one mark hangs", "一二三。”四五", 3, 3, true, []string{"一二", "三。”", "四五"}},
		{"closing bracket", "一二三）四五", 3, 3, true, []string{"一二", "三）四", "五"}},
		{"opening bracket never ends a line", "一二（三四五", 3, 3, false, []string{"一二", "（三四", "五"}},
		{"quotes both sides", "他说“好”。然后", 4, 4, false, []string{"他说", "“好”。", "然后"}},
		{"too narrow: marks still stay", "他说“好”。然后", 3, 3, false, []string{"他说", "“好”。", "然后"}},
		{"ellipsis stays together", "一二三……四", 4, 4, false, []string{"一二", "三……四"}},
		{"dash stays together", "一二三——四", 4, 4, false, []string{"一二", "三——四"}},
		{"number unbroken", "投资1,500.00万元", 4, 4, false, []string{"投资", "1,500.00", "万元"}},
		{"latin words break at spaces", "ABC def ghi", 2, 2, false, []string{"ABC", "def", "ghi"}},
		{"latin and hanzi", "采用AI技术", 3, 3, false, []string{"采用AI", "技术"}},
		{"too long word is cut", "ABCDEFGHIJ", 2, 2, false, []string{"ABCD", "EFGH", "IJ"}},
		{"empty", "", 3, 3, false, []string{""}},
		{"ideographic spaces kept", "年　　月　　日", 9, 9, false, []string{"年　　月　　日"}},
		{"unit in brackets stays whole", "总投资（万元）", 3, 3, false, []string{"总投资", "（万元）"}},
		{"long bracket may break", "见（以下简称公司）", 4, 4, false, []string{"见（以下", "简称公", "司）"}},
		{"parenthesised number", "共（2019）35号", 4, 4, false, []string{"共", "（2019）", "35号"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitLines(tt.text, boxes, tt.first, tt.rest, tt.hang)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitLines(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if strings.Join(got, "") != strings.ReplaceAll(tt.text, " ", "") &&
				strings.Join(got, " ") != tt.text {
				t.Errorf("text lost or changed: %q", got)
			}
		})
	}
}

// TestSplitLinesRules runs a long realistic paragraph through many widths and checks the 禁则
// and the widths on every line.
func TestSplitLinesRules(t *testing.T) {
	text := strings.Repeat("本项目总投资1,500.00万元（其中设备投资860.50万元），建设期为“两年”；"+
		"预计新增销售收入3,200万元、利税480万元……主要产品包括：智能传感器、控制系统——"+
		"均已取得《检测报告》。", 4)
	for w := 3.0; w <= 40; w++ {
		for _, hang := range []bool{false, true} {
			lines := splitLines(text, boxes, w-2, w, hang)
			if got := strings.Join(lines, ""); got != text {
				t.Fatalf("width %v: text changed", w)
			}
			for i, l := range lines {
				first, _ := utf8.DecodeRuneInString(l)
				last, _ := utf8.DecodeLastRuneInString(l)
				if i > 0 && isNoStart(first) {
					t.Errorf("width %v hang %v: line %d starts with %q: %q", w, hang, i, first, l)
				}
				if i < len(lines)-1 && isNoEnd(last) {
					t.Errorf("width %v hang %v: line %d ends with %q: %q", w, hang, i, last, l)
				}
				limit := w
				if i == 0 {
					limit = w - 2
				}
				over := boxes(l) - limit
				if hang && isHangable(last) {
					over -= boxes(string(last))
				}
				// "1,500.00" is 4 wide: narrower lines must cut it, nothing else may overflow.
				if over > 1e-9 && limit >= 4 {
					t.Errorf("width %v hang %v: line %d too wide (%v): %q", w, hang, i, boxes(l), l)
				}
			}
		}
	}
}

func TestAtomize(t *testing.T) {
	var got []string
	for _, a := range atomize("（一）A “引号”，x ) 完") {
		got = append(got, a.text)
	}
	want := []string{"（一）", "A", " ", "“引", "号”，", "x )", " ", "完"}
	// （一） is glued by glueShortBrackets: atomize alone would give "（一）" too, as ）is glued back.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("atomize = %q, want %q", got, want)
	}
}

// A report's bytes do not depend on what was rendered before with the same cut: its screen
// copy laid out before and after its print copy is the same PDF.
func TestRenderDeterministic(t *testing.T) {
	r := sampleReport(3, 2, 10)
	full, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	faces, err := cut(full, r, false)
	if err != nil {
		t.Fatal(err)
	}
	render := func(o Options) []byte {
		rd, err := layout(r, o, full, faces, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := rd.finish(); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rd.pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := render(Options{})
	render(Options{Print: true, Seal: true})
	if again := render(Options{}); !bytes.Equal(first, again) {
		t.Errorf("the screen copy differs after the print copy was rendered (%d and %d bytes)", len(first), len(again))
	}
}
