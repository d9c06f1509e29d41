package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A span with no end in B is untimed: the trace diff shows "?" and
// "untimed" for it, as print does, never "0 ns" and "−100%", and a
// --changed view does not count it as a change.
func TestTraceDiffUntimedSpanIsNotZero(t *testing.T) {
	a, b := repoFile("diff", "t_base.jsonl"), repoFile("diff", "t_untimed.jsonl")
	res := runCLI(t, nil, false, "diff", "--width", "100", a, b)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var row string
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.Contains(l, "db SELECT order") {
			row = l
		}
	}
	if !strings.Contains(row, "?") || !strings.Contains(row, "untimed") || strings.Contains(row, "0 ns") ||
		strings.Contains(row, "100%") {
		t.Errorf("untimed row reads %q; want ? and untimed, no 0 ns or −100%%", row)
	}
	js := runCLI(t, nil, false, "diff", "--format", "json", a, b)
	if !strings.Contains(js.stdout, `"change": "untimed"`) || !strings.Contains(js.stdout, `"duration_ms": null`) {
		t.Errorf("json has no untimed row with a null duration:\n%s", js.stdout)
	}
}

// B's SELECT order started at 20 ms and has no end: GET /order's time
// after that, where no timed child ran, may be the SELECT's. Its self time
// in B is no measurement, so the diff says "?" for its self change, never
// "+40.0 ms (self)" (the SELECT's time handed to its parent) or a drop;
// and with nothing else changed it does not claim "nothing changed".
func TestTraceDiffSelfTimeAfterAnUnendedSpanIsNotCompared(t *testing.T) {
	a, b := repoFile("diff", "t_base.jsonl"), repoFile("diff", "t_untimed.jsonl")
	res := runCLI(t, nil, false, "diff", "--width", "100", a, b)
	if !strings.Contains(res.stdout, "B takes as long as A (200 ms): nothing changed that both timed (1 row not compared)\n") {
		t.Errorf("verdict:\n%s", res.stdout)
	}
	var row string
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.Contains(l, "api GET /order") {
			row = l
		}
	}
	if !strings.HasSuffix(strings.TrimRight(row, " "), " ?") || strings.Contains(res.stdout, "(self)") {
		t.Errorf("GET /order's self change reads %q, want ?:\n%s", row, res.stdout)
	}
	var js struct {
		Rows []struct {
			Name         string   `json:"name"`
			SelfChangeMS *float64 `json:"self_change_ms"`
			ChangeMS     *float64 `json:"change_ms"`
		} `json:"rows"`
	}
	decode(t, runCLI(t, nil, false, "diff", "--format", "json", a, b).stdout, &js)
	for _, r := range js.Rows {
		if r.Name == "GET /order" && (r.SelfChangeMS != nil || r.ChangeMS == nil || *r.ChangeMS != 0) {
			t.Errorf("GET /order: self change %v, change %v; want null and 0", r.SelfChangeMS, r.ChangeMS)
		}
	}
}

// A trace or an operation with no timed span has no time: JSON says null,
// not 0, which a script would average in as a measurement.
func TestJSONUntimedIsNull(t *testing.T) {
	path := repoFile("list", "untimed.jsonl")
	var list struct {
		Traces []struct {
			TraceID    string   `json:"trace_id"`
			DurationMS *float64 `json:"duration_ms"`
		} `json:"traces"`
	}
	decode(t, runCLI(t, nil, false, "list", "--format", "json", path).stdout, &list)
	if len(list.Traces) != 2 || list.Traces[0].DurationMS != nil || list.Traces[1].DurationMS == nil {
		t.Errorf("list json = %+v; want the untimed trace's duration null, the other's set", list.Traces)
	}
	var stats struct {
		Stats []struct {
			Operation string   `json:"operation"`
			Untimed   int      `json:"untimed"`
			Count     int      `json:"count"`
			P50MS     *float64 `json:"p50_ms"`
			TotalMS   *float64 `json:"total_ms"`
		} `json:"stats"`
	}
	decode(t, runCLI(t, nil, false, "stats", "--by", "operation", "--format", "json", path).stdout, &stats)
	nulls := 0
	for _, s := range stats.Stats {
		if s.Untimed == s.Count && (s.P50MS != nil || s.TotalMS != nil) {
			t.Errorf("%s: all %d untimed but p50 %v total %v; want null", s.Operation, s.Count, s.P50MS, s.TotalMS)
		}
		if s.P50MS == nil {
			nulls++
		}
	}
	if nulls == 0 {
		t.Errorf("no operation with null times in %+v", stats.Stats)
	}
}

func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("%v in %s", err, s)
	}
}
