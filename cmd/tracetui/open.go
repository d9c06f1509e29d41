package main

import (
	"github.com/spf13/cobra"
)

func newOpenCmd(ios *IOStreams) *cobra.Command {
	f, st := &reportFlags{}, &storeFlags{}
	cmd := &cobra.Command{
		Use:   "open FILE...|-|--STORE URL TRACE-ID...",
		Short: "Explore traces interactively (prints like 'print' when not on a terminal)",
		Long: `Open traces in the interactive explorer. When stdout is not a terminal,
open prints the same report as 'tracetui print', so it is safe in scripts.`,
		Example: `  tracetui open traces.jsonl
  tracetui open --trace 4bf92f traces.jsonl
  tracetui open --jaeger http://localhost:16686 4bf92f3577b34da6a3ce929d0e0e4736
  tracetui open --tempo http://tempo:3200 --org-id team-a 4bf92f3577b34da6a3ce929d0e0e4736`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(printFormats); err != nil {
				return err
			}
			if len(args) == 0 && ios.StdinIsTTY && st.jaeger+st.tempo+st.zipkin == "" {
				return usagef("open needs a trace file (or - with a pipe)")
			}
			ld, title, err := traceSource(ios, st, args)
			if err != nil {
				return err
			}
			if interactive(ios, f) && !contains(args, "-") {
				return explore(ios, f, ld, title)
			}
			return printRun(ios, f, ld)
		},
	}
	f.register(cmd, printFormats)
	st.register(cmd)
	cmd.Flags().IntVar(&f.maxSpans, "max-spans", 0, "when printing, show at most N spans per trace (0: all)")
	return cmd
}
