package main

import (
	"strings"
	"testing"
)

// caseFile is an input from testdata/cases (see CASES.md there).
func caseFile(name string) string { return repoFile("cases", name) }

// Kind: short and mixed trace IDs. A request whose spans carry the 128-bit
// ID in some services and its low 64 bits in others is one trace, found by
// either form of its ID; a 64-bit ID reads as its 16 hex digits.
func TestMixed64And128BitTraceIDsAreOneTrace(t *testing.T) {
	for _, c := range []struct {
		file, long, short, prefix string
		spans                     string
	}{
		{"07-jaeger-mixed-64-128-trace-id.json", "0c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5", "8e9fa0b1c2d3e4f5", "0c1d2e3f", "3 spans"},
		{"zipkin-mixed-64-128-trace-id.json", "463ac35c9f6413ad48485a3953bb6124", "48485a3953bb6124", "463AC35C", "4 spans"},
	} {
		t.Run(c.file, func(t *testing.T) {
			for _, id := range []string{c.long, c.short, c.prefix} {
				r := runCLI(t, nil, false, "print", "--width", "100", "--trace", id, caseFile(c.file))
				if r.code != 0 {
					t.Fatalf("--trace %s: exit %d: %s", id, r.code, r.stderr)
				}
				if !strings.Contains(r.stdout, "trace "+c.long) || !strings.Contains(r.stdout, c.spans) || strings.Count("\n"+r.stdout, "\ntrace ") != 1 {
					t.Errorf("--trace %s: want the one joined trace %s with %s:\n%s", id, c.long, c.spans, r.stdout)
				}
				if !strings.Contains(r.stdout, "carried only the low 64 bits of this trace ID and w") {
					t.Errorf("--trace %s: the join is not reported:\n%s", id, r.stdout)
				}
				if strings.Contains(r.stdout, "missing parent") {
					t.Errorf("--trace %s: a joined span still hangs under a placeholder:\n%s", id, r.stdout)
				}
			}
		})
	}
	r := runCLI(t, nil, false, "list", caseFile("zipkin-mixed-64-128-trace-id.json"))
	if !strings.Contains(r.stdout, "00000000000000a7 ") || strings.Contains(r.stdout, "000000000000000000000000000000a7") {
		t.Errorf("a 64-bit trace ID must read as its 16 hex digits:\n%s", r.stdout)
	}
}
