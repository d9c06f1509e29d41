package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

const printFormats = "text|markdown|json"

type PrintOptions struct {
	IO     *IOStreams
	Report reportFlags
	Store  storeFlags
	Args   []string // files, "-", or trace IDs with a store flag
}

func (o *PrintOptions) check(args []string) error {
	o.Args = args
	if err := o.Report.validate(printFormats); err != nil {
		return err
	}
	return o.Store.validate()
}

func newCmdPrint(ios *IOStreams, runF func(*PrintOptions) error) *cobra.Command {
	opts := &PrintOptions{IO: ios}
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
  tracetui print --where '{ resource.service.name = "payment" && status = error }' traces.jsonl
  tracetui print --jaeger http://localhost:16686 4bf92f3577b34da6a3ce929d0e0e4736`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runPrint),
	}
	opts.Report.register(cmd, printFormats)
	opts.Store.register(cmd)
	opts.Report.where.register(cmd)
	opts.Report.registerMaxSpans(cmd, "")
	return cmd
}

func runPrint(opts *PrintOptions) error {
	ld, _, err := traceSource(opts.IO, &opts.Store, opts.Args)
	if err != nil {
		return err
	}
	return printReport(opts.IO, &opts.Report, ld)
}

// printReport writes the report print, and open and demo off a terminal,
// show: text, markdown or JSON.
func printReport(ios *IOStreams, f *reportFlags, ld loadFunc) error {
	res, traces, err := loadSelected(ios, ld, f.traceID)
	if err != nil {
		return err
	}
	all := f.where.filter(trace.AnalyzeAll(traces, trace.PipelineOptions{Steps: trace.StepFindings, Find: f.findOptions()}))
	if err := f.where.noMatch(len(all)); err != nil {
		return err
	}
	opt := f.options(ios)
	switch f.format {
	case "json":
		out, err := render.JSON(all, warningTexts(res), true)
		return f.writeJSON(ios, out, err)
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
