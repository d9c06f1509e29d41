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
			// Findings only for JSON, which lists them: they cost as much as
			// the rest of the analysis.
			opt := trace.PipelineOptions{Steps: trace.StepSummary, Find: f.findOptions()}
			if f.format == "json" {
				opt.Steps |= trace.StepFindings
			}
			rows := listRows(traces, opt, sortBy)
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
// JSON entry when opt asks for the findings it lists): a file of 100,000
// traces never holds 100,000 trees. Earliest first, then by the --sort
// key, largest first.
func listRows(traces []*trace.Trace, opt trace.PipelineOptions, by string) []listRow {
	rows := make([]listRow, 0, len(traces))
	for _, t := range traces {
		a := trace.AnalyzeOne(t, opt)
		r := listRow{sum: *a.Summary}
		if a.Findings != nil {
			r.report = render.TraceReportOf(a, false)
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
		return trace.CompareStart(x.sum, y.sum)
	})
	return rows
}
