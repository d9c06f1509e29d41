package receiver

import (
	"testing"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// hi128 and low64 are one request's trace ID as a 128-bit root and as a
// 64-bit client (the same low half) write it.
var (
	hi128 = trace.TraceID{0x46, 0x3a, 0xc3, 0x5c, 0x9f, 0x64, 0x13, 0xad, 1, 2, 3, 4, 5, 6, 7, 8}
	low64 = trace.TraceID{8: 1, 9: 2, 10: 3, 11: 4, 12: 5, 13: 6, 14: 7, 15: 8}
)

func oneSpan(id trace.TraceID, span, parent byte) []*trace.Trace {
	s := trace.Span{TraceID: id, SpanID: trace.SpanID{7: span}, Start: 1, End: 2, Name: "s"}
	if parent != 0 {
		s.ParentID = trace.SpanID{7: parent}
	}
	return []*trace.Trace{{ID: id, Spans: []trace.Span{s}}}
}

// A 64-bit child and its 128-bit root are one trace live, whichever comes
// first, as print shows them from the --save file (Collector.Traces).
func TestLive64BitSpansJoinTheir128BitTrace(t *testing.T) {
	now := time.Unix(1, 0)
	for name, batches := range map[string][][]*trace.Trace{
		"root first":   {oneSpan(hi128, 1, 0), oneSpan(low64, 2, 1)},
		"child first":  {oneSpan(low64, 2, 1), oneSpan(hi128, 1, 0)},
		"two children": {oneSpan(low64, 2, 1), oneSpan(hi128, 1, 0), oneSpan(low64, 3, 1)},
	} {
		st := NewStore(0)
		for _, b := range batches {
			st.Add(b, now)
		}
		vs := st.Versions()
		if len(vs) != 1 || vs[0].Trace.ID != hi128 || st.Stats().Traces != 1 {
			t.Fatalf("%s: %d traces (stats %d), want the 128-bit one", name, len(vs), st.Stats().Traces)
		}
		tr := vs[0].Trace
		if len(tr.Spans) != len(batches) || tr.Joined64 != len(batches)-1 {
			t.Errorf("%s: %d spans, %d joined", name, len(tr.Spans), tr.Joined64)
		}
		tree := trace.Build(tr)
		if tree.NamingSpan() < 0 || tree.Span(tree.NamingSpan()).SpanID != (trace.SpanID{7: 1}) || len(tree.Warnings) != 1 || tree.Warnings[0].Kind != trace.WarnJoined64 {
			t.Errorf("%s: tree warnings %+v, want the root found and only the join said", name, tree.Warnings)
		}
	}
}

// Two 128-bit traces with one low half: which one a 64-bit span belongs
// to cannot be told, so it stays apart (as for files).
func TestLive64BitJoinNeedsOneCandidate(t *testing.T) {
	other := hi128
	other[0] = 0x99
	st := NewStore(0)
	st.Add(oneSpan(hi128, 1, 0), time.Unix(1, 0))
	st.Add(oneSpan(other, 1, 0), time.Unix(1, 0))
	st.Add(oneSpan(low64, 2, 1), time.Unix(1, 0))
	if n := len(st.Versions()); n != 3 {
		t.Errorf("%d traces, want 3", n)
	}
}

// The 64-bit part reported before its root came: the joined trace's line
// is an update of it.
func TestLive64BitJoinAfterAReportIsAnUpdate(t *testing.T) {
	st := NewStore(0)
	st.Add(oneSpan(low64, 2, 1), time.Unix(1, 0))
	if r := st.Idle(time.Unix(10, 0), time.Second, false); len(r) != 1 {
		t.Fatalf("%d reports", len(r))
	}
	st.Add(oneSpan(hi128, 1, 0), time.Unix(11, 0))
	r := st.Idle(time.Unix(20, 0), time.Second, false)
	if len(r) != 1 || r[0].Trace.ID != hi128 || r[0].Earlier != 1 || len(r[0].Trace.Spans) != 2 {
		t.Errorf("reports %+v, want the joined trace as an update of 1 span", r)
	}
}
