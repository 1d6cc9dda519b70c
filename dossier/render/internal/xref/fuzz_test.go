package xref

import (
	"testing"
)

// FuzzRead: Read, Text and Scan never panic, whatever the bytes.
func FuzzRead(f *testing.F) {
	w := NewWriter([]byte("%PDF-1.7\n"), 0)
	w.Pack(1, []byte("<</Type/Catalog/Pages 2 0 R>>"))
	w.Object(2, []byte("2 0 obj\n<</Length 5>>\nstream\nhello\nendstream\nendobj\n"))
	f.Add(w.EndStreams("/Root 1 0 R", func([]byte) string { return "00" }))
	c := NewWriter([]byte("%PDF-1.7\n"), 0)
	c.Object(1, []byte("1 0 obj\n<</Type/Catalog/T(a\\)b)/K[2 0 R]>>\nendobj\n"))
	c.Object(3, []byte("3 0 obj\n<2F>\nendobj\n"))
	f.Add(c.End([]byte("trailer\n<</Root 1 0 R/Size 4>>\n"), c.Table()))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Read(b)
		if err != nil {
			return
		}
		for n := 0; n < min(file.Size(), 1000); n++ {
			if text, _, ok := file.Text(b, n); ok {
				Scan(text)
			}
		}
		file.Resolve(b, file.TrailerDict(), "Root")
	})
}
