package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// jsonReport runs print --format json and decodes the fields the timing
// definitions are about.
type pathEntry struct {
	Name   string  `json:"name"`
	PathMS float64 `json:"path_ms"`
	SelfMS float64 `json:"self_ms"`
}

type timingReport struct {
	Traces []struct {
		Start      string  `json:"start"`
		DurationMS float64 `json:"duration_ms"`
		Bottleneck *struct {
			Name   string  `json:"name"`
			PathMS float64 `json:"path_ms"`
			SelfMS float64 `json:"self_ms"`
		} `json:"bottleneck"`
		CriticalPath []pathEntry `json:"critical_path"`
		Warnings     []string    `json:"warnings"`
		Findings     []struct {
			Kind    string `json:"kind"`
			Summary string `json:"summary"`
		} `json:"findings"`
	} `json:"traces"`
}

func jsonReport(t *testing.T, file string) timingReport {
	t.Helper()
	r := runCLI(t, nil, false, "print", "--format", "json", file)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep timingReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report does not decode: %v\n%s", err, r.stdout)
	}
	return rep
}

func printText(t *testing.T, file string) string {
	t.Helper()
	r := runCLI(t, nil, false, "print", "--width", "120", file)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	return r.stdout
}

// Kind 2: each critical-path entry carries its time on the path, entries
// add up to the path's length, the bottleneck is the entry holding the
// most of it, shown with that time and its self time.
func TestCriticalPathEntriesCarryTheirTimeOnThePath(t *testing.T) {
	for _, c := range []struct {
		file, bottleneckLine string
		path                 []pathEntry
	}{
		{"09-otlp-child-overflows-parent-both-sides.json",
			"bottleneck: api handle 30.0 ms on the critical path of 50.0 ms (60%), self 30.0 ms",
			[]pathEntry{{"handle", 30, 30}, {"call db", 0, 0}, {"query", 20, 35}}},
		{"04-zipkin-orphan-in-complete-trace.json",
			"bottleneck: mailer send email 300 ms on the critical path of 450 ms (67%), self 300 ms",
			[]pathEntry{{"get /profile", 50, 100}, {"load profile", 100, 100}, {"send email", 300, 300}}},
		// Made for tracetui: SELECT stock starts 10 ms before its parent;
		// clipped, it holds 25 ms of the path, less than the root's 30.
		{"jaeger-child-overflows-parent-left.json",
			"bottleneck: orders GET /orders 30.0 ms on the critical path of 70.0 ms (43%), self 30.0 ms",
			[]pathEntry{{"GET /orders", 30, 30}, {"call inventory", 15, 15}, {"SELECT stock", 25, 35}}},
	} {
		t.Run(c.file, func(t *testing.T) {
			rep := jsonReport(t, caseFile(c.file))
			tr := rep.Traces[0]
			if len(tr.CriticalPath) != len(c.path) {
				t.Fatalf("critical path %+v, want %+v", tr.CriticalPath, c.path)
			}
			sum := 0.0
			for k, e := range tr.CriticalPath {
				if e != c.path[k] {
					t.Errorf("entry %d = %+v, want %+v", k, e, c.path[k])
				}
				sum += e.PathMS
			}
			if sum != tr.DurationMS {
				t.Errorf("entries add up to %v ms, the path is %v ms", sum, tr.DurationMS)
			}
			if text := printText(t, caseFile(c.file)); !strings.Contains(text, c.bottleneckLine+"\n") {
				t.Errorf("print lacks %q:\n%s", c.bottleneckLine, text)
			}
		})
	}
	// 04: the orphan hangs under a placeholder, with a warning.
	text := printText(t, caseFile("04-zipkin-orphan-in-complete-trace.json"))
	if !strings.Contains(text, "missing parent deadbeefcafe0001") || !strings.Contains(text, "1 span whose parent never arrived") {
		t.Errorf("the orphan's placeholder or warning is missing:\n%s", text)
	}
}

// On generated traces (go run ./internal/cmd/tracegen -spans 200 -traces 1
// is seed 1) the bottleneck named is the path entry with the most time on
// the path, and the entries add up to the path: the trace's duration, as
// a generated tree nests every span in its parent.
func TestBottleneckIsTheEntryWithTheMostOfThePathOnGeneratedTraces(t *testing.T) {
	dir := t.TempDir()
	for seed := uint64(1); seed <= 20; seed++ {
		var buf bytes.Buffer
		if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 200, Traces: 1, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "gen.jsonl")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		tr := jsonReport(t, file).Traces[0]
		best, sum := pathEntry{}, 0.0
		for _, e := range tr.CriticalPath {
			sum += e.PathMS
			if e.PathMS > best.PathMS {
				best = e
			}
		}
		if tr.Bottleneck == nil || tr.Bottleneck.PathMS != best.PathMS || tr.Bottleneck.PathMS > tr.Bottleneck.SelfMS {
			t.Errorf("seed %d: bottleneck %+v, but %+v holds the most of the path", seed, tr.Bottleneck, best)
		}
		if math.Abs(sum-tr.DurationMS) > 1e-6 {
			t.Errorf("seed %d: entries add up to %v ms, the trace lasts %v ms", seed, sum, tr.DurationMS)
		}
	}
}

// Kind 4: spans with no start, no end or an end before the start are kept
// and marked, make no clock skew, and show no 1970 date or negative offset.
func TestUntimedSpansAreShownAsSuch(t *testing.T) {
	for _, c := range []struct {
		file    string
		marked  []string // row texts, each with its mark
		warning string
		path    []string
	}{
		{"12-zipkin-missing-timestamps.json",
			[]string{"frontend flush ⚠ no start time", "renderer post /render ⚠ no start time"},
			"2 spans have no start time", []string{"get /report", "post /render"}},
		{"14-otlp-end-before-start.json",
			[]string{"scheduler sleep ⚠ ends before it starts"}, "1 span ends before it starts", []string{"tick", "persist"}},
		// Made for tracetui: startTimeUnixNano 0 two levels down, above a
		// timed child that still counts inside the nearest timed ancestor.
		{"otlp-deep-span-without-start.json",
			[]string{"web render ⚠ no start time"}, "1 span has no start time", []string{"handle", "process", "template", "render"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			text := printText(t, caseFile(c.file))
			for _, m := range append(c.marked, "⚠ "+c.warning, "2026-11-20T10:00:00.000Z · ") {
				if !strings.Contains(text, m) {
					t.Errorf("print lacks %q:\n%s", m, text)
				}
			}
			for _, bad := range []string{"clock skew", "1970", "+-", "h00m"} {
				if strings.Contains(text, bad) {
					t.Errorf("print shows %q:\n%s", bad, text)
				}
			}
			var names []string
			for _, e := range jsonReport(t, caseFile(c.file)).Traces[0].CriticalPath {
				names = append(names, e.Name)
			}
			if strings.Join(names, ",") != strings.Join(c.path, ",") {
				t.Errorf("critical path %v, want %v", names, c.path)
			}
		})
	}
}

// stats counts untimed spans apart: case 14's sleep is 1 timed span of
// 10.0 ms (avg, min, max) and 1 untimed, never a 0 ns minimum or a 5 ms mean.
func TestStatsLeaveUntimedSpansOutOfTheTimes(t *testing.T) {
	r := runCLI(t, nil, false, "stats", "--format", "json", caseFile("14-otlp-end-before-start.json"))
	var all struct{ Stats []map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var sleep map[string]any
	for _, s := range all.Stats {
		if s["operation"] == "sleep" {
			sleep = s
		}
	}
	if sleep == nil || sleep["count"] != 2.0 || sleep["untimed"] != 1.0 || sleep["avg_ms"] != 10.0 || sleep["min_ms"] != 10.0 || sleep["max_ms"] != 10.0 || sleep["p50_ms"] != 10.0 {
		t.Errorf("sleep = %v, want count 2, untimed 1, avg/min/max/p50 10 ms", sleep)
	}
	text := runCLI(t, nil, false, "stats", "--width", "120", caseFile("12-zipkin-missing-timestamps.json")).stdout
	row := regexp.MustCompile(`(?m)^frontend flush\s+1\s+1(\s+-){8}\s+0$`)
	if !strings.Contains(text, " UNTIMED ") || !row.MatchString(text) {
		t.Errorf("flush must count as 1 untimed span with no times:\n%s", text)
	}
}

// Kind 7: findings only where true. Made for tracetui: three calls to one
// service (different operations) one after another are no "sequential"
// finding; an N+1 run overflowing its 271 µs parent is measured inside it;
// a run with no end times reports nothing (never "0 ns of 0 ns").
func TestFindingsOnlyWhereTrue(t *testing.T) {
	text := printText(t, caseFile("zipkin-sequential-calls-one-service.json"))
	if strings.Contains(text, "sequential") {
		t.Errorf("calls to one service reported as sequential:\n%s", text)
	}
	text = printText(t, caseFile("otlp-nplus1-overflows-parent.json"))
	for _, want := range []string{
		`N+1        cart load cart → 6 × "SELECT item" sequential, 271 µs of 271 µs (max 129 µs each)`,
		"cart SELECT item ×6 (271 µs total,",
		"cart fetch ×5 (untimed)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("print lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "0 ns of 0 ns") || strings.Contains(text, "774 µs of") || strings.Contains(text, "0 ns total") {
		t.Errorf("a finding measured outside its parent or on untimed spans:\n%s", text)
	}
}
