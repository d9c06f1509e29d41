package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

type ListenOptions struct {
	IO  *IOStreams
	Now func() time.Time // when a trace last received a span is compared with this

	Addr         string // OTLP/HTTP, the argument
	GRPC         string // OTLP/gRPC, or "off"
	Zipkin       string // Zipkin's span intake, or "off"
	Datadog      string // a Datadog agent's trace intake, or "off"
	MaxBody      int64
	ReadTimeout  time.Duration
	CORS         []string
	Headless     bool
	Save         string
	TraceTimeout time.Duration
	MaxSpans     int
	NewRelic     string // the New Relic agent endpoint, or "off"
	NewRelicCert string // PEM files it serves TLS with; "": its own (listen_newrelic.go)
	NewRelicKey  string

	// grpcNamed: --grpc was given. The default gRPC address is optional
	// (see receiver.Config.GRPCOptional); one the user named is not.
	grpcNamed bool
	// zipkinNamed, datadogNamed: --zipkin, --datadog given (as grpcNamed).
	zipkinNamed, datadogNamed bool
	changed                   func(flag string) bool
	// ctx ends the run as SIGINT does; tests cancel it instead of
	// signalling the test binary.
	ctx context.Context
	// cacheDir is where a made New Relic certificate is kept
	// (os.UserCacheDir when nil).
	cacheDir func() (string, error)
	// explore is the live explorer (liveExplore); tests stand in for it.
	explore func(ctx context.Context, ios *IOStreams, now func() time.Time, store *receiver.Store, addrs string) error
}

func (o *ListenOptions) check(args []string) error {
	o.Addr = "127.0.0.1:4318"
	if len(args) == 1 {
		o.Addr = args[0]
	}
	o.grpcNamed = o.changed != nil && o.changed("grpc")
	if (o.NewRelicCert == "") != (o.NewRelicKey == "") {
		return usagef("--newrelic-cert and --newrelic-key go together")
	}
	o.zipkinNamed = o.changed != nil && o.changed("zipkin")
	o.datadogNamed = o.changed != nil && o.changed("datadog")
	offAddrs(o)
	return nil
}

func newCmdListen(ios *IOStreams, runF func(*ListenOptions) error) *cobra.Command {
	opts := &ListenOptions{IO: ios, Now: ios.Now}
	cmd := &cobra.Command{
		Use:   "listen [ADDR]",
		Short: "Receive traces from your app (OTLP :4318 and :4317, Zipkin :9411, Datadog :8126) and report each trace",
		Long: `Run a local trace receiver. Apps using an OpenTelemetry SDK with its default
exporter settings send to it unchanged: OTLP/HTTP on 127.0.0.1:4318 (protobuf or
JSON, gzip) and OTLP/gRPC on 127.0.0.1:4317. A host-less address such as :4318
also binds 127.0.0.1; listening on every interface takes an explicit 0.0.0.0:4318.

Apps traced with Zipkin or Datadog libraries send to it unchanged too: Zipkin's
POST /api/v2/spans (JSON or proto3) and /api/v1/spans (JSON) on 127.0.0.1:9411,
and a Datadog agent's /v0.4/traces and /v0.5/traces on 127.0.0.1:8126. Their
spans are shown, counted and saved as OTLP ones are, under the same limits.

Each trace is reported in one line once it has received nothing for
--trace-timeout: its root, duration, spans, errors and the same diagnosis as
'tracetui print'. --save appends every accepted export to a file as OTLP JSON
lines (written before the exporter gets its 200), for 'tracetui print' later.
SIGINT or SIGTERM reports the remaining traces, syncs the file and exits 0.

--newrelic ADDR also receives New Relic APM agents' span events: an agent
whose collector host (NEW_RELIC_HOST) is ADDR connects to tracetui over HTTPS
and sends its spans every second; its metrics, errors and events are accepted
and counted, not kept. Tested with the Go agent (go-agent/v3).`,
		Example: `  tracetui listen
  tracetui listen --headless --save traces.jsonl &   # in CI, then run the tests
  tracetui listen 0.0.0.0:4318 --grpc off            # reachable from containers`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: runE(opts, runF, runListen),
	}
	opts.changed = func(flag string) bool { return cmd.Flags().Changed(flag) }
	fl := cmd.Flags()
	fl.StringVar(&opts.GRPC, "grpc", "127.0.0.1:4317", "OTLP/gRPC address, or \"off\"; if the default is taken, listen goes on without gRPC")
	fl.StringVar(&opts.Zipkin, "zipkin", "127.0.0.1:9411", "Zipkin span intake address, or \"off\"; if the default is taken, listen goes on without it")
	fl.StringVar(&opts.Datadog, "datadog", "127.0.0.1:8126", "Datadog agent trace intake address, or \"off\"; if the default is taken, listen goes on without it")
	fl.Int64Var(&opts.MaxBody, "max-body", 32<<20, "largest accepted request in bytes, after decompression")
	fl.DurationVar(&opts.ReadTimeout, "read-timeout", receiver.DefaultReadTimeout, "answer 408 to an HTTP request not received in full within this long")
	fl.StringSliceVar(&opts.CORS, "cors-origin", nil, "browser origins allowed besides localhost (repeatable)")
	fl.BoolVar(&opts.Headless, "headless", false, "report traces as lines (the default when stdout is not a terminal)")
	fl.StringVar(&opts.Save, "save", "", "append every accepted export to `FILE` as OTLP JSON lines")
	fl.DurationVar(&opts.TraceTimeout, "trace-timeout", 2*time.Second, "report a trace once it received nothing for this long")
	fl.StringVar(&opts.NewRelic, "newrelic", "off", "New Relic agent collector address (HTTPS), e.g. 127.0.0.1:8443, or \"off\"")
	fl.StringVar(&opts.NewRelicCert, "newrelic-cert", "", "PEM certificate for --newrelic (default: one tracetui makes and keeps in the cache directory)")
	fl.StringVar(&opts.NewRelicKey, "newrelic-key", "", "PEM private key of --newrelic-cert")
	fl.IntVar(&opts.MaxSpans, "max-spans", 1_000_000, "spans kept in memory: the oldest whole traces are evicted beyond, and one trace keeps at most its first this many")
	return cmd
}

func runListen(opts *ListenOptions) error {
	ios := opts.IO
	clashes, err := checkAddrClash(opts)
	if err != nil {
		return err
	}
	for _, w := range clashes {
		fmt.Fprintf(ios.ErrOut, "tracetui: warning: %s\n", w)
	}
	cfg := receiver.Config{HTTPAddr: opts.Addr, MaxBody: opts.MaxBody, ReadTimeout: opts.ReadTimeout, CORSOrigins: opts.CORS, Now: opts.Now,
		GRPCOptional: !opts.grpcNamed}
	if opts.GRPC != "off" && opts.GRPC != "" {
		cfg.GRPCAddr = opts.GRPC
	}
	var certPath string
	if opts.NewRelic != "off" && opts.NewRelic != "" {
		var err error
		if cfg.NewRelicTLS, certPath, err = newRelicTLS(opts); err != nil {
			return err
		}
		cfg.NewRelicAddr = opts.NewRelic
	}
	if opts.Zipkin != "off" {
		cfg.Zipkin = receiver.Intake{Addr: opts.Zipkin, Optional: !opts.zipkinNamed}
	}
	if opts.Datadog != "off" {
		cfg.Datadog = receiver.Intake{Addr: opts.Datadog, Optional: !opts.datadogNamed}
	}
	if opts.Save != "" {
		sv, err := receiver.OpenSaver(opts.Save)
		if err != nil {
			return fmt.Errorf("listen: cannot open --save file: %w", err)
		}
		cfg.Save = sv
	}
	store := receiver.NewStore(opts.MaxSpans)
	r, err := receiver.Start(cfg, store)
	if err != nil {
		if cfg.Save != nil {
			cfg.Save.Close()
		}
		return startError(err)
	}
	addrs := "OTLP/HTTP on http://" + r.HTTPAddr()
	if r.GRPCAddr() != "" {
		addrs += ", OTLP/gRPC on " + r.GRPCAddr()
	}
	if err := r.GRPCSkipped(); err != nil {
		fmt.Fprintf(ios.ErrOut, "tracetui: warning: OTLP/gRPC not started: %v; receiving OTLP/HTTP only (--grpc ADDR listens elsewhere)\n", err)
	}
	addrs += intakeAddrs(r)
	if r.NewRelicAddr() != "" {
		addrs += ", New Relic on https://" + r.NewRelicAddr()
	}
	warnSkipped(ios, r)
	fmt.Fprintf(ios.ErrOut, "tracetui: listening: %s\n", addrs)
	if r.NewRelicAddr() != "" {
		fmt.Fprintf(ios.ErrOut, "tracetui: %s\n", newRelicHint(r.NewRelicAddr(), certPath))
	}
	if opts.Save != "" {
		fmt.Fprintf(ios.ErrOut, "tracetui: saving to %s\n", opts.Save)
	}

	base := opts.ctx
	if base == nil {
		base = context.Background()
	}
	ctx, stop := signal.NotifyContext(base, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !opts.Headless && ios.StdoutIsTTY && ios.StdinIsTTY {
		explore := opts.explore
		if explore == nil {
			explore = liveExplore
		}
		err := explore(ctx, ios, opts.Now, store, addrs)
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if serr := r.Shutdown(sctx); err == nil && serr != nil {
			err = fmt.Errorf("listen: shutting down: %w", serr)
		}
		// The explorer's screen is gone once it exits: what it received
		// is said on the terminal, as a headless run says it.
		printSummary(ios, store.Stats(), false)
		return err
	}
	tick := time.NewTicker(min(opts.TraceTimeout/4+10*time.Millisecond, 250*time.Millisecond))
	defer tick.Stop()
	opt := render.Options{Width: ios.defaultWidth(), Styles: render.PlainStyles()}
	warner := &limitWarner{w: ios.ErrOut}
	conns := &connWarner{w: ios.ErrOut}
	for {
		select {
		case <-tick.C:
			reportIdle(ios, store.Idle(opts.Now(), opts.TraceTimeout, false), opt)
			warner.check(store.Stats(), opts.Now())
			conns.check(store.Stats(), time.Now())
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := r.Shutdown(sctx)
			cancel()
			reportIdle(ios, store.Idle(opts.Now(), 0, true), opt)
			printSummary(ios, store.Stats(), true)
			if err != nil {
				return fmt.Errorf("listen: shutting down: %w", err)
			}
			return nil
		}
	}
}

// printSummary says what the run received and what --max-spans cost.
func printSummary(ios *IOStreams, s receiver.Stats, headless bool) {
	fmt.Fprintf(ios.ErrOut, "tracetui: received %s in %s (%s, %s)\n", render.Plural(s.Received, "span"),
		render.Plural(int64(s.Traces)+s.EvictedTraces, "trace"), render.Plural(s.Logs, "log record"), render.Plural(s.Metrics, "metrics export"))
	if s.AgentOther > 0 {
		fmt.Fprintf(ios.ErrOut, "tracetui: accepted %s besides span events (metrics, errors, events), not kept\n", render.Plural(s.AgentOther, "New Relic payload"))
	}
	if s.Repeats > 0 {
		// Worded as print words the same warning for a file.
		fmt.Fprintf(ios.ErrOut, "tracetui: %s\n", render.WarningText(trace.Warning{Kind: trace.WarnRepeats, Count: int(s.Repeats)}))
	}
	if line := connSummary(s); line != "" {
		fmt.Fprintf(ios.ErrOut, "tracetui: %s\n", line)
	}
	for _, n := range limitNotes(s, headless) {
		fmt.Fprintf(ios.ErrOut, "tracetui: %s\n", n)
	}
}

// startError says which address is taken and the flag that moves it.
func startError(err error) error {
	var inUse *receiver.AddrInUseError
	if !errors.As(err, &inUse) {
		return fmt.Errorf("listen: %w", err)
	}
	if inUse.Transport == "New Relic" {
		return fmt.Errorf("listen: %w: it is the New Relic address; --newrelic ADDR picks another", err)
	}
	if flag := intakeFlag(inUse.Transport); flag != "" {
		return fmt.Errorf("listen: %w: it is the %s address; %s ADDR picks another, %s off turns it off", err, inUse.Transport, flag, flag)
	}
	if inUse.Transport == "OTLP/gRPC" {
		return fmt.Errorf("listen: %w: it is the OTLP/gRPC address; --grpc ADDR picks another, --grpc off serves OTLP/HTTP only", err)
	}
	return fmt.Errorf("listen: %w: it is the OTLP/HTTP address; name another as the argument, e.g. tracetui listen 127.0.0.1:14318", err)
}
