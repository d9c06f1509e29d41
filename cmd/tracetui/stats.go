package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// eachAnalyzed is the common start of the table commands: load from files
// or a store, keep --trace's match, and hand each trace's tree and analysis
// to add, one at a time: the tables need no findings and keep no trees.
// With --where only the traces it keeps count.
func eachAnalyzed(ios *IOStreams, f *reportFlags, st *storeFlags, args []string, add func(*trace.Tree, *trace.Analysis)) error {
	ld, _, err := traceSource(ios, st, args)
	if err != nil {
		return err
	}
	_, traces, err := loadSelected(ios, ld, f.traceID)
	if err != nil {
		return err
	}
	kept := 0
	for _, t := range traces {
		a := trace.AnalyzeOne(t, trace.PipelineOptions{})
		if f.where.keeps(a.Tree) {
			add(a.Tree, a.Analysis)
			kept++
		}
	}
	return f.where.noMatch(kept)
}

const statsFormats = "text|markdown|json"

type StatsOptions struct {
	IO     *IOStreams
	Report reportFlags
	Store  storeFlags
	By     string // "operation" or "service"
	Sort   string // one of render.StatsSorts
	Args   []string
}

func (o *StatsOptions) check(args []string) error {
	o.Args = args
	if err := o.Report.validate(statsFormats); err != nil {
		return err
	}
	if err := o.Store.validate(); err != nil {
		return err
	}
	if o.By != "operation" && o.By != "service" {
		return usagef("--by must be operation or service, got %q", o.By)
	}
	if !slices.Contains(render.StatsSorts, o.Sort) {
		return usagef("--sort must be one of %s, got %q", strings.Join(render.StatsSorts, ", "), o.Sort)
	}
	return nil
}

func newCmdStats(ios *IOStreams, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "stats [FILE...|-]",
		Short: "Per-operation (or per-service) statistics: count, total, avg, min, max, self time, errors",
		Example: `  tracetui stats traces.jsonl
  tracetui stats --by service --sort self traces.jsonl
  tracetui stats --where '{ kind = server && duration > 500ms }' traces.jsonl
  tracetui stats --format markdown traces.jsonl >> "$GITHUB_STEP_SUMMARY"`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runStats),
	}
	opts.Report.register(cmd, statsFormats)
	opts.Store.register(cmd)
	opts.Report.where.register(cmd)
	cmd.Flags().StringVar(&opts.By, "by", "operation", "group by operation (service and span name) or service")
	cmd.Flags().StringVar(&opts.Sort, "sort", "total", "sort by "+strings.Join(render.StatsSorts, ", ")+" (largest first)")
	completeValues(cmd, "by", "operation", "service")
	completeValues(cmd, "sort", render.StatsSorts...)
	return cmd
}

func runStats(opts *StatsOptions) error {
	ios, f := opts.IO, &opts.Report
	table := &trace.StatsTable{ByOperation: opts.By == "operation"}
	if err := eachAnalyzed(ios, f, &opts.Store, opts.Args, table.Add); err != nil {
		return err
	}
	render.SortStats(table.Rows, opts.Sort)
	switch f.format {
	case "json":
		out, err := render.StatsJSON(table.Rows)
		return f.writeJSON(ios, out, err)
	case "markdown":
		_, err := fmt.Fprint(ios.Out, render.StatsMarkdown(table.Rows, table.ByOperation, f.options(ios)))
		return err
	}
	opt := f.options(ios)
	// Names whole when piped, unless a --width or $COLUMNS asks the table
	// to fit (as list and diff do).
	opt.FullNames = opt.FullNames && f.width == 0 && ios.Getenv("COLUMNS") == ""
	_, err := fmt.Fprintln(ios.Out, strings.Join(render.StatsTable(table.Rows, table.ByOperation, opts.Sort, opt), "\n"))
	return err
}
