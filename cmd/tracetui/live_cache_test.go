package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// liveTraces makes n traces of `spans` spans each, trace k
// starting at k seconds, so the list order is known.
func liveTraces(n, spans int, startSpan int) []*trace.Trace {
	var out []*trace.Trace
	for k := 0; k < n; k++ {
		t := &trace.Trace{ID: trace.TraceID{byte(k + 1)}}
		for i := startSpan; i < startSpan+spans; i++ {
			s := trace.Span{TraceID: t.ID, SpanID: trace.SpanID{byte(i + 1), byte(k + 1)}, Name: fmt.Sprintf("op%d", i),
				Start: int64(k) * 1e9, End: int64(k)*1e9 + int64(i+1)*1e6}
			if i > 0 {
				s.ParentID = trace.SpanID{1, byte(k + 1)}
			}
			t.Spans = append(t.Spans, s)
		}
		out = append(out, t)
	}
	return out
}

func TestLiveCacheAnalyzesOnlyWhatChanged(t *testing.T) {
	store := receiver.NewStore(20)
	now := time.Unix(0, 0)
	store.Add(liveTraces(3, 5, 0), now)
	c := newLiveCache(trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
	got, n := c.update(store.Versions())
	if len(got) != 3 || n != 3 {
		t.Fatalf("first update: %d traces, %d analyzed; want 3 and 3", len(got), n)
	}
	first := got[0].Tree

	store.Add(liveTraces(2, 3, 5)[1:], now) // three more spans for the second trace
	got, n = c.update(store.Versions())
	if n != 1 || len(got) != 3 {
		t.Fatalf("one trace changed: %d analyzed (want 1), %d traces", n, len(got))
	}
	if got[0].Tree != first {
		t.Error("an unchanged trace should keep its analysis")
	}
	if got[1].Tree.Len() != 8 || len(got[1].Tree.Roots) != 1 {
		t.Errorf("the changed trace has %d spans in %d roots, want 8 in 1", got[1].Tree.Len(), len(got[1].Tree.Roots))
	}

	store.Add(liveTraces(4, 5, 0)[3:], now) // 23 spans > 20: the oldest trace goes
	got, n = c.update(store.Versions())
	if n != 1 || len(got) != 3 || got[0].Tree.Trace.ID != (trace.TraceID{2}) {
		t.Errorf("after eviction: %d traces, first %v, %d analyzed", len(got), got[0].Tree.Trace.ID, n)
	}
	if _, ok := c.seen[trace.TraceID{1}]; ok {
		t.Error("an evicted trace stays in the cache")
	}
}
