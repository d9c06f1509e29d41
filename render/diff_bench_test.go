package render

import (
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// BenchmarkTraceDiff100k is the whole trace diff after loading: analysis
// with findings of two 100,000-span traces, alignment and every text row.
// Issue 18: under 1 s.
func BenchmarkTraceDiff100k(b *testing.B) {
	ta, tb := tracegen.RandomTrace(100_000, 1), tracegen.RandomTrace(100_000, 2)
	opt := trace.PipelineOptions{Steps: trace.StepFindings}
	for i := 0; i < b.N; i++ {
		d := diff.Align(trace.AnalyzeOne(ta, opt), trace.AnalyzeOne(tb, opt))
		lines := TraceDiffLines(d, DiffView{}, Options{Width: 120, Styles: DefaultStyles(true)})
		if len(lines) < 100_000 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}
