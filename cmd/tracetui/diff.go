package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/rundiff"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

type DiffOptions struct {
	IO        *IOStreams
	Output    outputFlags
	Store     storeFlags
	Traces    []string // --trace, taken per side in order; one applies to both
	Changed   bool
	MinChange string
	By        string
	FailOn    []string
	Repeat    int
	Top       int       // run diff: operations shown; 0 all
	Where     whereFlag // TraceQL (or the shorthand) selecting the traces on both sides
	Args      []string

	threshold diff.Threshold
	rules     []rundiff.Rule
	topSet    func() bool       // --top was given
	given     func(string) bool // the named flag was given
}

func (o *DiffOptions) check(args []string) error {
	o.Args = args
	if err := o.Output.validate(printFormats); err != nil {
		return err
	}
	if err := o.Store.validate(); err != nil {
		return err
	}
	if len(args) != 2 {
		return usagef("diff compares two sides: give two files (or, with a store, two trace IDs), got %d", len(args))
	}
	if args[0] == "-" && args[1] == "-" {
		return usagef("stdin (-) can be only one side")
	}
	if len(o.Traces) > 2 {
		return usagef("--trace is taken once per side: at most two, got %d", len(o.Traces))
	}
	if o.By != "operation" && o.By != "service" {
		return usagef("--by must be operation or service, got %q", o.By)
	}
	if o.Repeat < 2 {
		return usagef("--repeat-threshold must be at least 2, got %d", o.Repeat)
	}
	if o.Top < 0 {
		return usagef("--top must be 0 (all) or more, got %d", o.Top)
	}
	if err := o.Where.validate(); err != nil {
		return err
	}
	th, err := parseMinChange(o.MinChange)
	if err != nil {
		return err
	}
	o.threshold = th
	for _, s := range o.FailOn {
		r, err := rundiff.ParseRule(s)
		if err != nil {
			return &usageError{fmt.Errorf("--fail-on: %w", err)}
		}
		o.rules = append(o.rules, r)
	}
	return nil
}

// parseMinChange reads "5ms", "10%" or "5ms,10%".
func parseMinChange(s string) (diff.Threshold, error) {
	var th diff.Threshold
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
		case strings.HasSuffix(part, "%"):
			var p float64
			if _, err := fmt.Sscanf(strings.TrimSuffix(part, "%"), "%g", &p); err != nil || p < 0 {
				return th, usagef("--min-change: %q is not a percentage", part)
			}
			th.Pct = p
		default:
			d, err := time.ParseDuration(part)
			if err != nil || d < 0 {
				return th, usagef("--min-change: %q is neither a duration (5ms) nor a percentage (10%%)", part)
			}
			th.Abs = int64(d)
		}
	}
	return th, nil
}

func newCmdDiff(ios *IOStreams, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "What changed between two traces, or two runs of many traces",
		Long: `Compare two sides. When each holds one trace (or --trace picks one per side),
the span trees are aligned by structure and shown merged, each row with its
time in A and B, the change, self time and status, under a one-line verdict.
Otherwise every operation is compared across the runs: count, p50, p95, p99,
mean, and whether the change is beyond noise (Mann–Whitney U, as benchstat),
with new errors and new findings; the text shows the 20 operations of most
impact and says how many more (--top). --fail-on turns it into a CI gate
(exit 1).

--trace is taken per side, in order: the first names A's trace, the second
B's; one --trace alone applies to both sides. --where keeps, on both sides,
the traces the query selects spans in (before the mode is chosen).`,
		Example: `  tracetui diff baseline.jsonl current.jsonl
  tracetui diff --trace 4bf92f a.jsonl --trace 0af765 b.jsonl
  tracetui diff --changed --min-change 5ms,10% good.jsonl bad.jsonl
  tracetui diff --jaeger http://jaeger:16686 4bf92f3577b34da6 0af7651916cd43dd
  tracetui diff --fail-on 'p95 > +20%' --fail-on 'errors > 0' main.jsonl pr.jsonl
  tracetui diff --where '{ resource.service.name = "checkout" }' main.jsonl pr.jsonl
  tracetui diff --format markdown main.jsonl pr.jsonl >> "$GITHUB_STEP_SUMMARY"`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runDiff),
	}
	opts.Output.register(cmd, printFormats)
	opts.Store.register(cmd)
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.Traces, "trace", nil, "only the trace with this ID (a unique prefix is enough)")
	fl.BoolVar(&opts.Changed, "changed", false, "trace diff: show only changed rows and their ancestors")
	fl.StringVar(&opts.MinChange, "min-change", "", "a smaller change in time is noise, for the report and the --fail-on time rules: a duration, a percentage or both (5ms,10%)")
	fl.StringVar(&opts.By, "by", "operation", "run diff: compare per operation (service and span name) or per service")
	completeValues(cmd, "by", "operation", "service")
	fl.StringArrayVar(&opts.FailOn, "fail-on", nil, "exit 1 when a rule breaks: '[SCOPE:] METRIC OP VALUE', e.g. 'p95 > +20%', 'overall: p99 > +100ms', 'errors > 0', 'count > +50%' (repeatable)")
	fl.IntVar(&opts.Top, "top", 20, "run diff: show the N operations of most impact and how many more (0: all); markdown shows all unless --top is given, JSON always all")
	fl.IntVar(&opts.Repeat, "repeat-threshold", 5, "sibling calls repeated this often align as one run of calls")
	opts.Where.register(cmd)
	opts.topSet = func() bool { return cmd.Flags().Changed("top") }
	opts.given = func(name string) bool { return cmd.Flags().Changed(name) }
	return cmd
}

// side is one side read: every trace --trace and --where keep counted
// into run one at a time (its tree dropped after), and the first of them
// kept whole, which the trace diff needs when each side holds one.
type side struct {
	warnings []source.Warning
	loadErr  error // the input could not be read
	err      error // read, but --trace names no trace in it
	run      *rundiff.Run
	first    trace.Analyzed
	kept     int
}

func runDiff(opts *DiffOptions) error {
	var lds [2]loadFunc
	for k := range 2 {
		ld, _, err := traceSource(opts.IO, &opts.Store, opts.Args[k:k+1])
		if err != nil {
			return err
		}
		lds[k] = ld
	}
	// Each side on a core of its own: decode, then build and analyze its
	// traces one by one into the run's samples.
	var sides [2]side
	var wg sync.WaitGroup
	for k := range 2 {
		wg.Go(func() { sides[k] = opts.readSide(k, lds[k]) })
	}
	wg.Wait()
	// A --trace that is a usage mistake (several traces, not hex) is said
	// for both sides at once.
	var usage []string
	for k := range 2 {
		var ue *usageError
		if s := &sides[k]; s.loadErr == nil && errors.As(s.err, &ue) {
			usage = append(usage, fmt.Sprintf("side %s (%s): %v", "AB"[k:k+1], opts.Args[k], s.err))
		}
	}
	if len(usage) > 0 {
		return usagef("%s", strings.Join(usage, "\n"))
	}
	for k := range 2 {
		s := &sides[k]
		if s.loadErr != nil {
			return s.loadErr
		}
		printWarnings(opts.IO, s.warnings)
		if s.err == errEmptySide {
			return fmt.Errorf("side %s (%s) holds no trace", "AB"[k:k+1], opts.Args[k])
		}
		if s.err != nil {
			return fmt.Errorf("side %s (%s): %w", "AB"[k:k+1], opts.Args[k], s.err)
		}
	}
	for k := range 2 {
		if err := opts.Where.noMatch(sides[k].kept); err != nil {
			return fmt.Errorf("side %s (%s): %w", "AB"[k:k+1], opts.Args[k], err)
		}
	}
	if sides[0].kept == 1 && sides[1].kept == 1 {
		return diffTraces(opts, sides[0].first, sides[1].first)
	}
	return diffRuns(opts, [2]*rundiff.Run{sides[0].run, sides[1].run})
}

var errEmptySide = errors.New("no trace")

// readSide loads side k and streams its traces into a run.
func (o *DiffOptions) readSide(k int, ld loadFunc) side {
	s := side{run: rundiff.NewRun(o.By == "service")}
	res, err := ld(nil)
	if err != nil {
		s.loadErr = err
		return s
	}
	s.warnings = res.Warnings
	traces, err := selectTraces(res.Traces, o.traceFor(k))
	res = nil
	if err != nil {
		s.err = err
		return s
	}
	if len(traces) == 0 {
		s.err = errEmptySide
		return s
	}
	find := trace.PipelineOptions{Steps: trace.StepFindings, Find: trace.FindOptions{RepeatThreshold: o.Repeat}}
	for i, t := range traces {
		traces[i] = nil // the run keeps samples; the trace can go
		a := trace.AnalyzeOne(t, find)
		if !o.Where.keeps(a.Tree) {
			continue
		}
		if s.kept == 0 {
			s.first = a
		}
		s.kept++
		s.run.Add(a)
	}
	return s
}

func (o *DiffOptions) traceFor(side int) string {
	switch len(o.Traces) {
	case 0:
		return ""
	case 1:
		return o.Traces[0]
	}
	return o.Traces[side]
}
