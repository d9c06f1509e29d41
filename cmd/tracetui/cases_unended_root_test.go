package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A root that started at 0 ms and never ended (made for tracetui): the
// trace starts at the root's start, not at its first ended child (20 ms),
// and its duration is only a lower bound, worded so in every view and
// never compared as a duration by diff. Before, print said .020Z and
// 10.0 ms, and diff "B is 5.00 ms faster".
func TestUnendedRootOpensTheTrace(t *testing.T) {
	a, b := repoFile("otlp", "unended-root-a.json"), repoFile("otlp", "unended-root-b.json")
	nested := repoFile("otlp", "unended-nested.json")
	for _, c := range []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"print", []string{"print", "--width", "120", a},
			[]string{"2023-11-14T22:13:20.000Z · at least 30.0 ms · 3 spans",
				"unknown: 20.0 ms of the critical path of 30.0 ms (67%), after api root started (no end time)"},
			[]string{".020Z", "· 10.0 ms ·", "· 30.0 ms ·"}},
		// Nested ended children; "prepare" never ended and started first.
		{"print nested", []string{"print", "--width", "120", nested},
			[]string{"2023-11-14T22:13:20.000Z · at least 80.0 ms · 5 spans",
				"unknown: 30.0 ms of the critical path of 80.0 ms (38%), after batch prepare started (no end time)"},
			[]string{".010Z", ".020Z"}},
		{"print markdown", []string{"print", "--format", "markdown", nested},
			[]string{"at least 80.0 ms · 5 spans · 1 service · 0 errors · started 2023-11-14T22:13:20.000Z"}, nil},
		{"print json", []string{"print", "--format", "json", a},
			[]string{`"duration_ms": null,`, `"duration_at_least_ms": 30,`}, nil},
		{"list", []string{"list", "--width", "120", a, nested},
			[]string{"2023-11-14T22:13:20.000Z  ≥30.0 ms", "2023-11-14T22:13:20.000Z  ≥80.0 ms"}, []string{".020Z"}},
		{"list ascii", []string{"list", "--ascii", "--width", "120", a}, []string{">=30.0 ms"}, nil},
		{"list json", []string{"list", "--format", "json", a},
			[]string{`"duration_ms": null,`, `"duration_at_least_ms": 30,`}, nil},
		{"diff", []string{"diff", "--width", "120", a, b},
			[]string{"B's duration cannot be compared with A's (at least 30.0 ms → at least 25.0 ms)",
				"A trace 13131313131313131313131313131313 · api root · at least 30.0 ms"},
			[]string{"faster", "slower", "20.020Z"}},
		{"diff json", []string{"diff", "--format", "json", a, b},
			[]string{`"change_ms": null,`, `"duration_at_least_ms": 25,`}, []string{"faster"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, false, c.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, n := range c.not {
				if strings.Contains(r.stdout, n) {
					t.Errorf("output has %q:\n%s", n, r.stdout)
				}
			}
		})
	}
}

// The run form of diff counts a trace whose end is open as having no
// duration: its lower bound never enters the traces' percentiles. Before,
// it read "traces p50 10.0 ms → 5.00 ms (−50%)".
func TestRunDiffLeavesOpenTracesOutOfDurations(t *testing.T) {
	run := func(name string, files ...string) string {
		var all []byte
		for _, f := range files {
			b, err := os.ReadFile(repoFile("otlp", f))
			if err != nil {
				t.Fatal(err)
			}
			all = append(append(all, bytes.TrimSpace(b)...), '\n')
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, all, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := run("a.jsonl", "unended-root-a.json", "unended-nested.json")
	b := run("b.jsonl", "unended-root-b.json", "unended-nested.json")
	r := runCLI(t, nil, false, "diff", "--width", "120", a, b)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "traces p50 ? → ?") {
		t.Errorf("run diff compares lower bounds as durations:\n%s", r.stdout)
	}
}
