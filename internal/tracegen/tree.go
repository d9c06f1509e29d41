package tracegen

import (
	"fmt"
	"math/rand/v2"

	"github.com/tracetui/tracetui/trace"
)

// RandomTrace builds an n-span trace in memory for benchmarks that start
// from the model: a random recursive tree over 20 services, times nested
// in parents, one span in 500 an error.
func RandomTrace(n int, seed uint64) *trace.Trace {
	r := rand.New(rand.NewPCG(seed, 7))
	t := &trace.Trace{Spans: make([]trace.Span, n)}
	res := make([]*trace.Resource, services)
	for k := range res {
		res[k] = &trace.Resource{Service: fmt.Sprintf("service-%02d", k)}
	}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[0], s.SpanID[1], s.SpanID[2], s.SpanID[3], s.SpanID[4] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i), 1
		s.Name = spanName(i % names)
		s.Resource = res[r.IntN(services)]
		if r.IntN(500) == 0 {
			s.Status = trace.StatusError
		}
		if i == 0 {
			s.Start, s.End = base, base+1e12
			continue
		}
		p := &t.Spans[r.IntN(i)]
		s.ParentID = p.SpanID
		s.Start = p.Start + r.Int64N(max(p.End-p.Start, 1))
		s.End = s.Start + r.Int64N(max(p.End-s.Start, 1))
	}
	return t
}
