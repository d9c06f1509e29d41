package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jaeger"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/source/tempo"
	"github.com/tracetui/tracetui/source/zipkin"
	"github.com/tracetui/tracetui/trace"
)

// storeFlags name a trace store to read from instead of files; open,
// print, list and search share them.
type storeFlags struct {
	jaeger, tempo, zipkin string
	headers               []string
	timeout               time.Duration
	maxResponse           sizeFlag // stores: the largest answer read
	caFile, orgID         string
	maxValue              sizeFlag // files and store answers: the largest single value or frame read whole
}

func (s *storeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&s.jaeger, "jaeger", "", "read from the Jaeger query service at `URL` (e.g. http://localhost:16686)")
	fl.StringVar(&s.tempo, "tempo", "", "read from Grafana Tempo at `URL` (e.g. http://localhost:3200)")
	fl.StringVar(&s.zipkin, "zipkin", "", "read from Zipkin at `URL` (e.g. http://localhost:9411)")
	fl.StringArrayVar(&s.headers, "header", nil, "extra HTTP header for the store, 'Name: value' (repeatable); TRACETUI_TOKEN sends a bearer token")
	fl.DurationVar(&s.timeout, "timeout", 10*time.Second, "time limit for each request to the store, its whole answer included")
	s.maxResponse = remote.DefaultMaxResponse
	fl.Var(&s.maxResponse, "max-response", "largest answer read from a store (a trace, a search); bigger is an error naming the store, not gigabytes of memory")
	fl.StringVar(&s.caFile, "ca-file", "", "PEM file of CA certificates to trust besides the system's")
	fl.StringVar(&s.orgID, "org-id", "", "Tempo tenant, sent as X-Scope-OrgID")
	s.maxValue = source.MaxValueBytes
	fl.Var(&s.maxValue, "max-value", "largest single value a file or a store's answer may hold (a JSON string or number, a protobuf batch); bigger is an error, not gigabytes of memory")
}

// validate rejects flag combinations no store accepts.
func (s *storeFlags) validate() error {
	named := 0
	for _, u := range []string{s.jaeger, s.tempo, s.zipkin} {
		if u != "" {
			named++
		}
	}
	if named > 1 {
		return usagef("name one store: --jaeger, --tempo or --zipkin")
	}
	if s.orgID != "" && s.tempo == "" {
		return usagef("--org-id is for --tempo")
	}
	if s.timeout <= 0 {
		return usagef("--timeout must be positive, got %s", s.timeout)
	}
	return nil
}

// backend is the store the flags name, or nil for files.
func (s *storeFlags) backend(ios *IOStreams) (remote.Backend, error) {
	opt := remote.Options{Headers: s.headers, Token: ios.Getenv("TRACETUI_TOKEN"), Timeout: s.timeout,
		MaxResponse: int64(s.maxResponse), MaxValue: int64(s.maxValue), CAFile: s.caFile}
	var b remote.Backend
	var err error
	switch {
	case s.tempo != "":
		b, err = tempo.New(s.tempo, opt, s.orgID)
	case s.jaeger != "":
		b, err = jaeger.New(s.jaeger, opt)
	case s.zipkin != "":
		b, err = zipkin.New(s.zipkin, opt)
	}
	if err != nil {
		// A failed New leaves b a typed nil, which is not a nil Backend.
		return nil, err
	}
	return b, nil
}

// loadFunc reads traces from files or a store, reporting progress.
type loadFunc func(progress func(bytes int64, spans int)) (*load.Result, error)

// traceSource turns arguments into a loader: files (or stdin), or, with a
// store flag, trace IDs to fetch from it.
func traceSource(ios *IOStreams, s *storeFlags, args []string) (loadFunc, string, error) {
	b, err := s.backend(ios)
	if err != nil {
		return nil, "", err
	}
	if b == nil {
		inputs, err := inputsFor(ios, args)
		if err != nil {
			return nil, "", err
		}
		names := make([]string, len(inputs))
		for i, in := range inputs {
			names[i] = in.Name
		}
		return func(progress func(int64, int)) (*load.Result, error) {
			return load.All(inputs, load.Options{Progress: progress, MaxValue: int64(s.maxValue)})
		}, strings.Join(names, ", "), nil
	}
	if len(args) == 0 {
		return nil, "", usagef("name the trace ID(s) to fetch from %s (tracetui search finds them)", b)
	}
	return func(progress func(int64, int)) (*load.Result, error) {
		return fetchTraces(b, args)
	}, b.String(), nil
}

// fetchTraces gets each ID once; the first failure stops, naming the store.
func fetchTraces(b remote.Backend, ids []string) (*load.Result, error) {
	c := trace.NewCollector()
	var ws source.Warnings
	for _, id := range uniqueTraceIDs(ids) {
		if err := b.Fetch(context.Background(), id, c, &ws); err != nil {
			return nil, err
		}
	}
	return &load.Result{Traces: c.Traces(), Warnings: ws.List()}, nil
}

// uniqueTraceIDs drops IDs that name a trace already asked for: in another
// case, or a 64-bit ID as 16 or 32 hex digits. Fetched twice, a trace's
// spans would arrive twice (the tree builder drops exact repeats, but the
// store need not be asked again). IDs that are not hex are kept as given:
// the store says what is wrong with them.
func uniqueTraceIDs(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		key := id
		if hex, err := remote.HexTraceID(id); err == nil {
			key = hex
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, id)
		}
	}
	return out
}
