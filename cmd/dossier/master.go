package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"dossier/dossier"
	"dossier/dossier/fsafe"
	"dossier/dossier/master"
)

func (a *cli) masterCommand() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "master ID --out FILE.xlsx [FILE.json...]",
		Short: "生成项目的 Excel 企业名单：表头为表单的字段名称，每个数据文件一行（不给数据文件时为空白名单）",
		Long: "生成项目 ID 的 Excel 企业名单（一行一家企业，供中介机构批量填写后用 dossier import 导入）。\n" +
			"列：申报日期、企业基本信息、各年度财务数据（如“2018年 主营业务收入”）、本项目的非表格字段。\n" +
			"表格字段（知识产权、研发活动等）不在名单中，请在程序中逐项填写。\n" +
			"其他项目的数据文件只导出企业信息和申报日期。FILE.xlsx 已存在时须加 --force 才覆盖。",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 {
				return fail(exitInvalid, "缺少项目编号\n用法：%s", cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fail(exitInvalid, "请用 --out 指定要写入的 .xlsx 文件")
			}
			p, err := a.programme(args[0])
			if err != nil {
				return err
			}
			var files []*dossier.File
			for _, path := range args[1:] {
				f, err := dossier.ReadFile(path)
				if err != nil {
					return fail(exitInvalid, "%s：%v", path, err)
				}
				if f.Programme != p.ID && f.Programme != "" {
					fmt.Fprintf(a.stderr, "提示：%s 属于项目“%s”，只导出其企业信息和申报日期\n", path, f.Programme)
				}
				files = append(files, f)
			}
			if err := outTarget(out, force); err != nil {
				return err
			}
			if err := fsafe.WriteFile(out, func(w io.Writer) error { return master.Write(w, p, files, a.now()) }); err != nil {
				return fail(exitInternal, "无法写入 %s：%s", out, fsafe.Describe(err))
			}
			fmt.Fprintf(a.stdout, "已写入 %s（%d 家企业）\n", out, len(files))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "要写入的 Excel 文件（.xlsx）")
	cmd.Flags().BoolVar(&force, "force", false, "覆盖已存在的文件")
	return cmd
}

func (a *cli) importCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "import ID FILE.xlsx --out DIR",
		Short: "导入 Excel 企业名单：每个填写的行写成一个数据文件（按企业名称命名），有误的行按行号和列名报告",
		Long: "读取项目 ID 的 Excel 企业名单（dossier master 生成的，或 WPS/Excel 另存的：数字可为数值或文字，如 1,500.00、全角数字、1500万；\n" +
			"日期可为 Excel 日期或文字，如 2019/5/20、2019年5月20日；表头上方的标题行（含合并单元格）自动跳过，按列名找到表头）。\n" +
			"每个填写的行写成 DIR 中的一个数据文件，以企业名称命名；同名文件已存在时不覆盖，改用编号（如 企业（2）.json）并说明。\n" +
			"有误的行不写入，按行号和列名报告；其余的行照常写入。\n" +
			"退出码：全部行都正确为 0，有行出错为 2。",
		Args: usageArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return fail(exitInvalid, "请用 --out 指定写入数据文件的文件夹")
			}
			if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
				return fail(exitInvalid, "%s 不是文件夹", dir)
			}
			p, err := a.programme(args[0])
			if err != nil {
				return err
			}
			data, err := fsafe.ReadRegular(args[1], master.MaxWorkbook)
			if err != nil {
				return fail(exitInvalid, "%s：%v", args[1], err)
			}
			res, err := master.Read(p, data, a.now())
			if err != nil {
				return fail(exitInvalid, "%s：%v", args[1], err)
			}
			for _, h := range res.Ignored {
				fmt.Fprintf(a.stderr, "提示：列“%s”不是本项目的字段，未导入\n", h)
			}
			saved, err := master.Save(dir, res.Rows)
			for _, s := range saved {
				note := ""
				if s.Renamed {
					note = "（同名文件已存在，未覆盖，改用编号）"
				}
				fmt.Fprintf(a.stdout, "第%d行\t已写入\t%s%s\n", s.Row, s.Path, note)
			}
			if err != nil {
				return fail(exitInternal, "%v", err)
			}
			bad := 0
			for _, r := range res.Rows {
				if r.File != nil {
					continue
				}
				bad++
				for _, pr := range r.Problems {
					fmt.Fprintln(a.stderr, pr)
				}
			}
			fmt.Fprintf(a.stdout, "共 %d 行：写入 %d 行，有误 %d 行（未写入）\n", len(res.Rows), len(saved), bad)
			if bad > 0 {
				return fail(exitInvalid, "")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "out", "", "写入数据文件的文件夹（不存在时创建）")
	return cmd
}
