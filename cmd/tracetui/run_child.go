package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

// otlpEnv is CMD's environment: the endpoint set, and every variable that
// would send one signal elsewhere removed. The protocol is left as it is:
// the one port serves OTLP/HTTP and OTLP/gRPC, so whatever an SDK picks
// (its default, OTEL_EXPORTER_OTLP_PROTOCOL, or code) reaches it.
func otlpEnv(environ []string, endpoint string) []string {
	out := make([]string, 0, len(environ)+1)
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "OTEL_EXPORTER_OTLP_ENDPOINT",
			"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "OTEL_EXPORTER_OTLP_ENDPOINT="+endpoint)
}

// datadogEnv points Datadog tracers at url: DD_TRACE_AGENT_URL wins over
// DD_AGENT_HOST and DD_TRACE_AGENT_PORT in every Datadog library, so those
// are left as they are.
func datadogEnv(environ []string, url string) []string {
	out := make([]string, 0, len(environ)+1)
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "DD_TRACE_AGENT_URL=") {
			out = append(out, kv)
		}
	}
	return append(out, "DD_TRACE_AGENT_URL="+url)
}

// exitStatusError carries CMD's own exit code out of run: CMD failing is
// the answer the CI job must see, unchanged.
type exitStatusError struct{ code int }

// Its text is empty: run has already said how the command exited.
func (e *exitStatusError) Error() string { return "" }

// runChild runs CMD to its end and returns its exit code (128+N when
// signal N ended it, as shells say). The error is for a CMD that could
// not start.
func runChild(opts *RunOptions, endpoint string) (int, error) {
	ios := opts.IO
	c := exec.Command(opts.Cmd[0], opts.Cmd[1:]...)
	c.Stdin, c.Stdout, c.Stderr = ios.In, ios.Out, ios.ErrOut
	c.Env = otlpEnv(opts.Environ(), endpoint)
	sigs := make(chan os.Signal, 4)
	// Every signal here is caught, never ignored: an ignored signal stays
	// ignored across exec, and CMD would start deaf to Ctrl-C. Caught
	// ones are reset to their defaults in CMD, and tracetui lives on to
	// wait for CMD and report.
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, os.Interrupt)
	defer signal.Stop(sigs)
	// On a terminal, Ctrl-C signals the whole foreground process group,
	// CMD included, as it shares tracetui's: passing SIGINT on would
	// deliver it twice, and many test runners read a second one as "stop
	// now, skip the cleanup".
	fromTerminal := func(s os.Signal) bool { return ios.StdinIsTTY && s == os.Interrupt }
	if err := c.Start(); err != nil {
		return 0, fmt.Errorf("run: cannot start %s: %w", opts.Cmd[0], unwrapExec(err))
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if !fromTerminal(s) {
					c.Process.Signal(s)
				}
			case <-done:
				return
			}
		}
	}()
	if opts.ctx != nil {
		go func() {
			select {
			case <-opts.ctx.Done():
				c.Process.Signal(syscall.SIGTERM)
			case <-done:
			}
		}()
	}
	err := c.Wait()
	close(done)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return 0, fmt.Errorf("run: %s: %w", opts.Cmd[0], err)
	}
	st := c.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return st.ExitCode(), nil
}

// unwrapExec drops exec's repetition of the command name.
func unwrapExec(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}
