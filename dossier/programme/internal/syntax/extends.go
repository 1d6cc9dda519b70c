package syntax

import (
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Inheritance (CONTRACT.md, templates/README.md "extends"): a template with `extends: ID`
// is merged over its parent's YAML tree before decoding, so that every value keeps the
// position (and file) it was written at.

// mergedLists are the top-level lists whose items merge by id; the other top-level keys the
// child gives replace the parent's.
var mergedLists = map[string]bool{"deadlines": true, "sections": true, "computed": true, "checks": true,
	"rules": true, "outputs": true, "attachments": true, "columns": true}

// Placement and removal keys of an item in a child's merged list.
const (
	keyRemove = "remove"
	keyAfter  = "after"
	keyBefore = "before"
	keyMerge  = "merge"
)

// maxExtends bounds a chain of parents (a child of a child of …).
const maxExtends = 8

// topMapping returns the file's top-level mapping, wrapping a one-key file.
func topMapping(body ast.Node) (*ast.MappingNode, bool) {
	switch n := body.(type) {
	case *ast.MappingNode:
		return n, true
	case *ast.MappingValueNode:
		return ast.Mapping(n.GetToken(), false, n), true
	}
	return nil, false
}

// valueOf is the value of key in a mapping, or nil.
func valueOf(m *ast.MappingNode, key string) (*ast.MappingValueNode, int) {
	for i, mv := range m.Values {
		if mv.Key.GetToken().Value == key {
			return mv, i
		}
	}
	return nil, -1
}

// scalarOf is the text of a scalar node ("" for anything else).
func scalarOf(n ast.Node) string {
	if n == nil || isCollection(n) {
		return ""
	}
	if _, null := n.(*ast.NullNode); null {
		return ""
	}
	return n.GetToken().Value
}

// mergeTemplate merges the child's top-level mapping over the parent's (both freshly parsed,
// so they may be changed in place) and returns the merged mapping.
func mergeTemplate(file string, parent, child *ast.MappingNode, errs *ErrorList) *ast.MappingNode {
	out := make([]*ast.MappingValueNode, 0, len(parent.Values)+len(child.Values))
	for _, mv := range parent.Values {
		if k := mv.Key.GetToken().Value; k != "abstract" && k != "extends" {
			out = append(out, mv)
		}
	}
	for _, mv := range child.Values {
		key := mv.Key.GetToken().Value
		i := -1
		for j, o := range out {
			if o.Key.GetToken().Value == key {
				i = j
			}
		}
		if i < 0 {
			if cs, ok := mv.Value.(*ast.SequenceNode); ok && mergedLists[key] {
				cs.Values = mergeItems(file, key, nil, cs.Values, errs)
			}
			out = append(out, mv)
			continue
		}
		if mergedLists[key] {
			ps, ok1 := out[i].Value.(*ast.SequenceNode)
			cs, ok2 := mv.Value.(*ast.SequenceNode)
			if ok1 && ok2 {
				cs.Values = mergeItems(file, key, ps.Values, cs.Values, errs)
			}
		}
		out[i] = mv
	}
	child.Values = out
	return child
}

// idOf is the id of a list item (a mapping with an id key), or "".
func idOf(n ast.Node) string {
	m, ok := topMapping(n)
	if !ok {
		return ""
	}
	mv, _ := valueOf(m, "id")
	if mv == nil {
		mv, _ = valueOf(m, "use") // a shared field's id is the one it uses
	}
	if mv == nil {
		return ""
	}
	return scalarOf(mv.Value)
}

// placement takes the remove/after/before keys out of a child's item.
type placement struct {
	remove, merge bool
	after, before string
	pos           Pos
}

// key is the placement key that needs a parent's item: remove or merge.
func (pl placement) key() string {
	if pl.remove {
		return keyRemove
	}
	return keyMerge
}

func takePlacement(n ast.Node, errs *ErrorList, file string) (ast.Node, placement) {
	var pl placement
	m, ok := topMapping(n)
	if !ok {
		return n, pl
	}
	kept := m.Values[:0:0]
	for _, mv := range m.Values {
		switch mv.Key.GetToken().Value {
		case keyRemove, keyMerge:
			key := mv.Key.GetToken().Value
			pl.pos = posOf(mv.Key)
			b, isBool := mv.Value.(*ast.BoolNode)
			if !isBool {
				errs.Add(file, posOf(mv.Value), "%s 应为 true", key)
			}
			if key == keyRemove {
				pl.remove = isBool && b.Value
			} else {
				pl.merge = isBool && b.Value
			}
		case keyAfter:
			pl.after, pl.pos = scalarOf(mv.Value), posOf(mv.Key)
		case keyBefore:
			pl.before, pl.pos = scalarOf(mv.Value), posOf(mv.Key)
		default:
			kept = append(kept, mv)
		}
	}
	m.Values = kept
	return m, pl
}

// mergeItems merges a child's list items over the parent's by id: the same id replaces the
// parent's item where it stood (a section keeps the keys the child leaves out, and its fields
// merge by id in turn; any item written with merge: true does too), a new id is added at the
// end, or after/before the item placement names; remove: true drops the parent's item.
func mergeItems(file, list string, parent, child []ast.Node, errs *ErrorList) []ast.Node {
	items := append([]ast.Node(nil), parent...)
	find := func(id string) int {
		for i, it := range items {
			if id != "" && idOf(it) == id {
				return i
			}
		}
		return -1
	}
	seen := map[string]Pos{}
	for _, c := range child {
		c, pl, ok := childItem(file, list, c, seen, errs)
		if !ok {
			continue
		}
		id := idOf(c)
		i := find(id)
		if (pl.remove || pl.merge) && i < 0 {
			errs.Add(file, pl.pos, "%s：父模板的 %s 中没有 id 为 “%s” 的项", pl.key(), list, id)
			continue
		}
		if pl.remove {
			items = append(items[:i], items[i+1:]...)
			continue
		}
		if i >= 0 {
			c = overParent(file, list, items[i], c, pl, errs)
			items[i] = c
			if pl.after == "" && pl.before == "" {
				continue
			}
			items = append(items[:i], items[i+1:]...)
		}
		items = place(file, list, items, c, pl, find, errs)
	}
	return items
}

// overParent is a child's item that has its parent's id: merged key by key over the parent's
// where the list's items merge so (sections, tables) or the child says merge: true, else
// the child's item as written.
func overParent(file, list string, parent, c ast.Node, pl placement, errs *ErrorList) ast.Node {
	if nested := nestedLists[list]; pl.merge || nested != nil && (list != "fields" || hasKey(parent, "columns")) {
		return mergeKeys(file, parent, c, nested, errs)
	}
	return c
}

// childItem takes a child's list item apart (its placement), reporting an id the list
// already had (ok false: the item is skipped) and a placement beside the item itself.
func childItem(file, list string, c ast.Node, seen map[string]Pos, errs *ErrorList) (ast.Node, placement, bool) {
	c, pl := takePlacement(c, errs, file)
	id := idOf(c)
	if repeatedItem(file, list, c, id, seen, errs) {
		return c, pl, false
	}
	if target := pl.after + pl.before; target != "" && target == id {
		errs.Add(file, pl.pos, "%s 中 id 为 “%s” 的项不能放在它自己的前后：after/before 应写另一项的 id", list, id)
		pl.after, pl.before = "", ""
	}
	return c, pl, true
}

// repeatedItem reports a child's item whose id an earlier item of the same list already has
// (the later one would silently replace the earlier): both lines are named.
func repeatedItem(file, list string, c ast.Node, id string, seen map[string]Pos, errs *ErrorList) bool {
	if id == "" {
		return false
	}
	m, _ := topMapping(c)
	mv, _ := valueOf(m, "id")
	if mv == nil {
		mv, _ = valueOf(m, "use") // a shared field's id is the one it uses (idOf)
	}
	at := posOf(mv.Value)
	if first, dup := seen[id]; dup {
		errs.Add(file, at, "%s 中 id “%s” 重复：第 %d 行已经写过。子模板的同一列表里每个 id 只能写一次（要修改父模板的项，把要改的键写在同一项里）", list, id, first.Line)
		return true
	}
	seen[id] = at
	return false
}

// place inserts an item after or before the one its placement names, or at the end.
func place(file, list string, items []ast.Node, c ast.Node, pl placement, find func(string) int, errs *ErrorList) []ast.Node {
	at := len(items)
	if target := pl.after + pl.before; target != "" {
		j := find(target)
		if j < 0 {
			errs.Add(file, pl.pos, "%s 中没有 id 为 “%s” 的项，无法放在它的前后", list, target)
		} else if pl.after != "" {
			at = j + 1
		} else {
			at = j
		}
	}
	items = append(items, nil)
	copy(items[at+1:], items[at:])
	items[at] = c
	return items
}

// nestedLists are the lists whose items hold lists of items with ids in turn (sections their
// fields, outputs their blocks, table and object fields their columns and row checks): such an
// item with a parent's id is merged key by key (the keys the child leaves out are kept) and its
// nested lists merge by id; any other item with a parent's id replaces it whole.
var nestedLists = map[string][]string{"sections": {"fields"}, "outputs": {"blocks"}, "fields": {"columns", "checks"},
	"columns": nil}

// hasKey reports whether an item (a mapping) has the key.
func hasKey(n ast.Node, key string) bool {
	m, ok := topMapping(n)
	if !ok {
		return false
	}
	mv, _ := valueOf(m, key)
	return mv != nil
}

// mergeKeys merges a child's item over the parent's item of the same id: the keys the child
// gives replace the parent's, and the nested list merges by id.
func mergeKeys(file string, parent, child ast.Node, nested []string, errs *ErrorList) ast.Node {
	pm, ok1 := topMapping(parent)
	cm, ok2 := topMapping(child)
	if !ok1 || !ok2 {
		return child
	}
	out := append([]*ast.MappingValueNode(nil), pm.Values...)
	for _, mv := range cm.Values {
		key := mv.Key.GetToken().Value
		_, i := valueOf(&ast.MappingNode{Values: out}, key)
		if i < 0 {
			out = append(out, mv)
			continue
		}
		if slices.Contains(nested, key) {
			ps, ok1 := out[i].Value.(*ast.SequenceNode)
			cs, ok2 := mv.Value.(*ast.SequenceNode)
			if ok1 && ok2 {
				cs.Values = mergeItems(file, key, ps.Values, cs.Values, errs)
			}
		}
		mv.Value = mergeMaps(file, out[i].Value, mv.Value, errs)
		out[i] = mv
	}
	cm.Values = out
	return cm
}

// mergedInMaps are the lists inside a merged mapping whose items merge by id: a keyvalues
// block's items (in a block written with merge: true).
var mergedInMaps = map[string]bool{"items": true}

// mergeMaps merges a child's mapping value (an output's sheet:, print:, cover:, letter:, a
// merged block's keyvalues:) over the parent's key by key, at every depth: the keys the child
// leaves out are kept. A keyvalues block's items merge by id; anything else (a text, a list)
// the child gives replaces the parent's whole.
func mergeMaps(file string, parent, child ast.Node, errs *ErrorList) ast.Node {
	pm, ok1 := parent.(*ast.MappingNode)
	cm, ok2 := child.(*ast.MappingNode)
	if !ok1 || !ok2 {
		pv, ok3 := parent.(*ast.MappingValueNode)
		cv, ok4 := child.(*ast.MappingValueNode)
		if (!ok1 && !ok3) || (!ok2 && !ok4) {
			return child
		}
		if ok3 {
			pm = ast.Mapping(pv.GetToken(), false, pv)
		}
		if ok4 {
			cm = ast.Mapping(cv.GetToken(), false, cv)
		}
	}
	out := append([]*ast.MappingValueNode(nil), pm.Values...)
	for _, mv := range cm.Values {
		key := mv.Key.GetToken().Value
		_, i := valueOf(&ast.MappingNode{Values: out}, key)
		if i < 0 {
			out = append(out, mv)
			continue
		}
		ps, ok1 := out[i].Value.(*ast.SequenceNode)
		cs, ok2 := mv.Value.(*ast.SequenceNode)
		if ok1 && ok2 && mergedInMaps[key] {
			cs.Values = mergeItems(file, key, ps.Values, cs.Values, errs)
			out[i] = mv
			continue
		}
		mv.Value = mergeMaps(file, out[i].Value, mv.Value, errs)
		out[i] = mv
	}
	cm.Values = out
	return cm
}

// extendsOf is the parent id a template names, and where.
func extendsOf(m *ast.MappingNode) (string, Pos) {
	mv, _ := valueOf(m, "extends")
	if mv == nil {
		return "", Pos{}
	}
	return strings.TrimSpace(scalarOf(mv.Value)), posOf(mv.Value)
}
