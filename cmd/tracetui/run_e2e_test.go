package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source/load"
)

// runEnv runs tracetui in-process like runCLI, with env as the variables
// tracetui itself reads (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY).
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    time.Now,
	}
	code := run(args, ios)
	return result{out.String(), errOut.String(), code}
}

// junitDoc is the common JUnit schema's shape, as CI servers read it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// The end-to-end case: run wraps a test program exporting with
// the SDK's default env config, over HTTP and over gRPC; one test fails
// with an error span, the other passes.
func TestRunWrapsATestProgramThatExportsWithTheSDK(t *testing.T) {
	for _, mode := range []string{"http", "grpc"} {
		t.Run(mode, func(t *testing.T) {
			t.Setenv("TRACETUI_SDK_APP", mode)
			t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9") // would win over run's endpoint if kept
			dir := t.TempDir()
			save, junit, summary := filepath.Join(dir, "traces.jsonl"), filepath.Join(dir, "junit.xml"), filepath.Join(dir, "summary.md")
			env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}
			r := runEnv(t, env, "run", "--save", save, "--no-errors", "--junit", junit, "--width", "100", "--", os.Args[0])

			if r.code != 1 {
				t.Fatalf("exit %d, want the test program's 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "--- FAIL: TestRefund") {
				t.Errorf("the program's own output is missing:\n%s", r.stdout)
			}
			report := r.stdout[strings.Index(r.stdout, "\nFAIL\n")+1:]
			title := "tracetui: test shop › TestRefund failed"
			if !strings.Contains(report, title) || !strings.Contains(report, "POST /refund") || !strings.Contains(report, "refund declined") {
				t.Errorf("the failing test's trace is not printed with its name and failure:\n%s", report)
			}
			if i, j := strings.Index(report, title), strings.Index(report, "FAIL  no errors"); i < 0 || j < i {
				t.Errorf("the failing trace should come first, before the checks:\n%s", report)
			}
			if strings.Contains(report, "GET /cart") || strings.Contains(report, "test shop › TestCheckout") {
				t.Errorf("the passing test's trace is printed:\n%s", report)
			}

			res, err := load.All([]load.Input{{Name: save}}, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			spans := 0
			for _, tr := range res.Traces {
				spans += len(tr.Spans)
			}
			if len(res.Traces) != 2 || spans != 4 {
				t.Errorf("--save holds %d traces, %d spans; want 2 and 4", len(res.Traces), spans)
			}

			var doc junitDoc
			b, err := os.ReadFile(junit)
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatalf("--junit is not XML: %v\n%s", err, b)
			}
			if doc.Tests != 2 || doc.Failures != 1 || len(doc.Suites) != 1 || doc.Suites[0].Name != "no errors" || len(doc.Suites[0].Cases) != 2 {
				t.Fatalf("JUnit: %+v\n%s", doc, b)
			}
			failed := 0
			for _, c := range doc.Suites[0].Cases {
				if c.Classname == "" || c.Name == "" {
					t.Errorf("a testcase without name or classname: %+v", c)
				}
				if c.Failure != nil {
					failed++
					if !strings.Contains(c.Failure.Text, "POST /refund") || c.Failure.Message == "" {
						t.Errorf("the failure does not name the span: %+v", c.Failure)
					}
				}
			}
			if failed != 1 {
				t.Errorf("%d failed testcases, want 1", failed)
			}

			md, err := os.ReadFile(summary)
			if err != nil {
				t.Fatalf("no step summary: %v", err)
			}
			for _, want := range []string{"TestRefund failed", "POST /refund", "❌", "no errors"} {
				if !strings.Contains(string(md), want) {
					t.Errorf("the step summary lacks %q:\n%s", want, md)
				}
			}
			for _, want := range []string{"::error title=tracetui%3A test shop › TestRefund failed::", "::error title=tracetui check%3A no errors::"} {
				if !strings.Contains(r.stderr, want) || strings.Contains(r.stdout, want) {
					t.Errorf("annotation %q not on stderr alone:\nstdout:\n%s\nstderr:\n%s", want, r.stdout, r.stderr)
				}
			}
		})
	}
}

// --ci none: no summary, no annotations, under GitHub Actions too.
func TestRunCINoneWritesNoGitHubOutput(t *testing.T) {
	t.Setenv("TRACETUI_SDK_APP", "http")
	summary := filepath.Join(t.TempDir(), "summary.md")
	r := runEnv(t, map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary},
		"run", "--ci", "none", "--no-errors", "--", os.Args[0])
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "::error") {
		t.Errorf("annotations under --ci none:\n%s%s", r.stdout, r.stderr)
	}
	if _, err := os.Stat(summary); err == nil {
		t.Errorf("a step summary was written under --ci none")
	}
}
