package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

func (a *cli) buildCommand() *cobra.Command {
	var out string
	var draft, force, simplex, discData bool
	cmd := &cobra.Command{
		Use:   "build ID FILE --out DIR",
		Short: "生成申报包（PDF 报告、Excel 汇总表、打印稿、清单）到 DIR",
		Long: "生成申报包（PDF 报告、Excel 汇总表、打印稿、清单）到 DIR（新建的文件夹）。\n" +
			"DIR 已存在时：空文件夹直接使用；原有的申报包只在加 --force 时替换；" +
			"其中有任何其他文件（数据文件、扫描件等）时一律不动，退出码 2。\n" +
			"退出码：0 已生成（原有申报包未能删除时在标准错误输出警告，仍为 0），1 不符合申报条件，" +
			"2 数据有误或 DIR 不能使用，3 无法写入（磁盘已满、没有权限等）。",
		Args: usageArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fail(exitInvalid, "请用 --out 指定申报包文件夹，例如 --out 申报包/%s", args[0])
			}
			ev, err := a.evaluate(args[0], args[1])
			if err != nil {
				return err
			}
			if err := a.templateFault(ev); err != nil { // with --draft too: nothing is written
				printCheck(a.stdout, ev)
				return err
			}
			warn := func(msg string) { fmt.Fprintln(a.stderr, "警告："+msg) }
			m, err := pack.Build(ev, pack.Options{Out: out, Force: force, Draft: draft, Now: a.now(), Generator: "dossier " + version, Warn: warn, Simplex: simplex, DiscData: discData})
			if err != nil {
				return buildError(a, ev, err)
			}
			kind := "申报包"
			if draft {
				kind = "草稿申报包"
			}
			fmt.Fprintf(a.stdout, "已生成%s：%s（%d 个文件）\n", kind, out, len(m.Files))
			for _, f := range m.Files {
				fmt.Fprintf(a.stdout, "  %s  %s\n", humanSize(f.Size), f.Path)
			}
			if warns := ev.AttachmentWarnings(); len(warns) > 0 {
				fmt.Fprintf(a.stdout, "申报包不完整：%d 项附件的位置放了占位页，请补齐后重新生成：\n", len(m.MissingAttachments))
				for _, w := range warns {
					fmt.Fprintf(a.stdout, "  ! %s\n", w.Message)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "申报包文件夹（将新建）")
	cmd.Flags().BoolVar(&draft, "draft", false, "即使数据不完整或不符合条件也生成，每页带“草稿”水印")
	cmd.Flags().BoolVar(&discData, "disc-data", false, "把申报数据.json（含身份证号码）放在外层随电子版刻录（默认放在“不刻录”文件夹）")
	cmd.Flags().BoolVar(&force, "force", false, "覆盖已存在的申报包")
	cmd.Flags().BoolVar(&simplex, "simplex", false, "打印稿按单面打印排版（默认双面：页码和骑缝章在外侧，各部分从右页开始）")
	return cmd
}

// buildError turns a failed build into the exit code and message of CONTRACT.md: the user's
// data or folder is exit 2 (1 when not eligible); the work that could not be done, 3.
func buildError(a *cli, ev *programme.Evaluation, err error) error {
	switch {
	case errors.Is(err, pack.ErrInvalid):
		printCheck(a.stdout, ev)
		return fail(exitInvalid, "数据有误，未生成申报包（可加 --draft 生成带“草稿”水印的草稿）")
	case errors.Is(err, pack.ErrNotEligible):
		printCheck(a.stdout, ev)
		return fail(exitFailed, "不符合申报条件，未生成申报包（可加 --draft 生成带“草稿”水印的草稿）")
	case errors.Is(err, pack.ErrAttachment):
		return fail(exitInvalid, "附件有误，未生成申报包：%v", err)
	case errors.Is(err, pack.ErrExists):
		return fail(exitInvalid, "%v（如要覆盖，请加 --force）", err)
	case errors.Is(err, pack.ErrTarget):
		return fail(exitInvalid, "%v", err)
	}
	return fail(exitInternal, "生成申报包失败：%v", err)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%6.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%6.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%6d B ", n)
}

func (a *cli) verifyCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "verify DIR",
		Short: "按 manifest.json 检查申报包：缺少、多出或被修改的文件（退出码 0 完整，1 不完整，2 不是申报包，3 无法读取）",
		Args:  usageArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := pack.Verify(args[0])
			switch {
			case errors.Is(err, pack.ErrUnreadable):
				return fail(exitInternal, "%v", err)
			case err != nil:
				return fail(exitInvalid, "%v", err)
			}
			fmt.Fprint(a.stdout, r.String())
			switch {
			case r.Unverified():
				return fail(exitInternal, "有文件无法读取，未能确认申报包是否完整")
			case !r.Intact():
				return fail(exitFailed, "申报包不完整")
			}
			return nil
		},
	}
}
