package render

import (
	"math/rand/v2"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// BenchmarkRenderRows draws one 50-row frame at width 200 from a
// 1,000,000-span trace, at scattered offsets as a scrolling viewer would:
// the cost must not depend on the trace's size.
func BenchmarkRenderRows(b *testing.B) {
	const n = 1_000_000
	r := rand.New(rand.NewPCG(1, 2))
	t := &trace.Trace{Spans: make([]trace.Span, n)}
	services := make([]*trace.Resource, 20)
	for k := range services {
		services[k] = &trace.Resource{Service: "service-" + string(rune('a'+k))}
	}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[0], s.SpanID[1], s.SpanID[2], s.SpanID[3], s.SpanID[4] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i), 1
		s.Name = "operation name"
		s.Resource = services[r.IntN(20)]
		if i == 0 {
			s.Start, s.End = 0, 1e12
			continue
		}
		p := &t.Spans[r.IntN(i)]
		s.ParentID = p.SpanID
		s.Start = p.Start + r.Int64N(max(p.End-p.Start, 1))
		s.End = s.Start + r.Int64N(max(p.End-s.Start, 1))
	}
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
