package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/tui"
)

type OpenOptions struct {
	IO     *IOStreams
	Report reportFlags
	Store  storeFlags
	Args   []string // files, "-", or trace IDs with a store flag
	// Baseline is a file of traces the explorer's list compares with
	// (a Δ P95 column per root operation).
	Baseline string
}

func (o *OpenOptions) check(args []string) error {
	o.Args = args
	if err := o.Report.validate(printFormats); err != nil {
		return err
	}
	if err := o.Store.validate(); err != nil {
		return err
	}
	if o.Baseline == "-" {
		return usagef("--baseline needs a file: stdin is the explorer's keyboard")
	}
	if len(args) == 0 && o.IO.StdinIsTTY && o.Store.jaeger+o.Store.tempo+o.Store.zipkin == "" {
		return usagef("open needs a trace file (or - with a pipe)")
	}
	return nil
}

func newCmdOpen(ios *IOStreams, runF func(*OpenOptions) error) *cobra.Command {
	opts := &OpenOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "open FILE...|-|--STORE URL TRACE-ID...",
		Short: "Explore traces interactively (prints like 'print' when not on a terminal)",
		Long: `Open traces in the interactive explorer. When stdout is not a terminal,
open prints the same report as 'tracetui print', so it is safe in scripts.`,
		Example: `  tracetui open traces.jsonl
  tracetui open --trace 4bf92f traces.jsonl
  tracetui open --baseline main.jsonl pr.jsonl
  tracetui open --jaeger http://localhost:16686 4bf92f3577b34da6a3ce929d0e0e4736
  tracetui open --tempo http://tempo:3200 --org-id team-a 4bf92f3577b34da6a3ce929d0e0e4736`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runOpen),
	}
	opts.Report.register(cmd, printFormats)
	opts.Store.register(cmd)
	opts.Report.registerMaxSpans(cmd, "when printing, ")
	cmd.Flags().StringVar(&opts.Baseline, "baseline", "", "compare with the traces of `FILE`: the trace list shows each root operation's p95 change (explorer only)")
	return cmd
}

// runOpen explores on a terminal and prints otherwise. Traces piped into
// stdin are printed too: the explorer needs stdin for the keyboard.
func runOpen(opts *OpenOptions) error {
	ld, title, err := traceSource(opts.IO, &opts.Store, opts.Args)
	if err != nil {
		return err
	}
	if interactive(opts.IO, opts.Report.format) && !slices.Contains(opts.Args, "-") {
		opt := tui.Options{}
		if opts.Baseline != "" {
			opt.Baseline, opt.BaselineTitle = baselineLoader(opts.Baseline, &opts.Store), opts.Baseline
		}
		return exploreWith(opts.IO, &opts.Report, ld, title, opt, plainInputBytes(opts.Args))
	}
	if opts.Baseline != "" {
		fmt.Fprintf(opts.IO.ErrOut, "note: --baseline is the explorer's; for a report, run tracetui diff %s FILE\n", render.Sanitize(opts.Baseline))
	}
	return printReport(opts.IO, &opts.Report, ld)
}
