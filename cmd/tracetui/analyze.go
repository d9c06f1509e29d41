package main

import (
	"slices"
	"strings"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// analyzeAll builds and analyzes every trace, earliest first.
func analyzeAll(traces []*trace.Trace) []render.Analyzed {
	return analyzeWith(traces, trace.FindOptions{})
}

// analyzeWith builds, analyzes and looks for findings (the TUI calls this
// from its loader, off the UI loop).
func analyzeWith(traces []*trace.Trace, fo trace.FindOptions) []render.Analyzed {
	return analyzeReporting(traces, fo, false, nil)
}

// analyzeReporting is analyzeWith, with each trace's list line when the
// explorer asks (see forExplorer), telling done(k) every 500 traces and at
// the end, for a progress line.
func analyzeReporting(traces []*trace.Trace, fo trace.FindOptions, summaries bool, done func(int)) []render.Analyzed {
	out := make([]render.Analyzed, 0, len(traces))
	for k, t := range traces {
		if done != nil && k%500 == 0 {
			done(k)
		}
		a := analyzeOne(t, fo)
		if summaries {
			a = forExplorer([]render.Analyzed{a})[0]
		}
		out = append(out, a)
	}
	if done != nil {
		done(len(traces))
	}
	sortByStart(out)
	return out
}

func analyzeOne(t *trace.Trace, fo trace.FindOptions) render.Analyzed {
	tr := trace.Build(t)
	a := trace.Analyze(tr)
	return render.Analyzed{Tree: tr, Analysis: a, Findings: trace.Find(tr, a, fo)}
}

// forExplorer adds each trace's list line, so the explorer never summarizes
// thousands of traces on its UI loop. Call it off the UI loop.
func forExplorer(all []render.Analyzed) []render.Analyzed {
	for k := range all {
		if all[k].Summary == nil {
			sum := trace.Summarize(all[k].Tree, all[k].Analysis)
			all[k].Summary = &sum
		}
	}
	return all
}

// sortByStart orders traces earliest first; ties by ID so the order is stable
// from one run (or one live update) to the next.
func sortByStart(out []render.Analyzed) {
	slices.SortStableFunc(out, func(x, y render.Analyzed) int {
		switch {
		case x.Tree.Start < y.Tree.Start:
			return -1
		case x.Tree.Start > y.Tree.Start:
			return 1
		}
		return strings.Compare(x.Tree.Trace.DisplayID(), y.Tree.Trace.DisplayID())
	})
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
		if strings.HasPrefix(strings.ToLower(t.DisplayID()), p) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, errNoTrace(prefix, len(traces))
	}
	return out, nil
}
