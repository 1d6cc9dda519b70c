package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"dossier/dossier/programme"
)

// templateCommand groups the commands for template authors (CONTRACT.md "Templates").
func (a *cli) templateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "模板作者用的命令（template check、template show）",
		Args:  usageArgs(0),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check PATH...",
		Short: "检查模板文件或文件夹（以内置模板为可继承的父模板），逐条列出问题：文件:行:列: 说明",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fail(exitInvalid, "请给出要检查的模板文件或文件夹\n用法：%s", cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			errs, notices := programme.CheckTemplates(args...)
			for _, n := range notices {
				fmt.Fprintln(a.stdout, "提示："+n)
			}
			for _, e := range errs {
				fmt.Fprintln(a.stdout, e.Error())
			}
			if len(errs) > 0 {
				return fail(exitInvalid, "模板有 %d 处问题", len(errs))
			}
			fmt.Fprintln(a.stdout, "模板没有问题")
			return nil
		},
	})
	cmd.AddCommand(a.templateShowCommand())
	return cmd
}
