package main

import (
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
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
		{"command ok, nothing exported", []string{"--", "true"}, 0, "tracetui: true exited with 0; no traces received\n  it ran with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:"},
		{"command failed, nothing exported", []string{"--", "sh", "-c", "exit 4"}, 4, "tracetui: sh exited with 4; no traces received"},
		{"command's code wins", []string{"--no-errors", "--", "sh", "-c", "exit 7"}, 7, "exited with 7"},
		{"command ok, a check fails", []string{"--no-errors", "--", "true"}, 1, "tracetui: 1 check failed"},
		{"command ok, optional check", []string{"--check", writeChecks(t, "- {name: x, assert: [count() = 0], optional: true}\n"), "--", "true"}, 0, ""},
		{"no command", []string{"--no-errors"}, 2, "name the command to run"},
		{"bad report", []string{"--report", "sometimes", "--", "true"}, 2, "--report must be"},
		{"bad query", []string{"--expect", "{ status = }", "--", "true"}, 2, "--expect: column"},
		{"zero budget", []string{"--max-duration", "0", "--", "true"}, 2, "--max-duration must be above 0"},
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

// A command that exports nothing gets a plain "no traces received", with
// the endpoint it was given and what in its environment turned tracing
// off; no empty report on stdout.
func TestRunSaysWhenNoTracesArrived(t *testing.T) {
	t.Setenv("OTEL_TRACES_EXPORTER", "none") // CMD's environment is run's
	r := runCLI(t, nil, false, "run", "--report", "always", "--", "true")
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout should be empty:\n%s", r.code, r.stdout)
	}
	for _, want := range []string{"true exited with 0; no traces received", "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:", "OTEL_TRACES_EXPORTER=none turns it off"} {
		if !strings.Contains(unwrapped(r.stderr), want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// run --junit without rules writes the tests the traces name, one
// testcase each with its result; with no test named, a valid empty suite.
func TestRunJUnitWithoutRules(t *testing.T) {
	t.Setenv("TRACETUI_SDK_APP", "http")
	junit := filepath.Join(t.TempDir(), "junit.xml")
	r := runCLI(t, nil, false, "run", "--junit", junit, "--", os.Args[0])
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	doc := readJUnit(t, junit)
	if doc.Tests != 2 || doc.Failures != 1 || len(doc.Suites) != 1 || doc.Suites[0].Name != "shop" || len(doc.Suites[0].Cases) != 2 {
		t.Fatalf("JUnit: %+v", doc)
	}
	for _, c := range doc.Suites[0].Cases {
		switch c.Name {
		case "TestCheckout":
			if c.Failure != nil {
				t.Errorf("the passing test failed: %+v", c.Failure)
			}
		case "TestRefund":
			if c.Failure == nil || !strings.Contains(c.Failure.Text, "POST /refund") || !strings.Contains(c.Failure.Text, "refund declined") {
				t.Errorf("the failing test does not say where it failed: %+v", c.Failure)
			}
		default:
			t.Errorf("unexpected testcase %q", c.Name)
		}
		if c.Classname != "shop" {
			t.Errorf("classname %q, want the suite", c.Classname)
		}
	}

	r = runCLI(t, nil, false, "run", "--junit", junit, "--", "true")
	if doc := readJUnit(t, junit); r.code != 0 || doc.Tests != 0 || len(doc.Suites) != 1 || doc.Suites[0].Tests != 0 {
		t.Errorf("exit %d, JUnit for no traces: %+v", r.code, doc)
	}
}

func readJUnit(t *testing.T, path string) junitDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no JUnit file: %v", err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	return doc
}
