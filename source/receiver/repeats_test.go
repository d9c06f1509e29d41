package receiver

import (
	"testing"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// An exporter that retries an export (its 200 was lost, it timed out)
// sends the same spans again: they count once, in the received count and
// the trace, and the repeats are counted so the user can be told.
func TestRetriedExportCountsOnce(t *testing.T) {
	for _, ct := range []string{ctProto, ctJSON} {
		t.Run(ct, func(t *testing.T) {
			r, st := start(t, Config{})
			body := tree(1)
			if ct == ctJSON {
				body = otlpLine(t, body)
			}
			for k := range 8 {
				if code, _, b := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", ct, body); code != 200 {
					t.Fatalf("export %d: %d %s", k, code, b)
				}
			}
			s := st.Stats()
			if s.Received != 3 || s.Repeats != 21 || s.Spans != 3 || s.Traces != 1 {
				t.Errorf("the same 3-span export 8 times: received %d, repeats %d, kept %d spans in %d traces; want 3, 21, 3 in 1",
					s.Received, s.Repeats, s.Spans, s.Traces)
			}
			tr := snapshot(st)[0]
			if len(tr.Spans) != 3 || tr.Repeats != 21 {
				t.Errorf("the trace holds %d spans and %d repeats, want 3 and 21", len(tr.Spans), tr.Repeats)
			}
		})
	}
}

// A retried export takes no room under --max-spans: it cannot evict a
// trace or cut one short.
func TestRetriedExportTakesNoRoomUnderMaxSpans(t *testing.T) {
	st := NewStore(10)
	now := time.Now()
	st.Add(spansWithIDs(1, 0, 6), now)
	for range 5 {
		st.Add(spansWithIDs(1, 0, 6), now) // the retries
	}
	st.Add(spansWithIDs(2, 100, 4), now)
	s := st.Stats()
	if s.Spans != 10 || s.Traces != 2 || s.EvictedTraces != 0 || s.Dropped != 0 || s.Repeats != 30 {
		t.Errorf("6 spans retried 5 times, then 4 more in another trace, at --max-spans 10: %+v", s)
	}
}

// Spans that share IDs but differ are different records (Zipkin's client
// and server halves, a span re-exported with its end): both are kept.
func TestSameIDsDifferentContentAreKept(t *testing.T) {
	st := NewStore(0)
	now := time.Now()
	st.Add(spansWithIDs(1, 0, 3), now)
	changed := spansWithIDs(1, 0, 3)
	changed[0].Spans[2].Name = "other"
	st.Add(changed, now)
	if s := st.Stats(); s.Received != 6 || s.Repeats != 0 || s.Spans != 6 {
		t.Errorf("a batch with the same IDs and one name changed: %+v, want all 6 spans kept", s)
	}
	// A batch repeating one joined into the trace (after a redraw) is
	// still recognised.
	snapshot(st)
	st.Add(spansWithIDs(1, 0, 3), now)
	st.Add(changed, now)
	if s := st.Stats(); s.Received != 6 || s.Repeats != 6 {
		t.Errorf("both batches again after a snapshot: %+v, want 6 repeats", s)
	}
}

// spansWithIDs is one trace's batch of n spans with IDs from first+1.
func spansWithIDs(id byte, first, n int) []*trace.Trace {
	tr := &trace.Trace{ID: trace.TraceID{15: id}}
	for i := range n {
		tr.Spans = append(tr.Spans, trace.Span{TraceID: tr.ID, SpanID: trace.SpanID{7: byte(first + i + 1)}, Start: 1, End: 2, Name: "s"})
	}
	return []*trace.Trace{tr}
}
