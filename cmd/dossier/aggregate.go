package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"dossier/dossier/aggregate"
	"dossier/dossier/document"
	"dossier/dossier/fsafe"
	"dossier/dossier/render/xlsx"
)

func (a *cli) aggregateCommand() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "aggregate ID --out FILE.xlsx INPUT...",
		Short: "把多个数据文件或申报包汇总成一张汇总表（市局的工作），并附审核清单",
		Long: "把多个数据文件或申报包（文件夹）汇总成一张汇总表，第二个工作表“审核清单”列出每一份输入的审核结论：" +
			"纳入、重复（同一企业同一项目已计入）、不符合（不符合申报条件）、数据有误、申报包被改动（verify 不通过）。\n" +
			"只有“纳入”的计入汇总表；企业层面的数据（如上年度主营业务收入）在合计中每个企业只计一次。\n" +
			"退出码：0 全部纳入，2 有输入未纳入（其余的汇总表照常生成）或参数有误，3 无法写入。",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return fail(exitInvalid, "需要项目编号和至少一个数据文件或申报包\n用法：%s", cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" || !strings.HasSuffix(strings.ToLower(out), ".xlsx") {
				return fail(exitInvalid, "请用 --out 指定汇总表文件（.xlsx）")
			}
			if err := outTarget(out, force); err != nil {
				return err
			}
			p, err := a.programme(args[0])
			if err != nil {
				return err
			}
			bar := a.progress(len(args) - 1)
			res, err := aggregate.Run(p, args[1:], aggregate.Options{Today: a.now(), Progress: bar.update})
			bar.finish()
			if err != nil {
				return fail(exitInvalid, "项目“%s”的%v", p.ID, err)
			}
			sheets := append(res.Sheets, res.Checklist(p.Title, aggregate.ProjectField(p) != ""))
			fsafe.SweepStale(filepath.Dir(out))
			if err := writeSheets(out, sheets, a); err != nil {
				return err
			}
			return a.reportAggregate(res, out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "汇总表文件（.xlsx）")
	cmd.Flags().BoolVar(&force, "force", false, "覆盖已存在的文件")
	return cmd
}

// reportAggregate prints what went in and lists what did not; exit 2 when anything was left out.
func (a *cli) reportAggregate(res *aggregate.Result, out string) error {
	n := res.Included()
	if n == 0 {
		fmt.Fprintf(a.stdout, "没有可汇总的申报材料，只写出了审核清单：%s\n", out)
	} else {
		fmt.Fprintf(a.stdout, "已汇总 %d 份申报材料：%s（工作表“%s”列出每一份的审核结论）\n", n, out, aggregate.ChecklistName)
	}
	left := len(res.Entries) - n
	if left == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "未纳入 %d 份（%s）：\n", left, res.Summary())
	for _, e := range res.Entries {
		if e.Verdict != aggregate.Included {
			fmt.Fprintf(&b, "  [%s] %s：%s\n", e.Verdict, e.Input, e.Reason)
		}
	}
	fmt.Fprintf(&b, "有 %d 份输入未纳入汇总，详见汇总表的工作表“%s”", left, aggregate.ChecklistName)
	return fail(exitInvalid, "%s", b.String())
}

// progressBar draws a bar on a terminal's stderr once the work has taken more than a second;
// it stays silent when stderr is not a terminal (a pipe, a log file, the tests).
type progressBar struct {
	w     io.Writer
	start time.Time
	total int
	bar   *progressbar.ProgressBar
}

func (a *cli) progress(total int) *progressBar {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressBar{}
	}
	return &progressBar{w: f, start: time.Now(), total: total}
}

func (b *progressBar) update(done, total int) {
	if b.w == nil {
		return
	}
	if b.bar == nil {
		if time.Since(b.start) < time.Second || done == total {
			return
		}
		b.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription("正在汇总"), progressbar.OptionShowCount(), progressbar.OptionSetElapsedTime(false),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	_ = b.bar.Set(done)
}

func (b *progressBar) finish() {
	if b.bar != nil {
		_ = b.bar.Finish()
	}
}

// writeSheets writes the summary table atomically (fsafe.WriteFile: a temporary file beside
// it, flushed, renamed): an error or an interruption leaves the old file and no temporary.
func writeSheets(path string, sheets []*document.Sheet, a *cli) error {
	var renderErr error
	var file writeErr
	err := fsafe.WriteFile(path, func(w io.Writer) error {
		file.w = w
		renderErr = xlsx.RenderWith(&file, xlsx.Options{Created: a.now(), Creator: "dossier " + version}, sheets...)
		return renderErr
	})
	switch {
	case err == nil:
		return nil
	case file.err != nil:
		err = file.err
	case renderErr != nil:
		return fail(exitInternal, "生成汇总表失败：%v", renderErr)
	}
	return fail(exitInternal, "无法写入 %s：%s", path, fsafe.Describe(err))
}

// writeErr remembers the first error of the file it writes to: a failure of the disk, told
// apart from one of the renderer.
type writeErr struct {
	w   io.Writer
	err error
}

func (f *writeErr) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}
