package main

import (
	"bytes"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkExport encodes 100,000 generated spans (10 traces) in each
// format; the load and the analysis are outside the timing.
func BenchmarkExport(b *testing.B) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 100_000, Traces: 10, Seed: 1, ErrorRate: 0.05})
	res, err := load.All([]load.Input{{Name: "gen", Reader: &buf}}, load.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var sel []selection
	for _, t := range res.Traces {
		a := trace.AnalyzeOne(t, trace.PipelineOptions{})
		sel = append(sel, selection{t: a, spans: realSpans(a.Tree, a.Tree.Order)})
	}
	for _, to := range exportFormats {
		b.Run(to, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				out, _, err := encodeExport(to, sel)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(100_000/(b.Elapsed().Seconds()/float64(b.N)), "spans/s")
			b.ReportMetric(float64(n)/100_000, "B/span")
		})
	}
}
