package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/render"
)

// traceFixtures are the demo and every real trace file under testdata/.
func traceFixtures(t *testing.T) []string {
	t.Helper()
	files := []string{repoFile("..", "source", "demo", "demo.jsonl"), repoFile("jaeger-apiv3", "jaeger_apiv3_GetTrace.json")}
	for _, dir := range []string{"otlp", "jaeger-v1", "zipkin-v2", "cases", "findings", "traceql"} {
		more, err := filepath.Glob(repoFile(dir, "*.json*"))
		if err != nil || len(more) == 0 {
			t.Fatalf("no fixtures in %s", dir)
		}
		files = append(files, more...)
	}
	return files
}

// At --width 40 the bottleneck and failure lines wrap like everything else
// print writes, and the whole answer is still there, continuation lines
// indented under it.
func TestPrintDiagnosisFitsTheWidth(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--width", "40", "--trace", "0af7", repoFile("..", "source", "demo", "demo.jsonl"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	var diag []string
	for k, l := range lines {
		if w := render.Width(l); w > 40 {
			t.Errorf("line %d is %d columns at --width 40: %q", k+1, w, l)
		}
		if strings.HasPrefix(l, "bottleneck: ") || strings.HasPrefix(l, "failure: ") {
			diag = append(diag, l)
		} else if len(diag) > 0 && strings.HasPrefix(l, "  ") && !strings.HasPrefix(lines[k-1], "findings:") && len(diag) < 8 {
			diag[len(diag)-1] += " " + strings.TrimSpace(l)
		}
	}
	want := []string{
		"bottleneck: payment POST /authorize 985 ms on the critical path of 1.34 s (74%), self 985 ms",
		"failure: payment POST /v1/charges: 502 Bad Gateway (propagated to Charge, POST /checkout)",
	}
	if strings.Join(diag, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnosis at --width 40, rejoined:\n%s\nwant:\n%s", strings.Join(diag, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(r.stdout, "1.34\n") {
		t.Errorf("a duration split from its unit:\n%s", r.stdout)
	}
}

// Every line print writes fits the width it was given, on every fixture.
func TestPrintFitsTheWidthOnEveryFixture(t *testing.T) {
	for _, f := range traceFixtures(t) {
		for _, w := range []int{40, 60} {
			r := runCLI(t, nil, false, "print", "--width", strconv.Itoa(w), f)
			for _, l := range strings.Split(r.stdout, "\n") {
				if render.Width(l) > w {
					t.Errorf("%s --width %d: %d columns: %q", filepath.Base(f), w, render.Width(l), l)
				}
			}
		}
	}
}

// Under --ascii a microsecond is "us", not a µ or a '?' standing in for
// one.
func TestASCIIDiagnosisWritesMicroseconds(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--ascii", "--width", "200", repoFile("otlp", "jaeger_query_otlp2jaeger-in.json"))
	if !strings.Contains(r.stdout, "bottleneck: telemetrygen okey-dokey-0 123 us on the critical path of 123 us (100%), self 123 us") {
		t.Errorf("no ASCII microseconds in the diagnosis:\n%s", r.stdout)
	}
}

// --ascii means no byte above 0x7F in anything the report commands write,
// in every format: JSON spells such characters as \u escapes.
func TestASCIIOutputIsASCII(t *testing.T) {
	formats := map[string][]string{
		"print": {"text", "markdown", "json"}, "list": {"text", "markdown", "json"},
		"stats": {"text", "markdown", "json"}, "services": {"text", "json"},
	}
	for _, f := range traceFixtures(t) {
		for cmd, fs := range formats {
			for _, format := range fs {
				r := runCLI(t, nil, false, cmd, "--ascii", "--format", format, f)
				if r.code != 0 {
					t.Errorf("%s --format %s %s: exit %d: %s", cmd, format, filepath.Base(f), r.code, r.stderr)
				}
				if k := nonASCII(r.stdout + r.stderr); k >= 0 {
					t.Errorf("%s --ascii --format %s %s: byte above 0x7F: %q", cmd, format, filepath.Base(f), around(r.stdout+r.stderr, k))
				}
			}
		}
	}
	srv := jaegerServer(t, "")
	for _, format := range []string{"text", "json"} {
		r := runCLI(t, nil, false, "search", "--ascii", "--format", format, "--jaeger", srv.URL, "--service", "checkout")
		if r.code != 0 || nonASCII(r.stdout+r.stderr) >= 0 {
			t.Errorf("search --ascii --format %s: exit %d, not ASCII:\n%s%s", format, r.code, r.stdout, r.stderr)
		}
	}
}

func nonASCII(s string) int {
	for k := 0; k < len(s); k++ {
		if s[k] > 0x7f {
			return k
		}
	}
	return -1
}

func around(s string, k int) string { return s[max(k-40, 0):min(k+40, len(s))] }

// --max-spans 5 on the failed checkout shows its 11 spans: every one is on
// the critical path, an error or an ancestor of one. The help promises
// exactly that, and the report says why it shows more than 5.
func TestMaxSpansHelpAndOutputAgree(t *testing.T) {
	r := runCLI(t, nil, false, "demo", "--max-spans", "5", "--width", "100")
	second := r.stdout[strings.Index(r.stdout, "trace 0af765"):]
	// The span rows lie between the ruler and the legend.
	rows, in := 0, false
	for _, l := range strings.Split(second, "\n") {
		switch {
		case strings.HasPrefix(l, "span "):
			in = true
		case strings.HasPrefix(l, "◆ bottleneck"):
			in = false
		case in:
			rows++
		}
	}
	if rows != 11 || !strings.Contains(second, "11 spans shown with --max-spans 5: the critical path, errors and their ancestors always stay") {
		t.Errorf("--max-spans 5: %d span rows, and no note saying why:\n%s", rows, second)
	}
	for _, cmd := range []string{"print", "open", "demo"} {
		h := runCLI(t, nil, false, cmd, "--help")
		if !strings.Contains(h.stdout, "always stay, even past N") {
			t.Errorf("%s --help does not say which spans exceed --max-spans:\n%s", cmd, h.stdout)
		}
	}
	// Within the budget nothing is said.
	if r := runCLI(t, nil, false, "demo", "--max-spans", "20"); strings.Contains(r.stdout, "spans shown with") {
		t.Errorf("a note though every span fits:\n%s", r.stdout)
	}
}
