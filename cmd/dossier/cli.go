package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"dossier/dossier"
	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
	"dossier/templates"
)

// Exit codes of CONTRACT.md.
const (
	exitOK       = 0
	exitFailed   = 1 // not eligible, not intact
	exitInvalid  = 2 // invalid data, not a package, bad usage
	exitInternal = 3 // the work could not be done: I/O error (disk full), internal error, a shipped template's bug
)

// exitError carries an exit code up through cobra.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func fail(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// cli is what the commands share: where templates come from, the clock, output streams.
type cli struct {
	templatesDir string
	now          func() time.Time
	stdout       io.Writer
	stderr       io.Writer
	gui          func(templatesDir, file string) error // nil in builds without a GUI
}

// run executes the command line and returns the process exit code.
func run(a *cli, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code, msg := describeError(err)
	if msg != "" {
		fmt.Fprintln(a.stderr, msg)
	}
	return code
}

func (a *cli) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Short: "Dossier 申报材料助手：政府扶持项目申报的资格检查与申报材料生成",
		Long: "Dossier 申报材料助手：按通知的条件检查企业是否符合申报资格，生成通知要求的 PDF 报告、Excel 汇总表、" +
			"光盘电子版和打印装订稿。\n不带参数运行时打开桌面程序。",
		SilenceUsage:  true,
		SilenceErrors: true,
		Use:           "dossier [数据文件.json]",
		Version:       versionString(),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return fail(exitInvalid, "只能打开一个数据文件；子命令见 dossier --help")
			}
			if len(args) == 1 && looksLikeCommand(args[0]) {
				return fail(exitInvalid, "没有子命令“%s”，也没有这个数据文件。%s子命令见 dossier --help", args[0], suggest(cmd, args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.gui == nil {
				return cmd.Help()
			}
			// The GUI loads the templates itself (its 模板 page shows their problems and reloads
			// them); a --templates folder that does not exist is still refused here.
			if _, err := a.folders(); err != nil {
				return err
			}
			file := ""
			if len(args) == 1 {
				file = args[0]
			}
			return a.gui(a.templatesDir, file)
		},
	}
	root.SetVersionTemplate("dossier {{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "显示版本号")
	root.PersistentFlags().StringVar(&a.templatesDir, "templates", "", "额外的模板文件夹：其中的模板新增或覆盖内置模板")
	root.AddCommand(a.programmesCommand(), a.demoCommand(), a.checkCommand(), a.buildCommand(), a.verifyCommand(), a.aggregateCommand(), a.templateCommand(), a.attachmentsCommand(), a.matchCommand(), a.masterCommand(), a.importCommand())
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		msg, ok := flagError(err)
		if !ok {
			msg = "选项写法不对"
		}
		return fail(exitInvalid, "参数错误：%s\n用法：%s", msg, useLine(cmd))
	})
	localize(root)
	return root
}

// looksLikeCommand: a lone argument that is no file and has no extension or folder in it was
// meant as a subcommand (`dossier chek`), not as a data file to open.
func looksLikeCommand(arg string) bool {
	if strings.ContainsAny(arg, "./\\") {
		return false
	}
	_, err := os.Lstat(arg)
	return err != nil
}

// usageArgs reports a wrong argument count with the usage line, exit 2.
func usageArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return fail(exitInvalid, "参数个数不对：需要 %d 个，得到 %d 个\n用法：%s", n, len(args), useLine(cmd))
		}
		return nil
	}
}

// folders are where templates come from: the embedded ones, then the --templates folder.
func (a *cli) folders() ([]fsys, error) {
	folders := []fsys{templates.FS}
	if a.templatesDir != "" {
		if fi, err := os.Stat(a.templatesDir); err != nil || !fi.IsDir() {
			return nil, fail(exitInvalid, "模板文件夹 %s 不存在或不是文件夹", a.templatesDir)
		}
		folders = append(folders, os.DirFS(a.templatesDir))
	}
	return folders, nil
}

// programmes loads every template, the embedded ones and the user folder's.
func (a *cli) programmes() (*programme.Set, error) {
	folders, err := a.folders()
	if err != nil {
		return nil, err
	}
	set, err := programme.LoadSet(folders...)
	if err != nil {
		return nil, a.templateError(err, func() error { _, err := programme.LoadSet(templates.FS); return err })
	}
	for _, n := range set.Notices() { // a user's template that replaces a shipped one says so
		fmt.Fprintln(a.stderr, "提示："+n)
	}
	return set, nil
}

// templateError is a template that does not load: the user's to fix (exit 2), or, when the
// shipped templates alone fail the same way, our bug (exit 3).
func (a *cli) templateError(err error, builtinOnly func() error) error {
	if a.templatesDir == "" || builtinOnly() != nil {
		return fail(exitInternal, "内置模板有错误（这是本程序的缺陷，请报告）：\n%v", err)
	}
	return fail(exitInvalid, "模板有错误，请修正后再运行：\n%v", err)
}

// programme loads the one template a command works on.
func (a *cli) programme(id string) (*programme.Programme, error) {
	folders, err := a.folders()
	if err != nil {
		return nil, err
	}
	p, found, err := programme.LoadOne(id, folders...)
	switch {
	case err != nil:
		return nil, a.templateError(err, func() error { _, _, err := programme.LoadOne(id, templates.FS); return err })
	case !found || p.ID != id:
		return nil, fail(exitInvalid, "没有编号为“%s”的申报项目。可用的项目见 dossier programmes", id)
	}
	return p, nil
}

func (a *cli) programmesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "programmes",
		Short: "列出所有申报项目（编号<TAB>名称）",
		Args:  usageArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			set, err := a.programmes()
			if err != nil {
				return err
			}
			for _, p := range set.All() {
				fmt.Fprintf(a.stdout, "%s\t%s\n", p.ID, p.Title)
			}
			return nil
		},
	}
}

func (a *cli) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo ID",
		Short: "输出该项目的示例数据文件（完整、有效、符合条件）",
		Args:  usageArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.programme(args[0])
			if err != nil {
				return err
			}
			if p.Demo == nil {
				return fail(exitInvalid, "项目“%s”没有示例数据：请在模板文件旁放一个 %s.demo.json", args[0], args[0])
			}
			_, err = a.stdout.Write(p.Demo)
			return err
		},
	}
}

// evaluate reads a data file and judges it; an unreadable file is exit 2.
func (a *cli) evaluate(id, path string) (*programme.Evaluation, error) {
	p, err := a.programme(id)
	if err != nil {
		return nil, err
	}
	f, err := dossier.ReadFile(path)
	if err != nil {
		if isOSError(err) { // "read x: is a directory" in Chinese: a folder, not a file
			return nil, fail(exitInvalid, "%s：无法读取数据文件：%s", path, fsafe.Describe(err))
		}
		return nil, fail(exitInvalid, "%s：%v", path, err)
	}
	return programme.Evaluate(p, f, a.now()), nil
}

// templateFault is the error of a dossier whose template has expressions that cannot be
// evaluated on it (every document rendered, nothing written): nothing may be judged or built
// from it. Exit 2 for the user's own template (--templates), 3 for a shipped one: our bug.
func (a *cli) templateFault(ev *programme.Evaluation) error {
	faults := ev.Faults()
	if len(faults) == 0 {
		return nil
	}
	code, whose := exitInternal, "内置模板有错误（这是本程序的缺陷，请报告）"
	if a.templatesDir != "" {
		if fi, err := os.Stat(filepath.Join(a.templatesDir, ev.Programme.ID+".yaml")); err == nil && fi.Mode().IsRegular() {
			code, whose = exitInvalid, "模板文件夹中的模板有错误，请修正模板"
		}
	}
	return fail(code, "无法判定：%s（%d 处表达式无法计算，见上；第一处 %s）", whose, len(faults), faults[0].Where)
}

// checkJSON is the --json output of check (CONTRACT.md, extended with labels and thresholds,
// rule statuses, expression errors and the application date used).
type checkJSON struct {
	Eligible         bool                   `json:"eligible"`
	Problems         []programme.Problem    `json:"problems"`
	Rules            []programme.RuleResult `json:"rules"`
	Deadline         string                 `json:"deadline,omitempty"`
	AppliedOn        string                 `json:"applied_on"`
	AppliedOnDefault bool                   `json:"applied_on_default,omitempty"`
	ExprErrors       []programme.ExprError  `json:"expr_errors,omitempty"`
	// MissingAttachments are the ids of the required attachments not given (a package built
	// now is incomplete; not a problem of the data).
	MissingAttachments []string `json:"missing_attachments"`
}

func (a *cli) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check ID FILE",
		Short: "检查资格与完整性：逐条列出通知的条件、阈值和实际值（退出码 0 符合，1 不符合，2 数据有误）",
		Args:  usageArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ev, err := a.evaluate(args[0], args[1])
			if err != nil {
				return err
			}
			fault := a.templateFault(ev) // renders every document: their expressions count too
			if asJSON {
				out := checkJSON{Eligible: ev.Eligible(), Problems: ev.Problems, Rules: ev.Rules, ExprErrors: ev.ExprErrors(),
					AppliedOn: ev.AppliedOn.Format("2006-01-02"), AppliedOnDefault: ev.AppliedOnDefault, MissingAttachments: ev.MissingAttachments()}
				if out.MissingAttachments == nil {
					out.MissingAttachments = []string{}
				}
				if out.Problems == nil {
					out.Problems = []programme.Problem{}
				}
				if !ev.Deadline.IsZero() {
					out.Deadline = ev.Deadline.Format("2006-01-02")
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				printCheck(a.stdout, ev)
			}
			switch {
			case fault != nil:
				return fault
			case ev.Invalid():
				return fail(exitInvalid, "")
			case !ev.Eligible():
				return fail(exitFailed, "")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "以 JSON 输出结果")
	return cmd
}

func printCheck(w io.Writer, ev *programme.Evaluation) {
	name := ev.FieldText("enterprise.name")
	if name == "" {
		name = "（未填写企业名称）"
	}
	fmt.Fprintf(w, "%s — %s\n\n", name, ev.Programme.Title)
	var errs, warns []programme.Problem
	for _, p := range slices.Concat(ev.Problems, ev.AttachmentWarnings()) {
		if p.Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(w, "数据问题（%d 项，须先修正）：\n", len(errs))
		for _, p := range errs {
			fmt.Fprintf(w, "  ✗ %s\n", p.Message)
		}
		fmt.Fprintln(w)
	}
	if len(warns) > 0 {
		fmt.Fprintf(w, "提示（%d 项）：\n", len(warns))
		for _, p := range warns {
			fmt.Fprintf(w, "  ! %s\n", p.Message)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "申报条件：")
	failed, pending, undecidable := printRules(w, ev.Rules)
	for _, m := range ev.Milestones {
		fmt.Fprintf(w, "  · %s：%s\n", m.Label, m.Date.Format("2006-01-02"))
	}
	fmt.Fprintln(w)
	faults := printFaults(w, ev.ExprErrors())
	switch {
	case len(faults) > 0 || undecidable > 0:
		fmt.Fprintln(w, "结论：无法判定——模板的表达式无法计算，不能据此判断是否符合申报条件。")
	case len(errs) > 0:
		fmt.Fprintf(w, "结论：数据有误，请先修正以上 %d 项问题。\n", len(errs))
	case failed > 0:
		fmt.Fprintf(w, "结论：不符合申报条件（%d 项条件不符合）。\n", failed)
	case pending > 0:
		fmt.Fprintf(w, "结论：尚不能判定，%d 项条件待填写。\n", pending)
	default:
		fmt.Fprintln(w, "结论：符合申报条件。")
	}
}

// printRules lists the rules with their marks and counts the failed, pending and undecidable.
func printRules(w io.Writer, rules []programme.RuleResult) (failed, pending, undecidable int) {
	for _, r := range rules {
		mark := "✓"
		switch r.Status {
		case programme.StatusNotApplicable:
			mark = "–"
		case programme.StatusPending:
			mark = "…"
			pending++
		case programme.StatusUndecidable:
			mark = "?"
			undecidable++
		case programme.StatusFailed:
			mark = "✗"
			failed++
		}
		fmt.Fprintf(w, "  %s %s\n", mark, r.Message)
	}
	return failed, pending, undecidable
}

// printFaults lists the template expressions that could not be evaluated, and returns them.
func printFaults(w io.Writer, faults []programme.ExprError) []programme.ExprError {
	if len(faults) == 0 {
		return nil
	}
	fmt.Fprintf(w, "模板表达式无法计算（%d 处）：\n", len(faults))
	for _, x := range faults {
		fmt.Fprintf(w, "  ? %s\n", x)
	}
	fmt.Fprintln(w)
	return faults
}
