package pack

import (
	"bytes"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"dossier/dossier/fsafe"
)

// PrintDoc is how to print one document of a package's print/ folder (manifest.json "print").
type PrintDoc struct {
	Path  string `json:"path"`  // relative to the package folder, print/….pdf
	Paper string `json:"paper"` // PaperA4Portrait, PaperA4Landscape or PaperA3Landscape; "" = unknown
	// Duplex: print on both sides, flipping on the long edge (the copies are laid out for it).
	Duplex bool `json:"duplex"`
	// Copies is how many copies the notice asks for; with Bound the file already holds them
	// one after another (print it once); 0 = unknown.
	Copies int    `json:"copies"`
	Bound  bool   `json:"bound,omitempty"`
	Seal   string `json:"seal,omitempty"` // where to seal or sign
	Note   string `json:"note,omitempty"` // the template's own print note
}

// Papers of the print documents.
const (
	PaperA4Portrait  = "A4-portrait"
	PaperA4Landscape = "A4-landscape"
	PaperA3Landscape = "A3-landscape"
)

// PrintNoteName is the print list beside the print documents.
const PrintNoteName = "打印说明.txt"

// PrintDocuments lists a package's print documents, as its manifest records them; for a package
// written before the manifest recorded them, every print/*.pdf it lists, with what is known
// unknown. note is the text of print/打印说明.txt ("" when there is none).
func PrintDocuments(dir string) (docs []PrintDoc, note string, err error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, "", err
	}
	if b, err := fsafe.ReadRegular(filepath.Join(dir, PrintDir, PrintNoteName), fsafe.MaxDataFile); err == nil {
		note = string(b)
	}
	if len(m.Print) > 0 {
		return m.Print, note, nil
	}
	for _, it := range m.Files {
		if path.Dir(it.Path) == PrintDir && strings.EqualFold(path.Ext(it.Path), ".pdf") {
			docs = append(docs, PrintDoc{Path: it.Path})
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	return docs, note, nil
}

// paperOf names the paper of the first page of a PDF that fpdf wrote ("" when it cannot
// tell). fpdf writes each page's /MediaBox when it differs from the default, pages before the
// page tree that holds the default: the first /MediaBox is the first page's. (Parsing the PDF
// with pdfcpu doubled the time of a whole build.)
func paperOf(pdf []byte) string {
	_, rest, ok := bytes.Cut(pdf, []byte("/MediaBox ["))
	if !ok {
		return ""
	}
	box, _, ok := bytes.Cut(rest, []byte("]"))
	f := strings.Fields(string(box))
	if !ok || len(f) != 4 {
		return ""
	}
	w, err1 := strconv.ParseFloat(f[2], 64)
	h, err2 := strconv.ParseFloat(f[3], 64)
	switch {
	case err1 != nil || err2 != nil:
		return ""
	case w > h && w > 1000: // points: A3 is 1190.55 wide
		return PaperA3Landscape
	case w > h:
		return PaperA4Landscape
	}
	return PaperA4Portrait
}
