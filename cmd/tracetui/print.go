package main

import (
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

const printFormats = "text|markdown|json"

// printGCPercent is GOGC while print analyzes and writes spans spans in
// traces traces. The loaded traces stay whole to the end, and the
// waterfall's rows, drawn into one buffer and written at once, make almost
// no garbage. A big trace's analysis is mostly kept (tree, findings: ~7% of
// the model for 1M spans), so collecting at a tenth over what is live
// costs a collection or two and keeps the peak near the load's; the
// default let the heap reach twice the model. Small traces' analyses make
// ~700 B a span of short-lived maps and lists: at a tenth, 100,000 traces
// would be collected every ~100 MB, so they are collected at a quarter, as
// list does.
func printGCPercent(spans, traces int) int {
	if spans >= 10_000*traces {
		return 10
	}
	return 25
}

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
	spans := 0
	for _, t := range traces {
		spans += len(t.Spans)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(printGCPercent(spans, len(traces))))
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
		return render.WriteMarkdown(ios.Out, all, opt)
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
