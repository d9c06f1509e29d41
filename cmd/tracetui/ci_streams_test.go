package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Under GitHub Actions a job pipes the report into a file or a tool: the
// ::error annotations must not end up in it. The runner reads workflow
// commands from stderr as well, so they go there.
func TestCheckAnnotationsGoToStderrUnderGitHubActions(t *testing.T) {
	env := map[string]string{"GITHUB_ACTIONS": "true"}
	r := runEnv(t, env, "check", "--format", "json", "--no-errors", demoPath)
	var doc struct{ Passed bool }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON alone: %v\n%s", err, r.stdout)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "::error title=tracetui check%3A no errors::") {
		t.Errorf("exit %d, want 1 and the annotation on stderr:\n%s", r.code, r.stderr)
	}
	r = runEnv(t, env, "check", "--format", "markdown", "--no-errors", demoPath)
	if strings.Contains(r.stdout, "::error") || !strings.Contains(r.stderr, "::error") {
		t.Errorf("markdown: annotations on stdout or missing from stderr:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

// zeroRun writes two traces, each api GET / (10 ms) over a cache GET that
// takes no time at all (start = end), as OTLP JSON lines.
func zeroRun(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for k := range 2 {
		start := int64(1_790_000_000_000_000_000) + int64(k)*10e9
		tid := fmt.Sprintf("%032x", k+1)
		fmt.Fprintf(&b, `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[`+
			`{"traceId":"%s","spanId":"00000000000000a1","name":"GET /","startTimeUnixNano":"%d","endTimeUnixNano":"%d"},`+
			`{"traceId":"%s","spanId":"00000000000000b2","parentSpanId":"00000000000000a1","name":"cache GET","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}`+"\n",
			tid, start, start+10e6, tid, start+1e6, start+1e6)
	}
	path := filepath.Join(t.TempDir(), "zero.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The same run on both sides changed nothing, an operation that takes no
// time included: 0 ns → 0 ns is no change, not an operation grown from
// nothing.
func TestDiffGateSameRunWithZeroDurationPasses(t *testing.T) {
	path := zeroRun(t)
	for _, rule := range []string{"p95 > +20%", "mean > +1ms", "count > +50%"} {
		r := runCLI(t, nil, false, "diff", "--fail-on", rule, path, path)
		if r.code != 0 || strings.Contains(r.stdout, "fail-on") {
			t.Errorf("%s: exit %d on identical runs:\n%s%s", rule, r.code, r.stdout, r.stderr)
		}
	}
}

// A --fail-on scope that names nothing on either side is a mistake (a
// typo, a renamed operation), not a gate that holds: exit 2 naming it.
func TestDiffGateScopeMatchingNothingIsAUsageError(t *testing.T) {
	path := zeroRun(t)
	r := runCLI(t, nil, false, "diff", "--fail-on", "nosuch: p95 > +20%", path, path)
	if r.code != 2 || !strings.Contains(r.stderr, `"nosuch: p95 > +20%"`) || !strings.Contains(r.stderr, "names no") {
		t.Errorf("exit %d, want 2 naming the rule:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Scopes that do match, by operation and by service, still pass.
	for _, rule := range []string{"api cache GET: p95 > +20%", "api: p95 > +20%", "overall: p99 > +100ms"} {
		if r := runCLI(t, nil, false, "diff", "--fail-on", rule, path, path); r.code != 0 {
			t.Errorf("%s: exit %d:\n%s", rule, r.code, r.stderr)
		}
	}
}

// An output path run cannot write fails before CMD starts (exit 3): a
// test run is not spent to learn it.
func TestRunUnwritableOutputFailsBeforeTheCommand(t *testing.T) {
	r := runCLI(t, nil, false, "run", "--junit", "/nonexistent/x.xml", "--no-errors", "--", "sh", "-c", "echo ran; exit 7")
	if r.code != 3 || strings.Contains(r.stdout, "ran") || !strings.Contains(r.stderr, "--junit") {
		t.Errorf("exit %d, want 3 before the command ran:\n%s%s", r.code, r.stdout, r.stderr)
	}
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/nonexistent/summary.md"}
	r = runEnv(t, env, "run", "--no-errors", "--", "sh", "-c", "echo ran")
	if r.code != 3 || strings.Contains(r.stdout, "ran") || !strings.Contains(r.stderr, "GITHUB_STEP_SUMMARY") {
		t.Errorf("summary: exit %d, want 3 before the command ran:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A write that fails after CMD ran (here CMD removes the directory) is a
// warning: CMD's exit code, or the checks', is the answer and stands.
func TestRunFailedWriteAfterTheCommandKeepsItsExitCode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, false, "run", "--drain", "0", "--junit", filepath.Join(dir, "x.xml"), "--no-errors", "--",
		"sh", "-c", "rm -r "+dir+"; exit 7")
	if r.code != 7 || !strings.Contains(r.stderr, "warning: --junit") {
		t.Errorf("exit %d, want the command's 7 and a warning:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md")}
	r = runEnv(t, env, "run", "--drain", "0", "--no-errors", "--", "sh", "-c", "rm -r "+dir)
	// CMD passed and sent no trace, so --no-errors fails: the checks' 1.
	if r.code != 1 || !strings.Contains(r.stderr, "warning: GITHUB_STEP_SUMMARY") {
		t.Errorf("summary: exit %d, want the checks' 1 and a warning:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// --expect "$UNSET" must not pass every trace: an empty query is a usage
// error, for check and run alike.
func TestEmptyExpectIsAUsageError(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--expect", "", demoPath},
		{"check", "--expect", "  ", demoPath},
		{"run", "--expect", "", "--", "sh", "-c", "echo ran"},
	} {
		r := runCLI(t, nil, false, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "--expect is empty") || strings.Contains(r.stdout, "ran") {
			t.Errorf("%q: exit %d, want 2:\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}

// In the diff JSON q is p adjusted upwards: a script comparing q with
// alpha must never read 0 for a row with too few samples to tell.
func TestDiffJSONTooFewHasNoQ(t *testing.T) {
	path := zeroRun(t)
	r := runCLI(t, nil, false, "diff", "--format", "json", path, path)
	var doc struct {
		Operations []struct {
			Service, Operation, Noise string
			P, Q                      *float64
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	tooFew := 0
	for _, o := range doc.Operations {
		if o.Noise == "too_few" {
			tooFew++
			if o.Q != nil {
				t.Errorf("%s %s: too_few with q %v (p %v), want null", o.Service, o.Operation, *o.Q, o.P)
			}
		}
		if o.P != nil && o.Q != nil && *o.Q < *o.P {
			t.Errorf("%s %s: q %v below p %v", o.Service, o.Operation, *o.Q, *o.P)
		}
	}
	if tooFew == 0 {
		t.Fatalf("no too_few row to test:\n%s", r.stdout)
	}
}

// --min-change says what is too small to matter; a gate must not fail the
// job on a change the report calls too small.
func TestDiffGateHonoursMinChange(t *testing.T) {
	a := otlpRun(t, "a.jsonl", 1, 60, 20, "")
	b := otlpRun(t, "b.jsonl", 2, 60, 60, "")
	if r := runCLI(t, nil, false, "diff", "--min-change", "10s", "--fail-on", "p95 > +20%", a, b); r.code != 0 {
		t.Errorf("under --min-change 10s: exit %d, want 0:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, nil, false, "diff", "--min-change", "1ms,10%", "--fail-on", "p95 > +20%", a, b); r.code != exitNo {
		t.Errorf("past --min-change 1ms,10%%: exit %d, want 1:\n%s%s", r.code, r.stdout, r.stderr)
	}
}
