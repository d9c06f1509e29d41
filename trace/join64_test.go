package trace

import "testing"

func id128(hi, lo byte) TraceID {
	var id TraceID
	id[0], id[15] = hi, lo
	return id
}

func span(tid TraceID, id, parent byte) *Span {
	s := &Span{TraceID: tid, Start: int64(id), End: 100}
	s.SpanID[7], s.ParentID[7] = id, parent
	return s
}

// A request whose callee wrote only the low 64 bits of the trace ID is one
// trace: its spans join the 128-bit trace and hang under their real parent.
func TestSixtyFourBitSpansJoinTheirRequest(t *testing.T) {
	c := NewCollector()
	long, short := id128(0x0c, 0xf5), id128(0, 0xf5)
	c.Add(span(short, 3, 2)) // the callee's span may come first
	c.Add(span(long, 1, 0))
	c.Add(span(long, 2, 1))
	other := id128(0, 0x77) // a 64-bit trace with no 128-bit twin stays apart
	c.Add(span(other, 9, 0))
	got := c.Traces()
	if len(got) != 2 {
		t.Fatalf("%d traces, want the joined request and the other one", len(got))
	}
	req := got[0]
	if req.ID != long {
		req = got[1]
	}
	if len(req.Spans) != 3 || req.Joined64 != 1 {
		t.Fatalf("request has %d spans, joined %d; want 3 and 1", len(req.Spans), req.Joined64)
	}
	tr := Build(req)
	if len(tr.Roots) != 1 || tr.Size[tr.Roots[0]] != 3 {
		t.Errorf("joined request is not one tree: roots %v", tr.Roots)
	}
	for _, p := range []string{"0c000000", "00000000000000f5", "000000000000", req.DisplayID()} {
		if !req.HasIDPrefix(p) {
			t.Errorf("ID prefix %q does not select the joined request %s", p, req.DisplayID())
		}
	}
	if c.Trace(other).DisplayID() != "0000000000000077" {
		t.Errorf("64-bit ID shown as %q, want its 16 hex digits", c.Trace(other).DisplayID())
	}
}

// Two 128-bit traces sharing a low half make the join ambiguous: nothing moves.
func TestAmbiguousSixtyFourBitIDStaysApart(t *testing.T) {
	c := NewCollector()
	c.Add(span(id128(0x01, 0xf5), 1, 0))
	c.Add(span(id128(0x02, 0xf5), 1, 0))
	c.Add(span(id128(0, 0xf5), 3, 1))
	if n := len(c.Traces()); n != 3 {
		t.Errorf("%d traces, want 3 (no join when two 128-bit traces could own the spans)", n)
	}
}
