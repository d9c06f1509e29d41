package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

func TestPrintFoldsRepeatsAndListsFindings(t *testing.T) {
	file := repoFile("findings", "checkout_findings.jsonl")
	r := runCLI(t, nil, false, "print", "--width", "120", file)
	golden.AssertNamed(t, "print/findings_w120", r.stdout)
	if n := strings.Count(r.stdout, "SELECT items"); n != 2 { // the folded row and the N+1 line
		t.Errorf("folded print shows SELECT items %d times", n)
	}
	r = runCLI(t, nil, false, "print", "--width", "120", "--no-fold", file)
	if n := strings.Count(r.stdout, "SELECT items"); n != 26 {
		t.Errorf("--no-fold shows SELECT items %d times, want 25 rows + the finding", n)
	}
	r = runCLI(t, nil, false, "print", "--width", "120", "--repeat-threshold", "30", file)
	if strings.Contains(r.stdout, "N+1") || strings.Contains(r.stdout, "×25") {
		t.Error("25 calls fold or report with --repeat-threshold 30")
	}
}

func TestFindingsInTheJSONReport(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--format", "json", repoFile("findings", "checkout_findings.jsonl"))
	var rep struct {
		Traces []struct {
			Findings []struct {
				Kind    string   `json:"kind"`
				Summary string   `json:"summary"`
				SpanIDs []string `json:"span_ids"`
				MS      float64  `json:"ms"`
			} `json:"findings"`
		} `json:"traces"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range rep.Traces[0].Findings {
		got[f.Kind] = true
		if f.Summary == "" || len(f.SpanIDs) == 0 {
			t.Errorf("finding without words or spans: %+v", f)
		}
		if f.Kind == "N+1" && (f.MS != 170 || len(f.SpanIDs) != 8) {
			t.Errorf("N+1 ms %v, %d span IDs (the first 8 of 25)", f.MS, len(f.SpanIDs))
		}
	}
	for _, k := range []string{"N+1", "duplicate", "cycle", "gap"} {
		if !got[k] {
			t.Errorf("no %s finding in %v", k, got)
		}
	}
}
