package syntax

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Finder reads the template a child extends by its id: file names it in messages; ok is
// false when no template has the id.
type Finder func(id string) (file string, src []byte, err error, ok bool)

// Tree is a template's YAML after inheritance: the merged top-level mapping, the files it
// was built from (the template's first, then its parent's …) and the hash of their bytes.
type Tree struct {
	Body  *ast.MappingNode
	Files []string
	Srcs  [][]byte
}

// Build parses one template file and merges it over its parent's tree when it extends
// one. chain holds the ids of the children being built (to find cycles). Problems of the
// template itself are added to errs at their place; a problem of the parent is reported once,
// at the child's extends line.
func Build(find Finder, file string, src []byte, chain []string, errs *ErrorList) *Tree {
	body := ParseSource(file, src, errs)
	if body == nil {
		return nil
	}
	m, ok := topMapping(body)
	if !ok {
		errs.Add(file, posOf(body), "模板的最外层应为映射（format: 1、id: …、title: … 各占一行）")
		return nil
	}
	t := &Tree{Body: m, Files: []string{file}, Srcs: [][]byte{src}}
	parent, at := extendsOf(m)
	if parent == "" {
		if at.Line > 0 {
			errs.Add(file, at, "extends 应为父模板的 id")
		}
		return t
	}
	idNode, _ := valueOf(m, "id")
	id := ""
	if idNode != nil {
		id = scalarOf(idNode.Value)
	}
	chain = append(chain, id)
	for _, c := range chain {
		if c == parent {
			errs.Add(file, at, "extends 形成循环：%s → %s", strings.Join(chain, " → "), parent)
			return nil
		}
	}
	if len(chain) > maxExtends {
		errs.Add(file, at, "extends 的层级太多（最多 %d 层）", maxExtends)
		return nil
	}
	pt := loadParent(find, file, parent, at, chain, errs)
	if pt == nil {
		return nil
	}
	markOrigin(pt.Body, pt.Files[0])
	t.Body = mergeTemplate(file, pt.Body, m, errs)
	t.Files = append(t.Files, pt.Files...)
	t.Srcs = append(t.Srcs, pt.Srcs...)
	return t
}

// loadParent builds the tree of the parent a child at file extends (at: the extends value);
// its problems are reported once, at the child's extends line.
func loadParent(find Finder, file, parent string, at Pos, chain []string, errs *ErrorList) *Tree {
	pfile, psrc, err, found := find(parent)
	switch {
	case !found:
		errs.Add(file, at, "extends 的父模板 “%s” 不存在（内置模板和模板文件夹中都没有 %s.yaml）", parent, parent)
		return nil
	case err != nil:
		errs.Add(file, at, "无法读取父模板 %s：%s", pfile, err.Error())
		return nil
	}
	var perrs ErrorList
	pt := Build(find, pfile, psrc, chain, &perrs)
	if pt == nil || len(perrs) > 0 {
		msg := ""
		if len(perrs) > 0 {
			perrs.Sort()
			msg = "：" + perrs[0].Error()
			if len(perrs) > 1 {
				msg += "（另有 " + strconv.Itoa(len(perrs)-1) + " 处）"
			}
		}
		errs.Add(file, at, "父模板 “%s” 有错误%s", parent, msg)
		return nil
	}
	return pt
}
