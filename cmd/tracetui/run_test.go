package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// run's exit code: CMD's when it failed, else the checks', else 0; 2 and
// 3 for what stops run itself.
func TestRunExitCodes(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"command ok, nothing exported", []string{"--", "true"}, 0, "tracetui: true exited with 0; received 0 spans in 0 traces"},
		{"command's code wins", []string{"--no-errors", "--", "sh", "-c", "exit 7"}, 7, "exited with 7"},
		{"command ok, a check fails", []string{"--no-errors", "--", "true"}, 1, "tracetui: 1 check failed"},
		{"command ok, optional check", []string{"--check", writeChecks(t, "- {name: x, assert: [count() = 0], optional: true}\n"), "--", "true"}, 0, ""},
		{"no command", []string{"--no-errors"}, 2, "name the command to run"},
		{"bad report", []string{"--report", "sometimes", "--", "true"}, 2, "--report must be"},
		{"bad query", []string{"--expect", "{ status = }", "--", "true"}, 2, "--expect: column"},
		{"command not found", []string{"--", "./no-such-command"}, 3, "run: cannot start ./no-such-command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, false, append([]string{"run"}, c.args...)...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, r.stderr)
			}
		})
	}
}

// CMD's stdin and stdout are its own, and its flags are not run's even
// without "--".
func TestRunPassesStreamsAndFlags(t *testing.T) {
	r := runCLI(t, strings.NewReader("hello\n"), false, "run", "sh", "-c", `read x; echo "got $x $OTEL_EXPORTER_OTLP_ENDPOINT"`, "--no-errors")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "got hello http://127.0.0.1:") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// A command that exports nothing ends without waiting out --drain.
func TestRunDrainEndsWhenNothingArrives(t *testing.T) {
	start := time.Now()
	r := runCLI(t, nil, false, "run", "--drain", "5s", "--", "true")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("run took %s for a command that exports nothing (--drain 5s is a bound, not a wait)", d)
	}
}

// SIGTERM to tracetui reaches CMD, whose exit code comes back unchanged.
func TestRunForwardsSIGTERM(t *testing.T) {
	c := exec.Command(os.Args[0], "run", "--", "sh", "-c", `trap 'echo got-term; exit 5' TERM; echo ready; while :; do sleep 0.05; done`)
	c.Env = append(os.Environ(), "TRACETUI_RUN_MAIN=1")
	out := &syncBuffer{}
	c.Stdout, c.Stderr = out, out
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Process.Kill() })
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "ready"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("CMD never started:\n%s", out.String())
		}
	}
	c.Process.Signal(syscall.SIGTERM)
	err := c.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 5 || !strings.Contains(out.String(), "got-term") {
		t.Fatalf("err %v, output:\n%s", err, out.String())
	}
}
