package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

type searchFlags struct {
	report                   reportFlags
	store                    storeFlags
	service, operation, list string
	tags                     []string
	minDur, maxDur, lookback time.Duration
	limit                    int
}

func newSearchCmd(ios *IOStreams) *cobra.Command {
	f := &searchFlags{report: reportFlags{repeat: 5}}
	cmd := &cobra.Command{
		Use:   "search --jaeger|--tempo|--zipkin URL [TRACEQL]",
		Short: "Search a trace store and open the results (a table when not on a terminal)",
		Long: `Search Jaeger, Grafana Tempo or Zipkin. On a terminal the results open in the
explorer's trace list and each trace is fetched when you open it; otherwise
they print as a table, or as JSON with --format json. Tempo takes a TraceQL
query as the argument; the flags build one when it is omitted.`,
		Example: `  tracetui search --jaeger http://localhost:16686 --service checkout --min-duration 500ms --lookback 1h
  tracetui search --tempo http://tempo:3200 '{ resource.service.name = "checkout" && duration > 1s }'
  tracetui search --zipkin http://localhost:9411 --service frontend --tag http.status_code=500
  tracetui search --jaeger http://localhost:16686 --list services`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return searchRun(ios, f, args) },
	}
	fl := cmd.Flags()
	fl.IntVar(&f.report.width, "width", 0, "output width in columns (default: the terminal's, else $COLUMNS, else 120)")
	fl.StringVar(&f.report.color, "color", "auto", "colour: auto, always, never")
	fl.BoolVar(&f.report.ascii, "ascii", false, "use only ASCII characters")
	fl.StringVar(&f.report.format, "format", "text", "output format: text|json")
	f.store.register(cmd)
	fl.StringVar(&f.service, "service", "", "only traces with spans of this service")
	fl.StringVar(&f.operation, "operation", "", "only traces with this operation (span name)")
	fl.StringArrayVar(&f.tags, "tag", nil, "only traces with this attribute, key=value (repeatable)")
	fl.DurationVar(&f.minDur, "min-duration", 0, "only traces (Jaeger, Zipkin: spans) at least this long")
	fl.DurationVar(&f.maxDur, "max-duration", 0, "only traces (Jaeger, Zipkin: spans) at most this long")
	fl.DurationVar(&f.lookback, "lookback", time.Hour, "how far back from now to search")
	fl.IntVar(&f.limit, "limit", 20, "at most this many traces")
	fl.StringVar(&f.list, "list", "", "list the store's services, or the operations of --service (Jaeger)")
	return cmd
}

func (f *searchFlags) query(args []string, now time.Time) (remote.Query, error) {
	q := remote.Query{Service: f.service, Operation: f.operation, MinDuration: f.minDur, MaxDuration: f.maxDur, Limit: f.limit}
	if f.lookback <= 0 || f.limit <= 0 || f.minDur < 0 || f.maxDur < 0 {
		return q, usagef("--lookback and --limit must be positive")
	}
	q.End = now
	q.Start = q.End.Add(-f.lookback)
	for _, t := range f.tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" {
			return q, usagef("--tag %q: want key=value", t)
		}
		if q.Tags == nil {
			q.Tags = map[string]string{}
		}
		q.Tags[k] = v
	}
	if len(args) == 1 {
		if f.store.tempo == "" {
			return q, usagef("a query argument is TraceQL, for --tempo; use --service, --operation and --tag with Jaeger and Zipkin")
		}
		q.TraceQL = args[0]
	}
	return q, nil
}

func searchRun(ios *IOStreams, f *searchFlags, args []string) error {
	if err := f.report.validate("text|json"); err != nil {
		return err
	}
	b, err := f.store.backend(ios)
	if err != nil {
		return err
	}
	if b == nil {
		return usagef("search needs a store: --jaeger URL, --tempo URL or --zipkin URL")
	}
	if f.list != "" {
		return listNames(ios, f, b)
	}
	q, err := f.query(args, ios.Now())
	if err != nil {
		return err
	}
	results, err := b.Search(context.Background(), q)
	if err != nil {
		return err
	}
	if f.report.format == "json" {
		out, err := render.SearchJSON(b.String(), results)
		if err != nil {
			return err
		}
		_, err = ios.Out.Write(out)
		return err
	}
	if interactive(ios, &f.report) {
		fetch := func(id string) (trace.Analyzed, []string, error) {
			res, err := fetchTraces(b, []string{id})
			if err != nil {
				return trace.Analyzed{}, nil, err
			}
			all := trace.AnalyzeAll(res.Traces, trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
			if len(all) == 0 {
				return trace.Analyzed{}, nil, fmt.Errorf("%s returned no spans for %s", b, id)
			}
			return all[0], warningTexts(res), nil
		}
		return runTUI(ios, tui.New(nil, tui.Options{ASCII: f.report.ascii, NoColor: noColorFor(ios, &f.report),
			Title: b.String(), Results: results, Fetch: fetch}))
	}
	if len(results) == 0 {
		fmt.Fprintf(ios.ErrOut, "no traces matched in %s\n", b)
		return nil
	}
	_, err = fmt.Fprint(ios.Out, render.List(results, f.report.options(ios)))
	return err
}

// nameLister is a store that can list its services and operations.
type nameLister interface {
	Services(ctx context.Context) ([]string, error)
	Operations(ctx context.Context, service string) ([]string, error)
}

func listNames(ios *IOStreams, f *searchFlags, b remote.Backend) error {
	nl, ok := b.(nameLister)
	if !ok {
		return usagef("--list works with --jaeger")
	}
	var names []string
	var err error
	switch f.list {
	case "services":
		names, err = nl.Services(context.Background())
	case "operations":
		if f.service == "" {
			return usagef("--list operations needs --service")
		}
		names, err = nl.Operations(context.Background(), f.service)
	default:
		return usagef("--list must be services or operations, got %q", f.list)
	}
	if err != nil {
		return err
	}
	for _, n := range names {
		fmt.Fprintln(ios.Out, render.Sanitize(n))
	}
	return nil
}
