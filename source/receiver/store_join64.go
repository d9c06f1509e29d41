package receiver

import (
	"slices"

	"github.com/tracetui/tracetui/trace"
)

// Live, as for files (trace/join64.go, Collector.Traces): spans that
// carry only the low 64 bits of a 128-bit trace ID (a Zipkin or Jaeger
// client set for 64-bit IDs, a Datadog tracer, inside a request that began
// with a 128-bit ID) join the one 128-bit trace with that low half, so the
// request is one trace on the line and in the live view, as print shows
// the --save file later. The join needs exactly one 128-bit trace with
// that low half; two make it ambiguous, and the 64-bit spans stay apart.
// Either may come first: a 64-bit batch after its 128-bit trace is added
// to it; a 128-bit trace after a 64-bit one takes the 64-bit trace's spans
// (and, if that was reported already, the next line is an update of it).

// ambiguous64 marks a low half that two 128-bit traces share.
var ambiguous64 = trace.TraceID{0xff}

// joinTarget is the trace a batch of t's ID goes to: the 128-bit trace
// its 64-bit ID is the low half of, when there is one, else its own.
func (s *Store) joinTarget(t *trace.Trace) trace.TraceID {
	if !t.ID.Is64() || t.Raw != "" {
		return t.ID
	}
	long, ok := s.long[[8]byte(t.ID[8:])]
	if !ok || long == ambiguous64 || s.traces[long] == nil {
		return t.ID
	}
	for i := range t.Spans {
		t.Spans[i].TraceID = long // the decoder's spans are the store's now
	}
	return long
}

// noteLong records e's 128-bit ID by its low half and moves into e the
// 64-bit trace of that low half, if one is held.
func (s *Store) noteLong(e *entry) {
	id := e.t.ID
	if id.Is64() || id.IsZero() || e.t.Raw != "" {
		return
	}
	low := [8]byte(id[8:])
	if s.long == nil {
		s.long = map[[8]byte]trace.TraceID{}
	}
	if prev, ok := s.long[low]; ok {
		if prev != id {
			s.long[low] = ambiguous64
		}
		return
	}
	s.long[low] = id
	var shortID trace.TraceID
	copy(shortID[8:], low[:])
	sh := s.traces[shortID]
	if sh == nil || sh.n == 0 || sh.t.Raw != "" {
		return
	}
	had := e.n > 0
	short := sh.frozen()
	// Copied: snapshots handed out share the 64-bit trace's spans.
	spans := slices.Clone(short.Spans)
	for i := range spans {
		spans[i].TraceID = id
	}
	if e.n == 0 {
		e.t.Spans = spans
	} else {
		e.pending = append(e.pending, spans)
	}
	e.n += len(spans)
	e.t.Joined64 += len(spans)
	e.t.Repeats += short.Repeats
	e.t.Logs = append(e.t.Logs, short.Logs...)
	e.version++
	if sh.last.After(e.last) {
		e.last = sh.last
	}
	e.full = e.full || sh.full
	if sh.reportedSpans > 0 {
		// Its line was printed: the joined trace's next line is an update.
		e.reportedSpans += sh.reportedSpans
	}
	delete(s.traces, shortID)
	if k := slices.Index(s.order, sh); k >= 0 {
		s.order = slices.Delete(s.order, k, k+1)
	}
	if had {
		s.withSpan-- // the two traces are one
	}
}

// forgetLong drops an evicted trace's low half, so a later 64-bit batch
// does not look for it.
func (s *Store) forgetLong(id trace.TraceID) {
	if low := [8]byte(id[8:]); s.long[low] == id {
		delete(s.long, low)
	}
}
