package main

import (
	"github.com/spf13/cobra"
)

func newOpenCmd(ios *IOStreams) *cobra.Command {
	f := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "open FILE...|-",
		Short: "Explore traces interactively (prints like 'print' when not on a terminal)",
		Long: `Open traces in the interactive explorer. When stdout is not a terminal,
open prints the same report as 'tracetui print', so it is safe in scripts.`,
		Example: `  tracetui open traces.jsonl
  tracetui open --trace 4bf92f traces.jsonl
  curl -s http://localhost:16686/api/v3/traces/4bf92f3577b34da6a3ce929d0e0e4736 | tracetui open -`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(printFormats); err != nil {
				return err
			}
			if len(args) == 0 || contains(args, "-") {
				if ios.StdinIsTTY && len(args) == 0 {
					return usagef("open needs a trace file (or - with a pipe)")
				}
			}
			inputs, err := inputsFor(ios, args)
			if err != nil {
				return err
			}
			if interactive(ios, f) && !contains(args, "-") {
				return explore(ios, f, inputs)
			}
			return printRun(ios, f, inputs)
		},
	}
	f.register(cmd, printFormats)
	cmd.Flags().IntVar(&f.maxSpans, "max-spans", 0, "when printing, show at most N spans per trace (0: all)")
	return cmd
}
