package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/render"
)

// linesFit fails for a line wider than w columns.
func linesFit(t *testing.T, what string, out string, w int) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if render.Width(l) > w {
			t.Errorf("%s: a line of %d columns at --width %d: %q", what, render.Width(l), w, l)
		}
	}
}

// Issue 18: the diff tables were wider than a narrow --width (a trace
// diff 72 columns, a run diff 80 at --width 40). Every line fits; the
// change, the status and whether it is beyond noise always show; what
// gave way is said; operations never read alike.
func TestDiffFitsTheWidth(t *testing.T) {
	demo := demoFile(t)
	a := otlpRun(t, "a.jsonl", 1, 60, 20, "")
	b := otlpRun(t, "b.jsonl", 2, 60, 60, "deadlock detected")
	for _, w := range []int{40, 60} {
		tr := runCLI(t, nil, false, "diff", "--width", fmt.Sprint(w), "--trace", "4bf92f", demo, "--trace", "0af765", demo)
		golden.AssertNamed(t, fmt.Sprintf("diff/demo_w%d", w), tr.stdout)
		linesFit(t, "trace diff", tr.stdout, w)
		if !strings.Contains(tr.stdout, "change") || !strings.Contains(tr.stdout, "ok → error") {
			t.Errorf("--width %d: the change and the status stay:\n%s", w, tr.stdout)
		}
		rd := runCLI(t, nil, false, "diff", "--width", fmt.Sprint(w), a, b)
		golden.AssertNamed(t, fmt.Sprintf("diff/runs_w%d", w), rd.stdout)
		linesFit(t, "run diff", rd.stdout, w)
		for _, want := range []string{"CHANGE", "NOISE", "P50", "+112%", "not shown at this", "deadlock detected ×15"} {
			if !strings.Contains(rd.stdout, want) {
				t.Errorf("--width %d: the run diff lost %q:\n%s", w, want, rd.stdout)
			}
		}
	}
}

// The gate's violations are the answer of a CI job: wrapped, never cut.
func TestDiffGateFitsTheWidth(t *testing.T) {
	main, pr := repoFile("runs", "main.jsonl.gz"), repoFile("runs", "pr.jsonl.gz")
	r := runCLI(t, nil, false, "diff", "--width", "40", "--fail-on", "p95 > +20%", "--fail-on", "errors > 0", main, pr)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	linesFit(t, "gate", r.stdout, 40)
	for _, want := range []string{"fail-on: 4 violations", "p95 +71% (179 ms → 307 ms)", "errors 3 new errors"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the violations lost %q:\n%s", want, r.stdout)
		}
	}
}

// Operation names that differ only past the cut are cut in the middle:
// two rows never read as one.
func TestRunDiffNamesStayUnique(t *testing.T) {
	long := "GET /api/v1/customers/orders/history/details/"
	file := func(name string, ms int) string {
		var b strings.Builder
		for k := range 8 {
			for j, route := range []string{long + "list", long + "item"} {
				start := int64(1_790_000_000_000_000_000) + int64(k)*int64(10e9)
				fmt.Fprintf(&b, `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[`+
					`{"traceId":"%016x%016x","spanId":"00000000000000a1","name":%q,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}`+"\n",
					ms, k*2+j+1, route, start, start+int64(ms+k)*1e6)
			}
		}
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, []byte(b.String()), 0o644)
		return p
	}
	out := runCLI(t, nil, false, "diff", "--width", "60", file("a.jsonl", 10), file("b.jsonl", 30)).stdout
	linesFit(t, "run diff", out, 60)
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "api ") {
			name := strings.TrimSpace(l[:strings.Index(l, "  ")])
			if seen[name] {
				t.Errorf("two operations read %q:\n%s", name, out)
			}
			seen[name] = true
		}
	}
	if len(seen) != 2 {
		t.Errorf("want 2 operation rows, got %v:\n%s", seen, out)
	}
}

// Issue 18: a run diff printed every operation (4,000 on a large suite).
// On text it shows the 20 of most impact and says how many more and how
// to see them; markdown and JSON hold every operation unless --top is
// given (JSON always).
func TestRunDiffTop(t *testing.T) {
	gen := func(name string, seed uint64) string {
		p := filepath.Join(t.TempDir(), name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := tracegen.WriteJSONLines(f, tracegen.Config{Spans: 400, Traces: 40, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	a, b := gen("a.jsonl", 1), gen("b.jsonl", 2)
	var doc struct {
		Operations []json.RawMessage `json:"operations"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, nil, false, "diff", "--format", "json", "--top", "3", a, b).stdout), &doc); err != nil {
		t.Fatal(err)
	}
	total := len(doc.Operations)
	if total <= 25 {
		t.Fatalf("the generated runs hold %d operations; the test needs more than 25", total)
	}
	rows := func(out string) int {
		n := 0
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "service-") || strings.HasPrefix(l, "| service-") {
				n++
			}
		}
		return n
	}
	text := runCLI(t, nil, false, "diff", "--width", "160", a, b).stdout
	if n := rows(text); n != 20 || !strings.Contains(text, fmt.Sprintf("%d more operations, of less impact (--top 0 shows all)", total-20)) {
		t.Errorf("text by default: %d rows, want 20 and a line saying %d more:\n%s", n, total-20, text)
	}
	if n := rows(runCLI(t, nil, false, "diff", "--width", "160", "--top", "0", a, b).stdout); n != total {
		t.Errorf("--top 0: %d rows, want %d", n, total)
	}
	if n := rows(runCLI(t, nil, false, "diff", "--format", "markdown", a, b).stdout); n != total {
		t.Errorf("markdown without --top: %d rows, want all %d", n, total)
	}
	md := runCLI(t, nil, false, "diff", "--format", "markdown", "--top", "5", a, b).stdout
	if n := rows(md); n != 5 || !strings.Contains(md, fmt.Sprintf("%d more operations, of less impact", total-5)) {
		t.Errorf("markdown --top 5: %d rows:\n%s", n, md)
	}
	if r := runCLI(t, nil, false, "diff", "--top", "-1", a, b); r.code != 2 {
		t.Errorf("--top -1: exit %d, want 2 (usage)", r.code)
	}
}
