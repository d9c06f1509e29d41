package main

import (
	"github.com/spf13/cobra"
)

// completeValues makes a flag's shell completion offer its values (never
// file names): shells complete `--sort <TAB>` with what --sort takes.
func completeValues(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// initCompletionCmd adds cobra's completion command now rather than at
// Execute, so that `tracetui completion` without a shell, or with one
// cobra does not know, is a usage error (exit 2) instead of help and exit
// 0: a script generating completions must notice the mistake.
func initCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = wrapArgs(cobra.NoArgs)
			c.RunE = func(*cobra.Command, []string) error {
				return usagef("completion needs a shell: bash, zsh, fish or powershell")
			}
		}
	}
}
