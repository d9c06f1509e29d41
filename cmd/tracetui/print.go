package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

const printFormats = "text|markdown|json"

func newPrintCmd(ios *IOStreams) *cobra.Command {
	f, st := &reportFlags{}, &storeFlags{}
	cmd := &cobra.Command{
		Use:   "print [FILE...|-|--STORE URL TRACE-ID...]",
		Short: "Print each trace's waterfall and a one-line diagnosis (for CI logs)",
		Long: `Print every trace (or the one named by --trace) as a header, the span
waterfall and the diagnosis: the bottleneck on the critical path and, when the
trace failed, the failure point and the spans the error propagated to. No
terminal is needed; colour is used only on a terminal unless --color says so.`,
		Example: `  tracetui print traces.jsonl
  tracetui print --trace 4bf92f --max-spans 50 traces.jsonl.gz
  otelcol-output | tracetui print -
  tracetui print --format markdown traces.jsonl >> "$GITHUB_STEP_SUMMARY"
  tracetui print --format json traces.jsonl | jq '.traces[].bottleneck'
  tracetui print --jaeger http://localhost:16686 4bf92f3577b34da6a3ce929d0e0e4736`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(printFormats); err != nil {
				return err
			}
			ld, _, err := traceSource(ios, st, args)
			if err != nil {
				return err
			}
			return printRun(ios, f, ld)
		},
	}
	f.register(cmd, printFormats)
	st.register(cmd)
	cmd.Flags().IntVar(&f.maxSpans, "max-spans", 0, "show at most N spans per trace, keeping the critical path and errors (0: all)")
	return cmd
}

func printRun(ios *IOStreams, f *reportFlags, ld loadFunc) error {
	res, err := loadInputs(ios, ld)
	if err != nil {
		return err
	}
	traces, err := selectTraces(res.Traces, f.traceID)
	if err != nil {
		return err
	}
	all := trace.AnalyzeAll(traces, trace.PipelineOptions{Steps: trace.StepFindings, Find: f.findOptions()})
	opt := f.options(ios)
	switch f.format {
	case "json":
		out, err := render.JSON(all, warningTexts(res), true)
		if err != nil {
			return err
		}
		_, err = ios.Out.Write(out)
		return err
	case "markdown":
		_, err = fmt.Fprint(ios.Out, render.Markdown(all, opt))
		return err
	}
	return render.WriteText(ios.Out, all, opt)
}

func warningTexts(res *load.Result) []string {
	out := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		out[i] = w.String()
	}
	return out
}
