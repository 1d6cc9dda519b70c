// Command ttc2ttf copies one face out of a TrueType Collection (.ttc) into a standalone
// TrueType file (.ttf).
//
// fpdf only reads single-face glyf-based TrueType files: it rejects a collection by its
// "ttcf" tag. A collection's faces share table data and point at it with offsets relative to
// the start of the collection, so a face cannot just be cut out; this program writes a fresh
// table directory (same tables, same order) with new 4-byte-aligned offsets and recomputes the
// head table's checkSumAdjustment for the new file. Glyph data is copied byte for byte.
//
// It was used once to make assets/fonts/wqy-microhei.ttf:
//
//	go run ./assets/internal/ttc2ttf -face 0 \
//	    /usr/share/fonts/truetype/wqy/wqy-microhei.ttc assets/fonts/wqy-microhei.ttf
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	face := flag.Int("face", 0, "index of the face to extract (0 is the first)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: ttc2ttf [-face N] in.ttc out.ttf")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	in, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "ttc2ttf:", err)
		os.Exit(1)
	}
	out, err := Extract(in, *face)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ttc2ttf:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(flag.Arg(1), out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "ttc2ttf:", err)
		os.Exit(1)
	}
}
