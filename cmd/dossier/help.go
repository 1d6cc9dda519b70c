package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The command line's help speaks Chinese: cobra's own texts ("Usage:", "Available Commands:",
// "Flags:", "help for …", the help and completion commands) are replaced here, for every
// command, including those added later.

// localize gives root and all its subcommands the Chinese help: usage text, -h/--help, the help
// command; cobra's completion command is dropped (it would be English and is rarely wanted on
// the desktop). Call it once every command is added.
func localize(root *cobra.Command) {
	root.CompletionOptions.DisableDefaultCmd = true
	root.SuggestionsMinimumDistance = 2
	root.SetUsageFunc(func(c *cobra.Command) error { return writeUsage(c.OutOrStderr(), c) })
	help := helpCommand(root)
	root.SetHelpCommand(help)
	walk(root, func(c *cobra.Command) {
		c.DisableFlagsInUseLine = true
		if c.Flags().Lookup("help") == nil {
			what := "显示本命令的帮助"
			if c == root {
				what = "显示帮助"
			}
			c.Flags().BoolP("help", "h", false, what)
		}
	})
	help.Flags().BoolP("help", "h", false, "显示本命令的帮助")
	help.DisableFlagsInUseLine = true
}

func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walk(sub, f)
	}
}

// helpCommand is `dossier help [子命令]`.
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [子命令]",
		Short: "显示某个子命令的帮助",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || cmd == nil || (cmd == root && len(rest) > 0) {
				return fail(exitInvalid, "没有子命令“%s”。%s子命令见 dossier --help", strings.Join(args, " "), suggest(root, args))
			}
			return cmd.Help()
		},
	}
}

// suggest names the subcommands a mistyped one may have meant ("是不是 check？"), or nothing.
func suggest(root *cobra.Command, args []string) string {
	if len(args) == 0 {
		return ""
	}
	if s := root.SuggestionsFor(args[0]); len(s) > 0 {
		return "是不是 " + strings.Join(s, " 或 ") + "？"
	}
	return ""
}

// useLine is cobra's UseLine in Chinese: "[选项]" where the command has options.
func useLine(c *cobra.Command) string {
	line := strings.TrimSuffix(c.UseLine(), " [flags]")
	if c.HasAvailableFlags() {
		line += " [选项]"
	}
	return line
}

// writeUsage writes the usage of c: its command line, subcommands, options and the options
// every command takes.
func writeUsage(w io.Writer, c *cobra.Command) error {
	var b strings.Builder
	b.WriteString("用法：\n")
	if c.Runnable() {
		fmt.Fprintf(&b, "  %s\n", useLine(c))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "  %s 子命令 …\n", c.CommandPath())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n示例：\n%s\n", c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n子命令：\n")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "  %-*s  %s\n", c.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n选项：\n")
		writeFlags(&b, c.LocalFlags())
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n所有命令都接受的选项：\n")
		writeFlags(&b, c.InheritedFlags())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n某个子命令的说明：%s 子命令 --help\n", c.CommandPath())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFlags lists the options of fs, aligned: "  -h, --help           显示帮助".
func writeFlags(b *strings.Builder, fs *pflag.FlagSet) {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		if v := valueName(f, name); v != "" {
			left += " " + v
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			usage += "（默认 " + d + "）"
		}
		rows = append(rows, row{left, usage})
		width = max(width, displayWidth(left))
	})
	for _, r := range rows {
		fmt.Fprintf(b, "%s%s  %s\n", r.left, strings.Repeat(" ", width-displayWidth(r.left)), r.usage)
	}
}

// valueName is what an option's value is called in the help: the `quoted` word of its usage,
// else 路径 for files and folders, 文本 or 数字 by its type; nothing for a switch.
func valueName(f *pflag.Flag, unquoted string) string {
	if strings.Contains(f.Usage, "`") {
		return unquoted
	}
	switch t := f.Value.Type(); {
	case t == "bool":
		return ""
	case strings.Contains(f.Usage, "文件"):
		return "路径"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint") || strings.HasPrefix(t, "float"):
		return "数字"
	case t == "duration":
		return "时长"
	}
	return "文本"
}

// displayWidth counts the terminal columns of s: CJK characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30FF || r >= 0xFF00 && r <= 0xFF60) {
			n++
		}
	}
	return n
}
