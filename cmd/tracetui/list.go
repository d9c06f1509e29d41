package main

import (
	"cmp"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

const listFormats = "text|markdown|json"

type ListOptions struct {
	IO     *IOStreams
	Report reportFlags
	Store  storeFlags
	Sort   string
	Args   []string // files or "-"
}

var listSorts = []string{"start", "duration", "errors", "spans"}

func (o *ListOptions) check(args []string) error {
	o.Args = args
	if err := o.Report.validate(listFormats); err != nil {
		return err
	}
	if err := o.Store.validate(); err != nil {
		return err
	}
	if !slices.Contains(listSorts, o.Sort) {
		return usagef("--sort must be start, duration, errors or spans, got %q", o.Sort)
	}
	return nil
}

func newCmdList(ios *IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "list [FILE...|-]",
		Short: "List traces: ID, root, start, duration, spans, errors",
		Example: `  tracetui list traces.jsonl
  tracetui list --sort duration traces.jsonl | head
  tracetui list --where '{ span.db.system = "postgresql" } | count() > 20' traces.jsonl
  tracetui list --format markdown traces.jsonl >> "$GITHUB_STEP_SUMMARY"
  tracetui list --format json traces.jsonl | jq -r '.traces[] | select(.error_count > 0) | .trace_id'`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runList),
	}
	opts.Report.register(cmd, listFormats)
	opts.Store.register(cmd)
	opts.Report.where.register(cmd)
	cmd.Flags().StringVar(&opts.Sort, "sort", "start", "sort by start, duration, errors or spans (largest first, except start)")
	completeValues(cmd, "sort", listSorts...)
	return cmd
}

func runList(opts *ListOptions) error {
	ios, f := opts.IO, &opts.Report
	ld, _, err := traceSource(ios, &opts.Store, opts.Args)
	if err != nil {
		return err
	}
	res, traces, err := loadSelected(ios, ld, f.traceID)
	if err != nil {
		return err
	}
	// Findings only for JSON, which lists them: they cost as much as the
	// rest of the analysis, which the other formats' lines do without.
	opt := trace.PipelineOptions{Steps: trace.StepSummary, Find: f.findOptions()}
	if f.format == "json" {
		opt.Steps |= trace.StepFindings
	}
	var keep func(*trace.Tree) bool // nil: every trace, and no tree needed
	if f.where.q != nil {
		keep = f.where.keeps
	}
	spans := 0
	for _, t := range traces {
		spans += len(t.Spans)
	}
	rows := listRows(traces, opt, opts.Sort, keep)
	if err := f.where.noMatch(len(rows)); err != nil {
		return err
	}
	if f.format == "json" {
		reps := make([]render.TraceReport, len(rows))
		for i, r := range rows {
			reps[i] = *r.report
		}
		out, err := render.ReportJSON(reps, warningTexts(res))
		return f.writeJSON(ios, out, err)
	}
	sums := make([]trace.Summary, len(rows))
	for i, r := range rows {
		sums[i] = r.sum
	}
	// The traces are garbage once their lines are made: collecting them
	// now (marking only the lines) lets the table reuse their memory, so a
	// big file's peak stays the loaded model's rather than growing by the
	// table's. Small inputs skip it: a collection marks the whole process.
	if spans >= gcAfterSpans {
		runtime.GC()
	}
	if f.format == "markdown" {
		_, err = io.WriteString(ios.Out, render.ListMarkdown(sums, f.options(ios)))
		return err
	}
	_, err = io.WriteString(ios.Out, render.List(sums, f.options(ios)))
	return err
}

// gcAfterSpans is the input size from which list collects the traces
// before it draws the table: about 75 MB of JSON.
const gcAfterSpans = 100_000

type listRow struct {
	sum    trace.Summary
	report *render.TraceReport // JSON's entry; nil for the other formats
}

// listRows makes one trace's line at a time and keeps only that (and its
// JSON entry when opt asks for the findings it lists): a file of 100,000
// traces never holds 100,000 trees. A line alone needs no analysis, and
// no tree either unless keep (nil: keep all) asks it. Earliest first,
// then by the --sort key, largest first.
func listRows(traces []*trace.Trace, opt trace.PipelineOptions, by string, keep func(*trace.Tree) bool) []listRow {
	// Traces are analyzed on every core, each row landing at its trace's
	// place, so the rows are the same as one core's. The loaded traces
	// are most of the heap and each analysis is garbage once its row is
	// kept: collecting at a quarter over them keeps the peak near the
	// model's size (the default would let it double).
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	all := make([]listRow, len(traces))
	kept := make([]bool, len(traces))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(traces)) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(traces); k = int(next.Add(1) - 1) {
				kept[k], all[k] = listRowOf(traces[k], opt, keep)
			}
		})
	}
	wg.Wait()
	rows := all[:0]
	for k := range all {
		if kept[k] {
			rows = append(rows, all[k])
		}
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

// listRowOf is trace t's row, and whether keep keeps it.
func listRowOf(t *trace.Trace, opt trace.PipelineOptions, keep func(*trace.Tree) bool) (bool, listRow) {
	if opt.Steps&trace.StepFindings == 0 {
		if keep == nil {
			return true, listRow{sum: trace.SummarizeTrace(t)}
		}
		tr := trace.Build(t)
		return keep(tr), listRow{sum: trace.SummarizeTree(tr)}
	}
	a := trace.AnalyzeOne(t, opt)
	if keep != nil && !keep(a.Tree) {
		return false, listRow{}
	}
	rep := render.TraceReportOf(a, false)
	return true, listRow{sum: *a.Summary, report: &rep}
}
