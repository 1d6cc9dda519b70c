package pdf

import (
	"bytes"
	"strings"
	"testing"

	"dossier/dossier/document"
)

// A character beyond the Basic Multilingual Plane (𠮷 U+20BB7, an emoji pasted from WeChat)
// used to panic the renderer ("index out of range [65536]") inside a goroutine, where no
// recover could catch it. fpdf's fonts hold BMP characters only, so the renderer refuses it
// with an error naming the text.
func TestOutsideBMPIsAnError(t *testing.T) {
	// 䶮 (CJK extension A) and 한 are in the BMP but in none of the faces: they would print as
	// empty boxes, so they are refused the same way.
	for _, bad := range []string{"吉𠮷家", "好的👍", "刘䶮", "한국"} {
		r := sampleReport(3, 1, 2)
		r.Blocks = append(r.Blocks, &document.Paragraph{Text: "法定代表人：" + bad})
		var buf bytes.Buffer
		err := Render(&buf, r, Options{})
		if err == nil {
			t.Fatalf("%q: no error", bad)
		}
		if !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "U+") {
			t.Errorf("%q: error %q does not name the text and the character", bad, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%q: %d bytes written despite the error", bad, buf.Len())
		}
		if err := Prepare(r); err == nil {
			t.Errorf("%q: Prepare: no error", bad)
		}
	}
}
