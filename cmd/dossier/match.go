package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"dossier/dossier"
	"dossier/dossier/programme"
)

// matchJSON is the --json output of match (CONTRACT.md, exactly).
type matchJSON struct {
	Programmes []matchProgrammeJSON `json:"programmes"`
}

type matchProgrammeJSON struct {
	ID      string            `json:"id"`
	Verdict string            `json:"verdict"`
	Unmet   []programme.Unmet `json:"unmet"`
	Missing []string          `json:"missing"`
}

func (a *cli) matchCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "match FILE",
		Short: "政策匹配：该企业可以申报哪些项目，还差什么（每个项目一行：编号<TAB>符合|不符合|待补充<TAB>原因）",
		Long: "政策匹配：用数据文件中的企业信息（任一项目的数据文件，或只有 enterprise 的文件）逐一对照所有申报项目的条件。\n" +
			"每个项目一行：编号<TAB>符合|不符合|待补充<TAB>原因。不符合的条件给出差距（如“2018年度主营业务收入还差 350.00 万元”），\n" +
			"待补充列出判定还需要填写的字段。\n" +
			"企业信息对所有项目通用；其他项目的答案只在字段编号和类型都相同时沿用。\n" +
			"申报日期：匹配回答的是“现在能否申报”，所以用数据文件的 applied_on；文件未填写时用今天（不用通知的默认日期），\n" +
			"截止日期已过的项目为“不符合”（申报截止已过）。\n" +
			"退出码：文件有效时为 0（无论匹配结果），数据文件有误为 2。",
		Args: usageArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := a.programmes()
			if err != nil {
				return err
			}
			f, err := dossier.ReadFile(args[0])
			if err != nil {
				return fail(exitInvalid, "%s：%v", args[0], err)
			}
			results, problems := programme.MatchAll(set, f, a.now())
			var bad []string
			for _, p := range problems {
				if !p.Warning {
					bad = append(bad, "  ✗ "+p.Message)
				}
			}
			if len(bad) > 0 {
				return fail(exitInvalid, "%s：企业信息有误，请先修正：\n%s", args[0], strings.Join(bad, "\n"))
			}
			if asJSON {
				return writeMatchJSON(a, results)
			}
			for _, m := range results {
				fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", m.Programme.ID, programme.VerdictText(m.Verdict), oneLine(m.Reasons()))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "以 JSON 输出结果")
	return cmd
}

func writeMatchJSON(a *cli, results []programme.MatchResult) error {
	out := matchJSON{Programmes: []matchProgrammeJSON{}}
	for _, m := range results {
		j := matchProgrammeJSON{ID: m.Programme.ID, Verdict: m.Verdict, Unmet: m.Unmet, Missing: m.Missing}
		if j.Unmet == nil {
			j.Unmet = []programme.Unmet{}
		}
		if j.Missing == nil {
			j.Missing = []string{}
		}
		out.Programmes = append(out.Programmes, j)
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// oneLine keeps a reason on its line: the output is one line per programme.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}
