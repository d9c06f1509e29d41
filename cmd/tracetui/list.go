package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
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
			all := analyzeWith(traces, f.findOptions())
			sortTraces(all, sortBy)
			if f.format == "json" {
				out, err := render.JSON(all, warningTexts(res), false)
				if err != nil {
					return err
				}
				_, err = ios.Out.Write(out)
				return err
			}
			_, err = fmt.Fprint(ios.Out, render.List(all, f.options(ios)))
			return err
		},
	}
	f.register(cmd, listFormats)
	st.register(cmd)
	cmd.Flags().StringVar(&sortBy, "sort", "start", "sort by start, duration, errors or spans (largest first, except start)")
	_ = cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions([]string{"start", "duration", "errors", "spans"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// sortTraces orders the list; ties keep start order, which analyzeAll set.
func sortTraces(all []render.Analyzed, by string) {
	key := func(t render.Analyzed) int64 {
		switch by {
		case "duration":
			return t.Tree.Duration()
		case "errors":
			return int64(t.Analysis.Errors)
		case "spans":
			return int64(len(t.Tree.Trace.Spans))
		}
		return 0
	}
	if by == "start" {
		return
	}
	slices.SortStableFunc(all, func(x, y render.Analyzed) int {
		kx, ky := key(x), key(y)
		switch {
		case kx > ky:
			return -1
		case kx < ky:
			return 1
		}
		return 0
	})
}
