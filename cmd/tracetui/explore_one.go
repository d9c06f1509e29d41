package main

import (
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// firstFrame analyzes the one trace the explorer opens at once as far as
// its first frame needs (trace.AnalyzeFolded): the rest of its findings,
// which cost as much as its tree and analysis together, the explorer
// completes off its UI loop once the trace is on screen (Loaded.Find).
func firstFrame(t *trace.Trace, opt trace.PipelineOptions, warnings []string) tui.Loaded {
	if opt.Progress != nil {
		opt.Progress(0, 1)
	}
	a, find := trace.AnalyzeFolded(t, opt)
	if opt.Progress != nil {
		opt.Progress(1, 1)
	}
	return tui.Loaded{Traces: []trace.Analyzed{a}, Warnings: warnings, Find: find}
}
