package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

func TestServicesAndStatsGoldens(t *testing.T) {
	file := repoFile("findings", "checkout_findings.jsonl")
	golden.AssertNamed(t, "services/findings_w100", runCLI(t, nil, false, "services", "--width", "100", file).stdout)
	golden.AssertNamed(t, "services/demo_ascii_w100", runCLI(t, nil, false, "services", "--width", "100", "--ascii", repoFile("..", "source", "demo", "demo.jsonl")).stdout)
	golden.AssertNamed(t, "stats/findings_w110", runCLI(t, nil, false, "stats", "--width", "110", file).stdout)
	golden.AssertNamed(t, "stats/findings_by_service_self_md", runCLI(t, nil, false, "stats", "--by", "service", "--sort", "self", "--format", "markdown", file).stdout)
}

func TestServicesJSONNamesEveryCall(t *testing.T) {
	r := runCLI(t, nil, false, "services", "--format", "json", repoFile("findings", "checkout_findings.jsonl"))
	var m struct {
		Services []struct {
			Name  string
			Entry bool
		}
		Calls []struct {
			From, To string
			Count    int
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	calls := map[string]int{}
	for _, c := range m.Calls {
		calls[c.From+">"+c.To] = c.Count
	}
	want := map[string]int{"checkout>inventory": 1, "inventory>postgresql": 25, "checkout>orders": 1, "orders>pricing": 1, "pricing>orders": 1}
	for k, n := range want {
		if calls[k] != n {
			t.Errorf("call %s = %d, want %d (all: %v)", k, calls[k], n, calls)
		}
	}
}

func TestStatsSortAndErrors(t *testing.T) {
	file := repoFile("findings", "checkout_findings.jsonl")
	r := runCLI(t, nil, false, "stats", "--sort", "count", "--format", "json", file)
	var s struct {
		Stats []struct {
			Service, Operation string
			Count              int
			AvgMS              float64 `json:"avg_ms"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Stats[0].Operation != "SELECT items" || s.Stats[0].Count != 25 || s.Stats[0].AvgMS != 6.8 {
		t.Errorf("first by count: %+v", s.Stats[0])
	}
	if r := runCLI(t, nil, false, "stats", "--sort", "colour", file); r.code != 2 || !strings.Contains(r.stderr, "--sort must be") {
		t.Errorf("bad --sort: %d %s", r.code, r.stderr)
	}
}

// list --format markdown is the trace list as a table for a job summary;
// a span name cannot add a column or markup.
func TestListMarkdownTable(t *testing.T) {
	golden.AssertNamed(t, "list/demo_md", runCLI(t, nil, false, "list", "--format", "markdown", repoFile("..", "source", "demo", "demo.jsonl")).stdout)

	p := filepath.Join(t.TempDir(), "pipe.json")
	os.WriteFile(p, []byte(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[`+
		`{"traceId":"00000000000000000000000000000001","spanId":"0000000000000001","name":"GET /a|b *c* [x](y)",`+
		`"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}]}]}]}`), 0o644)
	r := runCLI(t, nil, false, "list", "--format", "markdown", p)
	rows := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(rows) != 3 {
		t.Fatalf("exit %d, %d lines:\n%s%s", r.code, len(rows), r.stdout, r.stderr)
	}
	if !strings.Contains(rows[2], `api GET /a\|b \*c\* \[x\](y)`) || strings.Count(rows[2], "|")-strings.Count(rows[2], `\|`) != 7 {
		t.Errorf("the name is not escaped into one cell: %s", rows[2])
	}
}

// Piped, stats never cuts an operation name: two operations that differ
// only past the width print as two different rows. On a terminal names
// are cut to fit the screen.
func TestPipedStatsKeepsWholeNames(t *testing.T) {
	prefix := "SELECT orders.id, orders.total, orders.created_at, customers.name, customers.email FROM orders JOIN customers ON customers.id = orders.customer_id WHERE "
	names := []string{prefix + "orders.status = 'open'", prefix + "orders.status = 'paid'"}
	var spans []string
	for k, n := range names {
		spans = append(spans, fmt.Sprintf(`{"traceId":"00000000000000000000000000000001","spanId":"000000000000000%d","name":%q,`+
			`"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}`, k+1, n))
	}
	p := filepath.Join(t.TempDir(), "long.json")
	os.WriteFile(p, []byte(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"db"}}]},"scopeSpans":[{"spans":[`+
		strings.Join(spans, ",")+`]}]}]}`), 0o644)

	r := runCLI(t, nil, false, "stats", p)
	for _, n := range names {
		if !strings.Contains(r.stdout, "db "+n+" ") {
			t.Errorf("piped stats cut %q:\n%s", n, r.stdout)
		}
	}
	// A terminal is read by eye: names are cut to its width there.
	if tty := runCLI(t, nil, true, "stats", p); strings.Contains(tty.stdout, names[0]) {
		t.Errorf("on a 100-column terminal the name is not cut:\n%s", tty.stdout)
	}
}
