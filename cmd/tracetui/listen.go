package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

type listenFlags struct {
	grpc         string
	maxBody      int64
	cors         []string
	headless     bool
	save         string
	traceTimeout time.Duration
	maxSpans     int
}

func newListenCmd(ios *IOStreams) *cobra.Command {
	f := &listenFlags{}
	cmd := &cobra.Command{
		Use:   "listen [ADDR]",
		Short: "Receive OTLP from your app (HTTP :4318, gRPC :4317) and report each trace",
		Long: `Run a local OTLP receiver. Apps using an OpenTelemetry SDK with its default
exporter settings send to it unchanged: OTLP/HTTP on 127.0.0.1:4318 (protobuf or
JSON, gzip) and OTLP/gRPC on 127.0.0.1:4317. A host-less address such as :4318
also binds 127.0.0.1; listening on every interface takes an explicit 0.0.0.0:4318.

Each trace is reported in one line once it has received nothing for
--trace-timeout: its root, duration, spans, errors and the same diagnosis as
'tracetui print'. --save appends every accepted export to a file as OTLP JSON
lines (written before the exporter gets its 200), for 'tracetui print' later.
SIGINT or SIGTERM reports the remaining traces, syncs the file and exits 0.`,
		Example: `  tracetui listen
  tracetui listen --headless --save traces.jsonl &   # in CI, then run the tests
  tracetui listen 0.0.0.0:4318 --grpc off            # reachable from containers`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr := "127.0.0.1:4318"
			if len(args) == 1 {
				addr = args[0]
			}
			return listenRun(ios, f, addr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.grpc, "grpc", "127.0.0.1:4317", "OTLP/gRPC address, or \"off\"")
	fl.Int64Var(&f.maxBody, "max-body", 32<<20, "largest accepted request in bytes, after decompression")
	fl.StringSliceVar(&f.cors, "cors-origin", nil, "browser origins allowed besides localhost (repeatable)")
	fl.BoolVar(&f.headless, "headless", false, "report traces as lines (the default when stdout is not a terminal)")
	fl.StringVar(&f.save, "save", "", "append every accepted export to `FILE` as OTLP JSON lines")
	fl.DurationVar(&f.traceTimeout, "trace-timeout", 2*time.Second, "report a trace once it received nothing for this long")
	fl.IntVar(&f.maxSpans, "max-spans", 1_000_000, "spans kept in memory; the oldest whole traces are evicted beyond")
	return cmd
}

func listenRun(ios *IOStreams, f *listenFlags, addr string) error {
	cfg := receiver.Config{HTTPAddr: addr, MaxBody: f.maxBody, CORSOrigins: f.cors}
	if f.grpc != "off" && f.grpc != "" {
		cfg.GRPCAddr = f.grpc
	}
	if f.save != "" {
		sv, err := receiver.OpenSaver(f.save)
		if err != nil {
			return fmt.Errorf("listen: cannot open --save file: %v", err)
		}
		cfg.Save = sv
	}
	store := receiver.NewStore(f.maxSpans)
	r, err := receiver.Start(cfg, store)
	if err != nil {
		return fmt.Errorf("listen: %v", err)
	}
	addrs := "OTLP/HTTP on http://" + r.HTTPAddr()
	if r.GRPCAddr() != "" {
		addrs += ", OTLP/gRPC on " + r.GRPCAddr()
	}
	fmt.Fprintf(ios.ErrOut, "tracetui: listening: %s\n", addrs)
	if f.save != "" {
		fmt.Fprintf(ios.ErrOut, "tracetui: saving to %s\n", f.save)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !f.headless && ios.StdoutIsTTY && ios.StdinIsTTY {
		err := liveExplore(ios, ctx, store, addrs)
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if serr := r.Shutdown(sctx); err == nil && serr != nil {
			err = fmt.Errorf("listen: shutting down: %v", serr)
		}
		return err
	}
	tick := time.NewTicker(min(f.traceTimeout/4+10*time.Millisecond, 250*time.Millisecond))
	defer tick.Stop()
	opt := render.Options{Width: ios.defaultWidth(), Styles: render.PlainStyles()}
	for {
		select {
		case <-tick.C:
			reportIdle(ios, store.Idle(time.Now(), f.traceTimeout, false), opt)
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := r.Shutdown(sctx)
			cancel()
			reportIdle(ios, store.Idle(time.Now(), 0, true), opt)
			s := store.Stats()
			fmt.Fprintf(ios.ErrOut, "tracetui: received %d spans in %d traces (%d log records, %d metrics exports)\n", s.Received, s.Traces+int(s.EvictedTraces), s.Logs, s.Metrics)
			if err != nil {
				return fmt.Errorf("listen: shutting down: %v", err)
			}
			return nil
		}
	}
}

// reportIdle prints one line per finished trace: what print's header and
// diagnosis say, on one line for a CI log.
func reportIdle(ios *IOStreams, traces []*trace.Trace, opt render.Options) {
	for _, t := range traces {
		done := trace.AnalyzeOne(t, trace.PipelineOptions{})
		tr, a := done.Tree, done.Analysis
		svc, name := render.RootLabel(tr)
		parts := []string{
			"trace " + t.DisplayID(), svc + " " + name, render.Duration(tr.Duration()),
			fmt.Sprintf("%d spans", len(t.Spans)), fmt.Sprintf("%d errors", a.Errors),
		}
		parts = append(parts, render.Diagnosis(tr, a)...)
		fmt.Fprintln(ios.Out, render.Sanitize(strings.Join(parts, "  ")))
	}
}
