package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

var errStopped = errors.New("runF: stopped after flag parsing")

// parse runs one command's flag parsing and checks, stopping at runF.
// It returns the error Execute returned: errStopped when the options
// reached runF.
func parse(t *testing.T, cmd *cobra.Command, args ...string) error {
	t.Helper()
	// An empty, non-nil list: with nil, cobra reads os.Args (go test's own
	// flags, such as -update).
	cmd.SetArgs(append([]string{}, args...))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return cmd.Execute()
}

func testIO(stdinTTY bool) *IOStreams {
	return &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{},
		StdinIsTTY: stdinTTY, Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}
}

func TestFlagsReachTheOptions(t *testing.T) {
	var p *PrintOptions
	err := parse(t, newCmdPrint(testIO(false), func(o *PrintOptions) error { p = o; return errStopped }),
		"--width", "80", "--trace", "0af7", "--max-spans", "3", "--no-fold", "--format", "json", "a.jsonl", "-")
	if !errors.Is(err, errStopped) {
		t.Fatalf("print: %v", err)
	}
	f := p.Report
	if f.width != 80 || f.traceID != "0af7" || f.maxSpans != 3 || !f.noFold || f.format != "json" || f.repeat != 5 || strings.Join(p.Args, " ") != "a.jsonl -" {
		t.Errorf("print options: %+v, args %q", f, p.Args)
	}

	var l *ListenOptions
	newListen := func() *cobra.Command {
		return newCmdListen(testIO(false), func(o *ListenOptions) error { l = o; return errStopped })
	}
	if err := parse(t, newListen()); !errors.Is(err, errStopped) || l.Addr != "127.0.0.1:4318" || l.GRPC != "127.0.0.1:4317" || l.TraceTimeout != 2*time.Second {
		t.Errorf("listen defaults: %v %+v", err, l)
	}
	if err := parse(t, newListen(), ":9999", "--grpc", "off", "--trace-timeout", "50ms"); !errors.Is(err, errStopped) || l.Addr != ":9999" || l.GRPC != "off" || l.TraceTimeout != 50*time.Millisecond {
		t.Errorf("listen: %v %+v", err, l)
	}

	var s *SearchOptions
	err = parse(t, newCmdSearch(testIO(false), func(o *SearchOptions) error { s = o; return errStopped }),
		"--jaeger", "http://localhost:16686", "--service", "checkout", "--tag", "http.status_code=500", "--lookback", "2h", "--limit", "5")
	if !errors.Is(err, errStopped) {
		t.Fatalf("search: %v", err)
	}
	q, err := s.query()
	if err != nil || q.Service != "checkout" || q.Tags["http.status_code"] != "500" || q.Limit != 5 ||
		!q.End.Equal(s.Now()) || q.End.Sub(q.Start) != 2*time.Hour {
		t.Errorf("search query %+v, %v: want checkout, the tag, 5, and the 2 h before the injected now", q, err)
	}
}

// TestBadFlagsStopBeforeRunning: a usage mistake is reported before
// anything is read, written or listened on.
func TestBadFlagsStopBeforeRunning(t *testing.T) {
	ran := ""
	cases := []struct {
		cmd  *cobra.Command
		args []string
		want string
	}{
		{newCmdPrint(testIO(false), func(*PrintOptions) error { ran = "print"; return nil }), []string{"--width", "5"}, "--width must be at least 40"},
		{newCmdPrint(testIO(false), func(*PrintOptions) error { ran = "print"; return nil }), []string{"--jaeger", "http://a", "--zipkin", "http://b", "1"}, "name one store"},
		{newCmdOpen(testIO(true), func(*OpenOptions) error { ran = "open"; return nil }), nil, "open needs a trace file"},
		{newCmdList(testIO(false), func(*ListOptions) error { ran = "list"; return nil }), []string{"--sort", "size"}, "--sort must be"},
		{newCmdStats(testIO(false), func(*StatsOptions) error { ran = "stats"; return nil }), []string{"--by", "host"}, "--by must be operation or service"},
		{newCmdServices(testIO(false), func(*ServicesOptions) error { ran = "services"; return nil }), []string{"--format", "markdown"}, "--format must be one of text, json"},
		{newCmdSearch(testIO(false), func(*SearchOptions) error { ran = "search"; return nil }), []string{"--color", "sometimes"}, "--color must be auto, always or never"},
		{newCmdDemo(testIO(false), func(*DemoOptions) error { ran = "demo"; return nil }), []string{"--max-spans", "-1"}, "--max-spans must be 0 (no limit) or more"},
	}
	for _, c := range cases {
		ran = ""
		err := parse(t, c.cmd, c.args...)
		if exitCode(err) != exitUsage || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %v: %v (exit %d); want a usage error saying %q", c.cmd.Name(), c.args, err, exitCode(err), c.want)
		}
		if ran != "" {
			t.Errorf("%s %v: ran despite the usage error", c.cmd.Name(), c.args)
		}
	}
	// --write saves a file and draws nothing, so the drawing flags are not checked.
	var d *DemoOptions
	err := parse(t, newCmdDemo(testIO(false), func(o *DemoOptions) error { d = o; return errStopped }), "--write", "x.jsonl", "--width", "5")
	if !errors.Is(err, errStopped) || d.Write != "x.jsonl" {
		t.Errorf("demo --write: %v", err)
	}
}

// TestOutputFlagsReadTheSameEverywhere: a flag several commands take is
// explained the same way in each one's help.
func TestOutputFlagsReadTheSameEverywhere(t *testing.T) {
	root := newRootCmd(testIO(false))
	usage := map[string]string{}
	from := map[string]string{}
	for _, cmd := range root.Commands() {
		for _, name := range []string{"width", "color", "ascii", "trace", "no-fold", "jaeger", "timeout"} {
			fl := cmd.Flags().Lookup(name)
			if fl == nil {
				continue
			}
			if u, seen := usage[name]; seen && u != fl.Usage {
				t.Errorf("--%s: %s says %q, %s says %q", name, cmd.Name(), fl.Usage, from[name], u)
			}
			usage[name], from[name] = fl.Usage, cmd.Name()
		}
	}
	if !strings.Contains(usage["color"], "NO_COLOR") {
		t.Errorf("--color help does not mention NO_COLOR: %q", usage["color"])
	}
}

func TestColorEnabled(t *testing.T) {
	cases := []struct {
		flag string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"auto", true, nil, true},
		{"auto", false, nil, false},
		{"always", false, nil, true},
		{"never", true, nil, false},
		{"auto", true, map[string]string{"NO_COLOR": "1"}, false},
		{"always", true, map[string]string{"NO_COLOR": "1"}, true},
		{"auto", true, map[string]string{"CLICOLOR": "0"}, false},
		{"auto", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"auto", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"never", false, map[string]string{"CLICOLOR_FORCE": "1"}, false},
	}
	for _, c := range cases {
		ios := &IOStreams{StdoutIsTTY: c.tty, Getenv: func(k string) string { return c.env[k] }}
		if got := ios.ColorEnabled(c.flag); got != c.want {
			t.Errorf("--color %s, terminal %v, env %v: colour %v, want %v", c.flag, c.tty, c.env, got, c.want)
		}
	}
	// The same decision reaches the report: CLICOLOR_FORCE colours a pipe.
	r := runWithEnv(t, map[string]string{"CLICOLOR_FORCE": "1"}, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("CLICOLOR_FORCE=1: exit %d, no colour in the report", r.code)
	}
}

func TestVersionCommandMatchesTheFlag(t *testing.T) {
	cmd, flag := runCLI(t, nil, false, "version"), runCLI(t, nil, false, "--version")
	if cmd.code != 0 || cmd.stdout != flag.stdout || !strings.HasPrefix(cmd.stdout, "tracetui version ") {
		t.Errorf("version: exit %d %q; --version %q", cmd.code, cmd.stdout, flag.stdout)
	}
}
