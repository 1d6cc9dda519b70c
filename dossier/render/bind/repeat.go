package bind

import (
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// repeatPages turns the document in ctx into copies copies of itself, in place: each extra
// page is a new page object (a shallow copy of the original's dictionary, so that every page
// has one parent as PDF requires) that shares the original's content streams, fonts and
// images. The input is parsed once and the output is hardly bigger than one copy; pdfcpu's
// merge parses every input anew and carries the fonts once per copy.
//
// Links and other annotations stay on the first copy only (an annotation belongs to one
// page; a print copy needs no links). It handles the flat page tree fpdf writes (every kid
// of the root a page) and reports false, changing nothing, for any other tree.
func repeatPages(ctx *model.Context, copies int) (bool, error) {
	root, err := ctx.Pages()
	if err != nil || root == nil {
		return false, fmt.Errorf("bind: page tree: %v", err)
	}
	pagesDict, err := ctx.DereferenceDict(*root)
	if err != nil {
		return false, fmt.Errorf("bind: page tree: %w", err)
	}
	kids, err := ctx.DereferenceArray(pagesDict["Kids"])
	if err != nil || len(kids) == 0 {
		return false, err
	}
	pages := make([]types.Dict, len(kids))
	for i, k := range kids {
		d, err := ctx.DereferenceDict(k)
		if err != nil || d == nil || d.Type() == nil || *d.Type() != "Page" {
			return false, nil
		}
		pages[i] = d
	}
	out := make(types.Array, 0, copies*len(kids))
	out = append(out, kids...)
	for c := 1; c < copies; c++ {
		for _, d := range pages {
			clone := d.Clone().(types.Dict)
			clone.Delete("Annots")
			clone.Update("Parent", *root)
			ir, err := ctx.IndRefForNewObject(clone)
			if err != nil {
				return false, fmt.Errorf("bind: copy page: %w", err)
			}
			out = append(out, *ir)
		}
	}
	pagesDict.Update("Kids", out)
	pagesDict.Update("Count", types.Integer(len(out)))
	ctx.PageCount = len(out)
	return true, nil
}
