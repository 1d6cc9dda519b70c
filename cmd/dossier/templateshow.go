package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
	"dossier/templates"
)

// templateShowCommand prints a programme's template files as the program loads them (the
// user folder's first, else the shipped one), then its parents', so that a consultant writing
// a child can read the built-in parent and the ids it overrides (CONTRACT.md "Templates").
func (a *cli) templateShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "显示项目的模板原文（先列出子模板中可按 id 覆盖的项，再依次是模板文件和它继承的父模板文件）",
		Args:  usageArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			folders, err := a.folders()
			if err != nil {
				return err
			}
			chain, err := templateChain(folders, args[0], a.templatesDir)
			if err != nil {
				return err
			}
			if p, err := a.programme(args[0]); err == nil {
				fmt.Fprint(a.stdout, overridableIDs(p))
			}
			for i, f := range chain {
				what := "模板"
				if i > 0 {
					what = "父模板"
				}
				fmt.Fprintf(a.stdout, "# ===== %s %s（%s）=====\n", what, f.name, f.source)
				fmt.Fprint(a.stdout, string(f.src))
				if !strings.HasSuffix(string(f.src), "\n") {
					fmt.Fprintln(a.stdout)
				}
			}
			return nil
		},
	}
}

// chainFile is one template file of a programme's chain.
type chainFile struct {
	name, source string
	src          []byte
}

// templateChain reads the template with the id and the parents it extends, each from the
// last folder that has it (as the loader finds them).
func templateChain(folders []fsys, id, userDir string) ([]chainFile, error) {
	var chain []chainFile
	for len(chain) < 10 && id != "" {
		f, ok := findTemplate(folders, id, userDir)
		if !ok {
			if len(chain) == 0 {
				return nil, fail(exitInvalid, "没有编号为“%s”的模板。可用的项目见 dossier programmes", id)
			}
			return chain, nil // the loader reports a missing parent; show what there is
		}
		chain = append(chain, f)
		var h struct {
			Extends string `yaml:"extends"`
		}
		_ = yaml.Unmarshal(f.src, &h) // a broken file is shown as it is
		id = strings.TrimSpace(h.Extends)
	}
	return chain, nil
}

func findTemplate(folders []fsys, id, userDir string) (chainFile, bool) {
	name := id + ".yaml"
	if !fs.ValidPath(name) || strings.ContainsAny(id, `/\`) {
		return chainFile{}, false
	}
	for i := len(folders) - 1; i >= 0; i-- {
		src, err := fsafe.ReadRegularFS(folders[i], name, fsafe.MaxTemplateFile)
		if err != nil {
			continue
		}
		if folders[i] == fsys(templates.FS) {
			return chainFile{name: name, source: "内置模板", src: src}, true
		}
		return chainFile{name: filepath.Join(userDir, name), source: "模板文件夹", src: src}, true
	}
	return chainFile{}, false
}

// overridableIDs lists, as YAML comments, the ids of the merged template a child overrides
// by (templates/README.md "继承").
func overridableIDs(p *programme.Programme) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# 项目 %s（%s）：子模板中可按 id 覆盖、删除或定位（after/before）的项\n", p.ID, p.Title)
	list := func(key string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "#   %s: %s\n", key, strings.Join(ids, ", "))
		}
	}
	var ids []string
	for _, d := range p.Deadlines {
		ids = append(ids, d.ID)
	}
	list("deadlines", ids)
	for _, s := range p.Sections {
		ids = ids[:0]
		for _, f := range s.Fields {
			ids = append(ids, f.ID)
		}
		list("sections "+s.ID+" 的 fields", ids)
	}
	ids = ids[:0]
	for _, c := range p.Computed {
		ids = append(ids, c.ID)
	}
	list("computed", ids)
	list("checks", p.CheckIDs())
	ids = ids[:0]
	for _, r := range p.Rules {
		ids = append(ids, r.ID)
	}
	list("rules", ids)
	for _, o := range p.Outputs {
		ids := o.BlockIDs()
		fmt.Fprintf(&b, "#   outputs: %s（%s）", o.ID, o.Kind)
		if len(ids) > 0 {
			fmt.Fprintf(&b, "，有 id 的 blocks: %s", strings.Join(ids, ", "))
		}
		b.WriteString("\n")
		for _, id := range ids {
			if items := o.ItemIDs(id); len(items) > 0 {
				fmt.Fprintf(&b, "#     block %s 的 keyvalues items（merge: true 时按 id 合并）: %s\n", id, strings.Join(items, ", "))
			}
		}
	}
	list("columns（共用的列，输出里写 {use: id}）", p.ColumnIDs())
	ids = ids[:0]
	for _, at := range p.Attachments {
		ids = append(ids, at.ID)
	}
	list("attachments", ids)
	return b.String()
}
