package main

import (
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// completeValues makes a flag's shell completion offer its values (never
// file names): shells complete `--sort <TAB>` with what --sort takes.
func completeValues(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// fileFlags take a path: the shell's file completion is right for them.
var fileFlags = []string{"ca-file", "write", "save"}

// initCompletion sets up shell completion for every command. cobra's
// default is file names for every flag value, which is wrong for all but
// fileFlags: a flag with no values of its own to offer (a width, a URL, a
// query) completes to nothing rather than to the files around.
//
// It also adds cobra's completion command now rather than at Execute, so
// that `tracetui completion` without a shell, or with one cobra does not
// know, is a usage error (exit 2) instead of help and exit 0: a script
// generating completions must notice the mistake.
func initCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if _, ok := c.GetFlagCompletionFunc(f.Name); ok || f.Value.Type() == "bool" || slices.Contains(fileFlags, f.Name) {
				return
			}
			_ = c.RegisterFlagCompletionFunc(f.Name, cobra.NoFileCompletions)
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = wrapArgs(cobra.NoArgs)
			c.RunE = func(*cobra.Command, []string) error {
				return usagef("completion needs a shell: bash, zsh, fish or powershell")
			}
		}
	}
}
