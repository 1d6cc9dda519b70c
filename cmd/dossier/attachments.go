package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// attachmentsCommand lists a programme's attachments in binding order (CONTRACT.md):
// id<TAB>required|optional<TAB>label.
func (a *cli) attachmentsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "attachments ID",
		Short: "按装订顺序列出项目的附件（编号<TAB>required|optional<TAB>名称）",
		Args:  usageArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.programme(args[0])
			if err != nil {
				return err
			}
			for _, at := range p.Attachments {
				need := "optional"
				if at.Required {
					need = "required"
				}
				fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", at.ID, need, at.Label)
			}
			return nil
		},
	}
}
