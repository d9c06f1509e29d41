package trace

import (
	"cmp"
	"slices"
	"strings"
)

// Step is an optional step of the pipeline; Build and Analyze always run.
type Step uint8

const (
	// StepFindings runs Find with PipelineOptions.Find. It costs about as
	// much as Build and Analyze together, so list lines, statistics and
	// the service map go without.
	StepFindings Step = 1 << iota
	// StepSummary makes the trace's list line (Analyzed.Summary), so the
	// explorer never summarizes thousands of traces on its UI loop.
	StepSummary
)

// PipelineOptions say which optional steps run and how progress is told.
type PipelineOptions struct {
	Steps    Step        // optional steps, or'ed; 0: build and analyze only
	Find     FindOptions // for StepFindings
	Progress func(done, total int)
}

// progressEvery is how many traces pass between two progress reports:
// often enough for a progress line, rare enough to cost nothing.
const progressEvery = 500

// AnalyzeAll runs the pipeline on every trace, earliest first (ties by
// display ID). It tells opt.Progress (when set) done = 0 first, then every
// 500 traces, then done = total. Every result is kept: a caller that wants
// one trace at a time in flat memory calls AnalyzeOne in its own loop.
func AnalyzeAll(traces []*Trace, opt PipelineOptions) []Analyzed {
	out := make([]Analyzed, 0, len(traces))
	for k, t := range traces {
		if opt.Progress != nil && k%progressEvery == 0 {
			opt.Progress(k, len(traces))
		}
		out = append(out, AnalyzeOne(t, opt))
	}
	if opt.Progress != nil {
		opt.Progress(len(traces), len(traces))
	}
	SortByStart(out)
	return out
}

// AnalyzeOne builds t's tree, analyzes it and runs opt.Steps. opt.Progress
// is not called.
func AnalyzeOne(t *Trace, opt PipelineOptions) Analyzed {
	tr := Build(t)
	a := Analyzed{Tree: tr, Analysis: Analyze(tr)}
	if opt.Steps&StepFindings != 0 {
		a.Findings = Find(tr, a.Analysis, opt.Find)
	}
	if opt.Steps&StepSummary != 0 {
		sum := Summarize(tr, a.Analysis)
		a.Summary = &sum
	}
	return a
}

// SortByStart orders traces earliest first, ties by display ID, so the
// order is the same from one run (or one live update) to the next.
func SortByStart(all []Analyzed) {
	slices.SortStableFunc(all, func(x, y Analyzed) int {
		return startOrder(x.Tree.Start, x.Tree.Trace.DisplayID(), y.Tree.Start, y.Tree.Trace.DisplayID())
	})
}

// CompareStart is SortByStart's order for list lines.
func CompareStart(x, y Summary) int {
	return startOrder(x.Start, x.ID, y.Start, y.ID)
}

func startOrder(xStart int64, xID string, yStart int64, yID string) int {
	if c := cmp.Compare(xStart, yStart); c != 0 {
		return c
	}
	return strings.Compare(xID, yID)
}
