package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// eachAnalyzed is the common start of the table commands: load from files
// or a store, keep --trace's match, and hand each trace's tree and analysis
// to add, one at a time: the tables need no findings and keep no trees.
func eachAnalyzed(ios *IOStreams, f *reportFlags, st *storeFlags, args []string, add func(*trace.Tree, *trace.Analysis)) error {
	ld, _, err := traceSource(ios, st, args)
	if err != nil {
		return err
	}
	res, err := loadInputs(ios, ld)
	if err != nil {
		return err
	}
	traces, err := selectTraces(res.Traces, f.traceID)
	if err != nil {
		return err
	}
	for _, t := range traces {
		a := trace.AnalyzeOne(t, trace.PipelineOptions{})
		add(a.Tree, a.Analysis)
	}
	return nil
}

func newStatsCmd(ios *IOStreams) *cobra.Command {
	f, st := &reportFlags{}, &storeFlags{}
	var by, sortBy string
	cmd := &cobra.Command{
		Use:   "stats [FILE...|-]",
		Short: "Per-operation (or per-service) statistics: count, total, avg, min, max, self time, errors",
		Example: `  tracetui stats traces.jsonl
  tracetui stats --by service --sort self traces.jsonl
  tracetui stats --format markdown traces.jsonl >> "$GITHUB_STEP_SUMMARY"`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate("text|markdown|json"); err != nil {
				return err
			}
			if by != "operation" && by != "service" {
				return usagef("--by must be operation or service, got %q", by)
			}
			if !contains(render.StatsSorts, sortBy) {
				return usagef("--sort must be one of %s, got %q", strings.Join(render.StatsSorts, ", "), sortBy)
			}
			table := &trace.StatsTable{ByOperation: by == "operation"}
			if err := eachAnalyzed(ios, f, st, args, table.Add); err != nil {
				return err
			}
			render.SortStats(table.Rows, sortBy)
			switch f.format {
			case "json":
				out, err := render.StatsJSON(table.Rows)
				if err != nil {
					return err
				}
				_, err = ios.Out.Write(out)
				return err
			case "markdown":
				_, err := fmt.Fprint(ios.Out, render.StatsMarkdown(table.Rows, table.ByOperation, f.options(ios)))
				return err
			}
			_, err := fmt.Fprintln(ios.Out, strings.Join(render.StatsLines(table.Rows, table.ByOperation, f.options(ios)), "\n"))
			return err
		},
	}
	f.register(cmd, "text|markdown|json")
	st.register(cmd)
	cmd.Flags().StringVar(&by, "by", "operation", "group by operation (service and span name) or service")
	cmd.Flags().StringVar(&sortBy, "sort", "total", "sort by "+strings.Join(render.StatsSorts, ", ")+" (largest first)")
	return cmd
}

func newServicesCmd(ios *IOStreams) *cobra.Command {
	f, st := &reportFlags{}, &storeFlags{}
	cmd := &cobra.Command{
		Use:   "services [FILE...|-]",
		Short: "The service map: which service calls which, how often, with errors and time",
		Example: `  tracetui services traces.jsonl
  tracetui services --format json traces.jsonl | jq '.calls[] | select(.errors > 0)'`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate("text|json"); err != nil {
				return err
			}
			m := &trace.ServiceMap{}
			if err := eachAnalyzed(ios, f, st, args, m.Add); err != nil {
				return err
			}
			m.Sorted()
			if f.format == "json" {
				out, err := render.ServiceMapJSON(m)
				if err != nil {
					return err
				}
				_, err = ios.Out.Write(out)
				return err
			}
			_, err := fmt.Fprintln(ios.Out, strings.Join(render.ServiceMapLines(m, f.options(ios)), "\n"))
			return err
		},
	}
	f.register(cmd, "text|json")
	st.register(cmd)
	return cmd
}
