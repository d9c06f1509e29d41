package render

import (
	"runtime"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkRenderRows draws one 50-row frame at width 200 from a
// 1,000,000-span trace, at scattered offsets as a scrolling viewer would:
// the cost must not depend on the trace's size.
func BenchmarkRenderRows(b *testing.B) {
	const n = 1_000_000
	t := tracegen.RandomTrace(n, 1)
	tr := trace.Build(t)
	a := trace.Analyze(tr)
	opt := Options{Width: 200, Styles: DefaultStyles(true)}
	st := ViewState{HasSelection: true, Selected: tr.Order[500_000], Fold: true}
	l := NewLayout(tr, st, opt)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		top := (i * 7919) % (n - 50)
		for k := 0; k < 50; k++ {
			_ = RenderRow(tr, a, Row{Span: tr.Order[top+k]}, st, l, opt)
		}
	}
}

// BenchmarkWaterfall is print's eager walk: every row of a
// 1,000,000-span trace, drawn at width 120 and handed on line by line as
// print writes them. B/row is what each row allocates: garbage the
// collector must sweep while the whole trace is live.
func BenchmarkWaterfall(b *testing.B) {
	tr := trace.Build(tracegen.RandomTrace(1_000_000, 1))
	a := trace.Analyze(tr)
	opt := Options{Width: 120}
	b.ReportAllocs()
	b.ResetTimer()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	rows := 0
	for i := 0; i < b.N; i++ {
		eachWaterfallLine(tr, a, ViewState{}, opt, func([]byte) { rows++ })
	}
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(rows), "B/row")
}
