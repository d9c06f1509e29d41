package main

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

const listFormats = "text|json"

func newListCmd(ios *IOStreams) *cobra.Command {
	f, st := &reportFlags{}, &storeFlags{}
	var sortBy string
	cmd := &cobra.Command{
		Use:   "list [FILE...|-]",
		Short: "List traces: ID, root, start, duration, spans, errors",
		Example: `  tracetui list traces.jsonl
  tracetui list --sort duration traces.jsonl | head
  tracetui list --format json traces.jsonl | jq -r '.traces[] | select(.error_count > 0) | .trace_id'`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(listFormats); err != nil {
				return err
			}
			if !contains([]string{"start", "duration", "errors", "spans"}, sortBy) {
				return usagef("--sort must be start, duration, errors or spans, got %q", sortBy)
			}
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
			rows := listRows(traces, f.findOptions(), f.format == "json", sortBy)
			if f.format == "json" {
				reps := make([]render.TraceReport, len(rows))
				for i, r := range rows {
					reps[i] = r.report
				}
				out, err := render.ReportJSON(reps, warningTexts(res))
				if err != nil {
					return err
				}
				_, err = ios.Out.Write(out)
				return err
			}
			sums := make([]trace.Summary, len(rows))
			for i, r := range rows {
				sums[i] = r.sum
			}
			_, err = fmt.Fprint(ios.Out, render.List(sums, f.options(ios)))
			return err
		},
	}
	f.register(cmd, listFormats)
	st.register(cmd)
	cmd.Flags().StringVar(&sortBy, "sort", "start", "sort by start, duration, errors or spans (largest first, except start)")
	_ = cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions([]string{"start", "duration", "errors", "spans"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

type listRow struct {
	sum    trace.Summary
	report render.TraceReport
}

// listRows analyzes one trace at a time and keeps only its line (and its
// JSON entry, findings included, when asked): a file of 100,000 traces
// never holds 100,000 trees. Earliest first, then by the --sort key,
// largest first.
func listRows(traces []*trace.Trace, fo trace.FindOptions, withReport bool, by string) []listRow {
	rows := make([]listRow, 0, len(traces))
	for _, t := range traces {
		tr := trace.Build(t)
		a := trace.Analyze(tr)
		r := listRow{sum: trace.Summarize(tr, a)}
		if withReport {
			r.report = render.TraceReportOf(trace.Analyzed{Tree: tr, Analysis: a, Findings: trace.Find(tr, a, fo)}, false)
		}
		rows = append(rows, r)
	}
	key := func(r listRow) int64 {
		switch by {
		case "duration":
			return r.sum.Duration
		case "errors":
			return int64(r.sum.Errors)
		case "spans":
			return int64(r.sum.Spans)
		}
		return 0
	}
	slices.SortStableFunc(rows, func(x, y listRow) int {
		if c := cmp.Compare(key(y), key(x)); c != 0 {
			return c
		}
		return startOrder(x.sum.Start, x.sum.ID, y.sum.Start, y.sum.ID)
	})
	return rows
}
