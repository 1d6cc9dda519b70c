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
// page; a print copy needs no links). The first copy keeps its page tree; the pages of the
// others hang flat under the root, each with what it inherited from the tree (resources,
// boxes, rotation) written into it, so a merged volume (a report and its attachments, whose
// tree pdfcpu nests) repeats as cheaply as fpdf's flat tree. It reports false, changing
// nothing, for a tree it cannot read.
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
	var pages []types.Dict
	if !leafPages(ctx, kids, nil, &pages, 0) {
		return false, nil
	}
	out := make(types.Array, 0, len(kids)+(copies-1)*len(pages))
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
	total := copies * len(pages)
	pagesDict.Update("Count", types.Integer(total))
	ctx.PageCount = total
	return true, nil
}

// inheritable are the page attributes a page may take from its ancestors in the page tree.
var inheritable = []string{"Resources", "MediaBox", "CropBox", "Rotate"}

// leafPages appends the pages under kids, in order, each as a copy of its dictionary with
// the attributes it inherits (from inherited and the nodes above it) filled in.
func leafPages(ctx *model.Context, kids types.Array, inherited types.Dict, out *[]types.Dict, depth int) bool {
	if depth > 32 {
		return false
	}
	for _, k := range kids {
		d, err := ctx.DereferenceDict(k)
		if err != nil || d == nil || d.Type() == nil {
			return false
		}
		switch *d.Type() {
		case "Page":
			page := d.Clone().(types.Dict)
			for _, key := range inheritable {
				if _, has := page.Find(key); !has {
					if v, ok := find(inherited, key); ok {
						page.Insert(key, v)
					}
				}
			}
			*out = append(*out, page)
		case "Pages":
			sub, err := ctx.DereferenceArray(d["Kids"])
			if err != nil || !leafPages(ctx, sub, inherit(d, inherited), out, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// inherit is what the children of the page tree node d inherit: d's own inheritable
// attributes, else those d inherited.
func inherit(d, inherited types.Dict) types.Dict {
	inh := types.Dict{}
	for _, key := range inheritable {
		if v, ok := d.Find(key); ok {
			inh.Insert(key, v)
		} else if v, ok := find(inherited, key); ok {
			inh.Insert(key, v)
		}
	}
	return inh
}

// find is d.Find for a dictionary that may be nil.
func find(d types.Dict, key string) (types.Object, bool) {
	if d == nil {
		return nil, false
	}
	return d.Find(key)
}
