package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

type RunOptions struct {
	IO       *IOStreams
	Out      outputFlags
	Checks   checkFlags
	Drain    time.Duration
	Report   string // never, on-failure, always
	Top      int
	MaxSpans int
	Save     string
	Cmd      []string

	// Environ is the environment CMD starts from (os.Environ).
	Environ func() []string
	// ctx ends the run as a signal does, for tests.
	ctx context.Context
}

func (o *RunOptions) check(args []string) error {
	o.Cmd = args
	if len(args) == 0 {
		return usagef("name the command to run: tracetui run [flags] -- CMD [ARGS...]")
	}
	if err := o.Out.validate("text"); err != nil {
		return err
	}
	switch o.Report {
	case "never", "on-failure", "always":
	default:
		return usagef("--report must be never, on-failure or always, got %q", o.Report)
	}
	if o.Drain < 0 {
		return usagef("--drain must be positive, got %s", o.Drain)
	}
	if o.Top < 1 {
		return usagef("--top must be at least 1, got %d", o.Top)
	}
	if o.MaxSpans < 0 {
		return usagef("--max-spans must be 0 (no limit) or more, got %d", o.MaxSpans)
	}
	return o.Checks.validate()
}

func newCmdRun(ios *IOStreams, runF func(*RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: ios, Environ: os.Environ}
	cmd := &cobra.Command{
		Use:   "run [flags] -- CMD [ARGS...]",
		Short: "Run a command (your tests) under a receiver, check its traces, print those that explain a failure",
		Long: `Run CMD with a receiver on a free loopback port. CMD gets
OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:PORT (signal-specific endpoint
variables are removed so they cannot win over it), and that one port serves
OTLP/HTTP (protobuf and JSON) and OTLP/gRPC alike, so an OpenTelemetry SDK with
its default settings exports there whatever OTEL_EXPORTER_OTLP_PROTOCOL says.
CMD also gets DD_TRACE_AGENT_URL, a Datadog agent's trace intake on another
port, so Datadog tracers send there too.
CMD keeps stdin, stdout and stderr; SIGTERM, SIGHUP and SIGQUIT are passed on
(SIGINT too, unless stdin is a terminal, whose Ctrl-C already reached CMD).
After CMD exits the receiver waits until exports stop, at most --drain.

When CMD failed (or --report always), the traces that explain it follow: when
spans name their test (test.case.name or --test-attr), the traces of the
failing tests, named; otherwise the traces with errors first, then the slowest,
--top in all. Then the checks (--expect, --check, --no-errors, ... as in
'tracetui check'). --junit FILE holds the checks or, without any rule, the
tests the traces name (an empty suite when they name none). A CMD that
exported nothing gets "no traces received" and the endpoint it was given.

Exit code: CMD's when it failed, else 1 when a check failed, else 0; 2 for a
usage mistake, 3 when CMD or the receiver could not start or, before CMD
starts, --junit or $GITHUB_STEP_SUMMARY cannot be written (a write that fails
after CMD ran is a warning; the exit code stands).`,
		Example: `  tracetui run -- go test ./...
  tracetui run --save traces.jsonl -- npm test
  tracetui run --check checks.yaml --junit traces-junit.xml -- ./e2e.sh
  tracetui run --no-errors --report always --top 5 -- pytest`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runRun),
	}
	// CMD's own flags are CMD's, even without "--".
	cmd.Flags().SetInterspersed(false)
	opts.Out.register(cmd, "text")
	_ = cmd.Flags().MarkHidden("format")
	opts.Checks.register(cmd)
	fl := cmd.Flags()
	fl.DurationVar(&opts.Drain, "drain", 2*time.Second, "after CMD exits, wait at most this long for exports still arriving")
	fl.StringVar(&opts.Report, "report", "on-failure", "print the traces that explain the run: never, on-failure (CMD failed), always")
	fl.IntVar(&opts.Top, "top", 3, "without test names: how many traces to print (errors first, then the slowest)")
	fl.IntVar(&opts.MaxSpans, "max-spans", 40, maxSpansHelp)
	fl.StringVar(&opts.Save, "save", "", "append every accepted export (spans, logs, metrics) to `FILE` as OTLP JSON lines")
	completeValues(cmd, "report", "never", "on-failure", "always")
	return cmd
}

func runRun(opts *RunOptions) error {
	ios := opts.IO
	// Output paths first: one that cannot be written fails now (3), not
	// after a test run it would then hide; once CMD has run, a failed
	// write is only a warning and CMD's exit code stands.
	if err := opts.Checks.checkOutputs(ios); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	opts.Checks.warnWrites = true
	// A Datadog intake too, on a port of its own: Datadog tracers read
	// DD_TRACE_AGENT_URL by default. Zipkin libraries have no standard
	// variable for their endpoint, so Zipkin is left to listen.
	cfg := receiver.Config{SharedAddr: "127.0.0.1:0", Datadog: receiver.Intake{Addr: "127.0.0.1:0"}}
	if opts.Save != "" {
		sv, err := receiver.OpenSaver(opts.Save)
		if err != nil {
			return fmt.Errorf("run: cannot open --save file: %w", err)
		}
		cfg.Save = sv
	}
	store := receiver.NewStore(0)
	r, err := receiver.Start(cfg, store)
	if err != nil {
		if cfg.Save != nil {
			cfg.Save.Close()
		}
		return fmt.Errorf("run: %w", err)
	}
	endpoint := "http://" + r.HTTPAddr()
	environ := opts.Environ
	opts.Environ = func() []string { return datadogEnv(environ(), "http://"+r.DatadogAddr()) }
	code, runErr := runChild(opts, endpoint)
	drain(r, store, opts.Drain)
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	serr := r.Shutdown(sctx)
	cancel()
	if runErr != nil {
		return runErr
	}
	if serr != nil {
		fmt.Fprintf(ios.ErrOut, "tracetui: warning: stopping the receiver: %v\n", serr)
	}
	var traces []*trace.Trace
	for _, v := range store.Versions() {
		traces = append(traces, v.Trace)
	}
	return runVerdict(opts, code, endpoint, traces, store.Stats())
}

// drain waits, at most limit, until no export is in flight and nothing
// arrived for a short while: SDKs flush when CMD exits, but a child CMD
// left running may still send a batch.
func drain(r *receiver.Receiver, store *receiver.Store, limit time.Duration) {
	const quiet = 40 * time.Millisecond
	deadline := time.Now().Add(limit)
	count := func() int64 { s := store.Stats(); return s.Received + s.Logs + s.Metrics }
	last, since := count(), time.Now()
	for time.Now().Before(deadline) {
		if n := count(); n != last || r.InFlight() {
			last, since = n, time.Now()
		} else if time.Since(since) >= quiet {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
