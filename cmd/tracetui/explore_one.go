package main

import (
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// firstFrame analyzes the one trace the explorer opens at once as far as
// its first frame needs: tree, analysis, list line and the runs its
// waterfall folds (trace.Fold). The rest of its findings, which cost as
// much as the tree and the analysis together, the explorer completes off
// its UI loop once the trace is on screen (Loaded.Find).
func firstFrame(t *trace.Trace, opt trace.PipelineOptions, warnings []string) tui.Loaded {
	if opt.Progress != nil {
		opt.Progress(0, 1)
	}
	a := trace.AnalyzeOne(t, trace.PipelineOptions{Steps: opt.Steps &^ trace.StepFindings})
	var find func() *trace.Findings
	if opt.Steps&trace.StepFindings != 0 {
		folds := trace.Fold(a.Tree, opt.Find)
		a.Findings = folds
		find = func() *trace.Findings { return folds.Complete(a.Tree, a.Analysis, opt.Find) }
	}
	if opt.Progress != nil {
		opt.Progress(1, 1)
	}
	return tui.Loaded{Traces: []trace.Analyzed{a}, Warnings: warnings, Find: find}
}
