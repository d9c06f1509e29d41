package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/demo"
)

// realFiles are the OTLP files copied from other projects (testdata/ATTRIBUTION.md).
var realFiles = []string{
	"otlp/jaeger-ui_otlp2jaeger-multi-in.jsonl",
	"otlp/jaeger_memory_otel_traces_01.json",
	"otlp/jaeger_query_otlp2jaeger-in.json",
	"otlp/jaeger_integration_link_attributes_trace.json",
	"otlp/otel-proto_examples_trace.json",
	"otlp/otel-spec_file-exporter_traces.jsonl",
	"otlp/otel-spec_file-exporter_traces_legacy-instrumentationLibrarySpans.jsonl",
	"jaeger-apiv3/jaeger_apiv3_GetTrace.json",
}

func TestPrintGoldens(t *testing.T) {
	for _, w := range []int{60, 120} {
		t.Run(fmt.Sprintf("demo_w%d", w), func(t *testing.T) {
			r := runCLI(t, nil, false, "demo", "--width", fmt.Sprint(w))
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			assertWidth(t, r.stdout, w)
			golden.AssertNamed(t, fmt.Sprintf("print/demo_w%d", w), r.stdout)
		})
		for _, f := range realFiles {
			name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			t.Run(fmt.Sprintf("%s_w%d", name, w), func(t *testing.T) {
				r := runCLI(t, nil, false, "print", "--width", fmt.Sprint(w), repoFile(f))
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				assertWidth(t, r.stdout, w)
				golden.AssertNamed(t, fmt.Sprintf("print/%s_w%d", name, w), r.stdout)
			})
		}
	}
}

// assertWidth checks the waterfall invariant: no row wider than asked.
// Diagnosis lines are exempt: the answer is never cut.
func assertWidth(t *testing.T, out string, w int) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "bottleneck: ") || strings.HasPrefix(line, "failure: ") {
			continue
		}
		if n := ansi.StringWidth(line); n > w {
			t.Errorf("line is %d columns, more than %d: %q", n, w, line)
		}
	}
}

func TestPrintDiagnosesTheDemo(t *testing.T) {
	r := runCLI(t, nil, false, "demo")
	for _, want := range []string{
		"bottleneck: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%), self 5.20 s",
		"failure: payment POST /v1/charges: 502 Bad Gateway (propagated to Charge, POST /checkout)",
	} {
		if !strings.Contains(r.stdout, want+"\n") {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("no colour when stdout is not a terminal")
	}
}

func TestColorDecision(t *testing.T) {
	if r := runCLI(t, nil, true, "demo"); !strings.Contains(r.stdout, "\x1b[") {
		t.Error("a terminal gets colour by default")
	}
	if r := runCLI(t, nil, false, "demo", "--color", "always"); !strings.Contains(r.stdout, "\x1b[") {
		t.Error("--color always must colour a pipe")
	}
	r := runCLI(t, nil, true, "demo", "--color", "never")
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("--color never must not colour a terminal")
	}
}

func TestNoColorEnvironment(t *testing.T) {
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, StdoutIsTTY: true, TermWidth: 100,
		Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}}
	if code := run([]string{"demo"}, ios); code != 0 || strings.Contains(out.String(), "\x1b") {
		t.Errorf("NO_COLOR must disable colour (exit %d)", code)
	}
}

func TestPrintReadsStdinAndGzip(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(demo.JSONLines())
	w.Close()
	r := runCLI(t, bytes.NewReader(gz.Bytes()), false, "print", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "bottleneck: shipping GET /v2/rates") {
		t.Fatalf("gzip on stdin: exit %d, stderr %s", r.code, r.stderr)
	}
	// No argument and a pipe on stdin reads stdin too.
	r = runCLI(t, bytes.NewReader(demo.JSONLines()), false, "print")
	if r.code != 0 || !strings.Contains(r.stdout, "failure: payment") {
		t.Fatalf("piped stdin: exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestTracePrefixSelectsOneTrace(t *testing.T) {
	r := runCLI(t, nil, false, "demo", "--trace", "0AF7")
	if r.code != 0 || strings.Contains(r.stdout, "4bf92f35") || !strings.Contains(r.stdout, "0af7651916cd43dd8448eb211c80319c") {
		t.Errorf("--trace 0AF7 must select only the failing trace:\n%s", r.stdout)
	}
	r = runCLI(t, nil, false, "demo", "--trace", "ffff")
	if r.code != 3 || !strings.Contains(r.stderr, `no trace matches "ffff"`) {
		t.Errorf("unknown prefix: exit %d, %s", r.code, r.stderr)
	}
}

func TestMaxSpansKeepsCriticalPathAndErrors(t *testing.T) {
	var gen bytes.Buffer
	if err := tracegen.WriteJSONLines(&gen, tracegen.Config{Spans: 3000, Traces: 1, Seed: 3, ErrorRate: 0.002}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "big.jsonl")
	os.WriteFile(p, gen.Bytes(), 0o644)
	full := runCLI(t, nil, false, "print", "--format", "json", p)
	var rep render.Report
	if err := json.Unmarshal([]byte(full.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, false, "print", "--max-spans", "60", "--width", "200", p)
	rows, elided := 0, 0
	for _, line := range strings.Split(r.stdout, "\n") {
		switch {
		case strings.Contains(line, "more spans"):
			elided++
			if strings.HasSuffix(line, " ") { // new-user sweep: they were padded to the width
				t.Errorf("an elision line ends in spaces: %q", line)
			}
		case strings.Contains(line, " s") && (strings.Contains(line, "operation ")):
			rows++
		}
	}
	if elided == 0 || rows > 60+len(*rep.Traces[0].CriticalPath) {
		t.Errorf("--max-spans 60: %d span rows, %d elision lines", rows, elided)
	}
	for _, cp := range *rep.Traces[0].CriticalPath {
		if !strings.Contains(r.stdout, cp.Name) {
			t.Errorf("critical-path span %s was folded away", cp.Name)
		}
	}
	if e := rep.Traces[0].ErrorOrigin; e != nil && !strings.Contains(r.stdout, e.Name) {
		t.Errorf("the failure point %s was folded away", e.Name)
	}
}

func TestJSONReportSchema(t *testing.T) {
	r := runCLI(t, nil, false, "demo", "--format", "json")
	var rep render.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(rep.Traces) != 2 {
		t.Fatalf("traces = %d", len(rep.Traces))
	}
	slow, failed := rep.Traces[0], rep.Traces[1]
	if slow.TraceID != "4bf92f3577b34da6a3ce929d0e0e4736" || slow.RootService != "checkout" || slow.RootName != "POST /checkout" ||
		slow.DurationMS == nil || *slow.DurationMS != 5600 || slow.SpanCount != 14 || slow.ErrorCount != 0 || slow.Start != "2026-11-20T09:30:00Z" {
		t.Errorf("slow trace = %+v", slow)
	}
	if b := slow.Bottleneck; b == nil || b.Service != "shipping" || b.Name != "GET /v2/rates" || b.SelfMS != 5200 || b.DurationMS != 5240 {
		t.Errorf("bottleneck = %+v", b)
	}
	if slow.ErrorOrigin != nil || slow.CriticalPath == nil || (*slow.CriticalPath)[0].Name != "POST /checkout" {
		t.Errorf("error origin %+v, critical path %+v", slow.ErrorOrigin, slow.CriticalPath)
	}
	if e := failed.ErrorOrigin; e == nil || e.Service != "payment" || e.Message != "502 Bad Gateway" || e.SpanID != "6f708192a3b4c5d5" {
		t.Errorf("error origin = %+v", e)
	}
	if strings.Join(slow.Services, ",") != "cart,checkout,inventory,payment,shipping" {
		t.Errorf("services = %v", slow.Services)
	}
	// list's JSON is the same object without critical paths.
	r = runCLI(t, nil, false, "list", "--format", "json", repoFile("otlp", "jaeger_memory_otel_traces_01.json"))
	if strings.Contains(r.stdout, "critical_path") || !strings.Contains(r.stdout, `"error_origin"`) {
		t.Errorf("list json:\n%s", r.stdout)
	}
}

func TestMarkdownReport(t *testing.T) {
	r := runCLI(t, nil, false, "demo", "--format", "markdown")
	for _, want := range []string{"### checkout POST /checkout · `4bf92f3577b34da6a3ce929d0e0e4736`",
		"- **bottleneck**: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%), self 5.20 s", "```text\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("markdown must never carry colour")
	}
}

func TestListSortsAndFits(t *testing.T) {
	r := runCLI(t, nil, false, "list", "--sort", "errors", repoFile("otlp", "jaeger_memory_otel_traces_01.json"), demoFile(t))
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[0], "TRACE ID") || !strings.HasPrefix(lines[1], "0af7651916cd43dd") {
		t.Errorf("list --sort errors:\n%s\n%s", r.stdout, r.stderr)
	}
	r = runCLI(t, nil, false, "list", "--sort", "duration", demoFile(t))
	if !strings.Contains(strings.Split(r.stdout, "\n")[1], "4bf92f35") {
		t.Errorf("the slowest trace comes first:\n%s", r.stdout)
	}
}

func demoFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "demo.jsonl")
	r := runCLI(t, nil, false, "demo", "--write", p)
	if r.code != 0 {
		t.Fatalf("demo --write: %s", r.stderr)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}
