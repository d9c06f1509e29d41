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

const searchFormats = "text|json"

type SearchOptions struct {
	IO     *IOStreams
	Now    func() time.Time // the end of the --lookback window
	Output outputFlags
	Store  storeFlags

	Service, Operation, List string
	Tags                     []string
	MinDur, MaxDur, Lookback time.Duration
	Limit                    int
	Args                     []string // a TraceQL query, for Tempo
}

func (o *SearchOptions) check(args []string) error {
	o.Args = args
	if err := o.Output.validate(searchFormats); err != nil {
		return err
	}
	return o.Store.validate()
}

func newCmdSearch(ios *IOStreams, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: ios, Now: ios.Now}
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
		Args:              wrapArgs(cobra.MaximumNArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions, // a TraceQL query
		RunE:              runE(opts, runF, runSearch),
	}
	opts.Output.register(cmd, searchFormats)
	opts.Store.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Service, "service", "", "only traces with spans of this service")
	fl.StringVar(&opts.Operation, "operation", "", "only traces with this operation (span name)")
	fl.StringArrayVar(&opts.Tags, "tag", nil, "only traces with this attribute, key=value (repeatable)")
	fl.DurationVar(&opts.MinDur, "min-duration", 0, "only traces (Jaeger, Zipkin: spans) at least this long")
	fl.DurationVar(&opts.MaxDur, "max-duration", 0, "only traces (Jaeger, Zipkin: spans) at most this long")
	fl.DurationVar(&opts.Lookback, "lookback", time.Hour, "how far back from now to search")
	fl.IntVar(&opts.Limit, "limit", 20, "at most this many traces")
	fl.StringVar(&opts.List, "list", "", "list the store's services, or the operations of --service (Jaeger)")
	completeValues(cmd, "list", "services", "operations")
	return cmd
}

// query is the search the flags describe, over the --lookback window
// that ends now.
func (o *SearchOptions) query() (remote.Query, error) {
	q := remote.Query{Service: o.Service, Operation: o.Operation, MinDuration: o.MinDur, MaxDuration: o.MaxDur, Limit: o.Limit}
	if o.Lookback <= 0 || o.Limit <= 0 || o.MinDur < 0 || o.MaxDur < 0 {
		return q, usagef("--lookback and --limit must be positive")
	}
	q.End = o.Now()
	q.Start = q.End.Add(-o.Lookback)
	for _, t := range o.Tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" {
			return q, usagef("--tag %q: want key=value", t)
		}
		if q.Tags == nil {
			q.Tags = map[string]string{}
		}
		q.Tags[k] = v
	}
	if len(o.Args) == 1 {
		if o.Store.tempo == "" {
			return q, usagef("a query argument is TraceQL, for --tempo; use --service, --operation and --tag with Jaeger and Zipkin")
		}
		if err := checkTraceQL(o.Args[0]); err != nil {
			return q, err
		}
		q.TraceQL = o.Args[0] // unchanged: Tempo reads it
	}
	return q, nil
}

func runSearch(opts *SearchOptions) error {
	ios := opts.IO
	b, err := opts.Store.backend(ios)
	if err != nil {
		return err
	}
	if b == nil {
		return usagef("search needs a store: --jaeger URL, --tempo URL or --zipkin URL")
	}
	if opts.List != "" {
		return listNames(opts, b)
	}
	q, err := opts.query()
	if err != nil {
		return err
	}
	results, err := b.Search(context.Background(), q)
	if err != nil {
		return err
	}
	if opts.Output.format == "json" {
		out, err := render.SearchJSON(b.String(), results)
		return opts.Output.writeJSON(ios, out, err)
	}
	if interactive(ios, opts.Output.format) {
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
		return runTUI(ios, tui.New(nil, tui.Options{ASCII: opts.Output.ascii, NoColor: !ios.ColorEnabled(opts.Output.color),
			Title: b.String(), Results: results, Fetch: fetch, OTLPJSON: otlpJSONText}))
	}
	if len(results) == 0 {
		fmt.Fprintf(ios.ErrOut, "no traces matched in %s\n", b)
		return nil
	}
	_, err = fmt.Fprint(ios.Out, render.List(results, opts.Output.options(ios)))
	return err
}

// nameLister is a store that can list its services and operations.
type nameLister interface {
	Services(ctx context.Context) ([]string, error)
	Operations(ctx context.Context, service string) ([]string, error)
}

func listNames(opts *SearchOptions, b remote.Backend) error {
	nl, ok := b.(nameLister)
	if !ok {
		return usagef("--list works with --jaeger")
	}
	var names []string
	var err error
	switch opts.List {
	case "services":
		names, err = nl.Services(context.Background())
	case "operations":
		if opts.Service == "" {
			return usagef("--list operations needs --service")
		}
		names, err = nl.Operations(context.Background(), opts.Service)
	default:
		return usagef("--list must be services or operations, got %q", opts.List)
	}
	if err != nil {
		return err
	}
	for _, n := range names {
		fmt.Fprintln(opts.IO.Out, render.Sanitize(n))
	}
	return nil
}
