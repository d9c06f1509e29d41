package trace

import "testing"

func TestCollectorKeepsOrderAndFitsEachTrace(t *testing.T) {
	c := NewCollector()
	sizes := map[byte]int{1: 10_000, 2: 3, 3: 1}
	// Interleave the traces as a shuffled file would.
	for k := 0; k < 10_000; k++ {
		for id := byte(1); id <= 3; id++ {
			if k < sizes[id] {
				c.Add(&Span{TraceID: TraceID{id}, Start: int64(k)})
			}
		}
	}
	if got := c.SpanCount(); got != 10_004 {
		t.Fatalf("SpanCount before Traces = %d", got)
	}
	traces := c.Traces()
	if len(traces) != 3 {
		t.Fatalf("%d traces", len(traces))
	}
	for _, tr := range traces {
		n := sizes[tr.ID[0]]
		if len(tr.Spans) != n || cap(tr.Spans) != n {
			t.Errorf("trace %d: %d spans in room for %d, want %d in %d", tr.ID[0], len(tr.Spans), cap(tr.Spans), n, n)
		}
		for k, s := range tr.Spans {
			if s.Start != int64(k) {
				t.Fatalf("trace %d: span %d is span %d of the input", tr.ID[0], k, s.Start)
			}
		}
	}
	// Spans that arrive after Traces (a second file) join their trace.
	c.Add(&Span{TraceID: TraceID{2}, Start: 3})
	if tr := c.Traces()[1]; len(tr.Spans) != 4 || tr.Spans[3].Start != 3 || c.SpanCount() != 10_005 {
		t.Errorf("late span: trace 2 has %d spans", len(tr.Spans))
	}
}

func TestCollectorBigTraceGrowsInOnePiece(t *testing.T) {
	if testing.Short() {
		t.Skip("collects 300,000 spans")
	}
	c := NewCollector()
	n := bigTrace + 40_000
	for k := 0; k < n; k++ {
		c.Add(&Span{TraceID: TraceID{1}, Start: int64(k)})
		if k == 10 {
			c.Add(&Span{TraceID: TraceID{2}}) // a small trace in between
		}
	}
	tr := c.Traces()[0]
	if len(tr.Spans) != n || cap(tr.Spans) < n {
		t.Fatalf("%d spans, room for %d", len(tr.Spans), cap(tr.Spans))
	}
	for k := range tr.Spans {
		if tr.Spans[k].Start != int64(k) {
			t.Fatalf("span %d out of order", k)
		}
	}
	if c.Traces()[1].Spans[0].TraceID != (TraceID{2}) {
		t.Error("the small trace lost its span")
	}
}
