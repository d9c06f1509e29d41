package diff

import (
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkAlign100k aligns two different 100,000-span traces (analysis
// and findings done beforehand, as the command does once per side).
func BenchmarkAlign100k(b *testing.B) {
	opt := trace.PipelineOptions{Steps: trace.StepFindings}
	x := trace.AnalyzeOne(tracegen.RandomTrace(100_000, 1), opt)
	y := trace.AnalyzeOne(tracegen.RandomTrace(100_000, 2), opt)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := Align(x, y)
		_ = d.Verdict(Threshold{})
	}
}
