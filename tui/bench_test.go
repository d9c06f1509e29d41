package tui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// bigTrace is a random recursive tree of n spans over 20 services.
func bigTrace(n int) render.Analyzed {
	r := rand.New(rand.NewPCG(7, 7))
	t := &trace.Trace{Spans: make([]trace.Span, n)}
	res := make([]*trace.Resource, 20)
	for k := range res {
		res[k] = &trace.Resource{Service: fmt.Sprintf("service-%02d", k)}
	}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[0], s.SpanID[1], s.SpanID[2], s.SpanID[3], s.SpanID[4] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i), 1
		s.Name = fmt.Sprintf("operation %d", i%200)
		s.Resource = res[r.IntN(20)]
		if r.IntN(500) == 0 {
			s.Status = trace.StatusError
		}
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
	return render.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
}

// BenchmarkKeypress is Update plus View at 200x50 for one keypress on the
// open trace: the same on 100 spans as on a million.
func BenchmarkKeypress(b *testing.B) {
	for _, n := range []int{100, 1_000_000} {
		big := bigTrace(n)
		for _, k := range []string{"j", "space", "n", "pgdown"} {
			b.Run(fmt.Sprintf("spans=%d/key=%s", n, k), func(b *testing.B) {
				m := drive(b, New([]render.Analyzed{big}, Options{}), 200, 50, "/", "type:operation 7", "enter")
				var tm tea.Model = m
				msg := keyMsg(k)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					tm, _ = tm.Update(msg)
					_ = tm.View()
				}
			})
		}
	}
}

// BenchmarkFirstFrame is building and analyzing a 100,000-span trace, the
// explorer's set-up and its first frame (decoding is measured in source).
func BenchmarkFirstFrame(b *testing.B) {
	t := bigTrace(100_000).Tree.Trace
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr := trace.Build(t)
		m := New([]render.Analyzed{{Tree: tr, Analysis: trace.Analyze(tr)}}, Options{})
		var tm tea.Model = m
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
		_ = tm.View()
	}
}
