package main

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// analyzeAll builds and analyzes every trace, earliest first.
func analyzeAll(traces []*trace.Trace) []trace.Analyzed {
	return analyzeWith(traces, trace.FindOptions{})
}

// analyzeWith builds, analyzes and looks for findings, earliest first.
func analyzeWith(traces []*trace.Trace, fo trace.FindOptions) []trace.Analyzed {
	return analyzeReporting(traces, fo, false, nil)
}

// analyzeReporting is analyzeWith, with each trace's list line when the
// explorer asks (see summarized), telling done(k) every 500 traces and at
// the end, for a progress line.
func analyzeReporting(traces []*trace.Trace, fo trace.FindOptions, summaries bool, done func(int)) []trace.Analyzed {
	out := make([]trace.Analyzed, 0, len(traces))
	for k, t := range traces {
		if done != nil && k%500 == 0 {
			done(k)
		}
		a := analyzeOne(t, fo)
		if summaries {
			a = summarized(a)
		}
		out = append(out, a)
	}
	if done != nil {
		done(len(traces))
	}
	sortByStart(out)
	return out
}

func analyzeOne(t *trace.Trace, fo trace.FindOptions) trace.Analyzed {
	tr := trace.Build(t)
	a := trace.Analyze(tr)
	return trace.Analyzed{Tree: tr, Analysis: a, Findings: trace.Find(tr, a, fo)}
}

// summarized adds the trace's list line, so the explorer never summarizes
// thousands of traces on its UI loop. Call it off the UI loop.
func summarized(a trace.Analyzed) trace.Analyzed {
	if a.Summary == nil {
		sum := trace.Summarize(a.Tree, a.Analysis)
		a.Summary = &sum
	}
	return a
}

// sortByStart orders traces earliest first; ties by ID so the order is stable
// from one run (or one live update) to the next.
func sortByStart(out []trace.Analyzed) {
	slices.SortStableFunc(out, func(x, y trace.Analyzed) int {
		return startOrder(x.Tree.Start, x.Tree.Trace.DisplayID(), y.Tree.Start, y.Tree.Trace.DisplayID())
	})
}

// startOrder compares two traces by start, then by ID.
func startOrder(xStart int64, xID string, yStart int64, yID string) int {
	if c := cmp.Compare(xStart, yStart); c != 0 {
		return c
	}
	return strings.Compare(xID, yID)
}

// selectTraces keeps the traces whose ID starts with prefix (any case);
// an empty prefix keeps all. A prefix matching nothing is an error.
func selectTraces(traces []*trace.Trace, prefix string) ([]*trace.Trace, error) {
	if prefix == "" {
		return traces, nil
	}
	p := strings.ToLower(prefix)
	var out []*trace.Trace
	for _, t := range traces {
		if t.HasIDPrefix(p) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, errNoTrace(prefix, len(traces))
	}
	return out, nil
}
