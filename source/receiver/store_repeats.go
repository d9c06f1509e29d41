package receiver

import (
	"encoding/binary"

	"github.com/tracetui/tracetui/trace"
)

// Repeats are caught at ingest a batch at a time: an exporter that did not
// get its answer (a timeout, a lost 200) retries the same request, and the
// decoder turns it into the same batch per trace, span for span. So each
// batch kept is remembered by a fingerprint of its spans' IDs and times,
// and a batch whose fingerprint matches is compared in full against the
// one it matches; an exact repeat is counted (Stats.Repeats, the trace's
// Repeats) and not kept, so the received count, the --max-spans budget and
// the trace's lines see it once. That costs one map entry per batch, not
// per span, and a hash of the IDs the decoder just wrote.
//
// A span repeated in a batch of other spans (two collectors forwarding one
// app's spans, batched differently) is not caught here: it is counted when
// received, and trace.Build still drops it, with its warning, when the
// trace is shown or reported.

// batchRec is where a kept batch lies among its trace's spans.
type batchRec struct {
	off, n int // first span and span count, in arrival order
	full   int // spans in the batch as received; n is fewer when --max-spans cut it
}

// fingerprint hashes what tells a batch's spans apart cheaply: IDs,
// parents and times (FNV-1a over 64-bit words). A match is only a
// candidate: the spans are compared in full before anything is dropped.
// ok is false for a batch with a span without an ID, which trace.Build
// never takes for a repeat either.
func fingerprint(spans []trace.Span) (h uint64, ok bool) {
	const prime = 1099511628211
	h = uint64(14695981039346656037) ^ uint64(len(spans))
	for i := range spans {
		s := &spans[i]
		if s.SpanID.IsZero() {
			return 0, false
		}
		for _, w := range [4]uint64{binary.LittleEndian.Uint64(s.SpanID[:]), binary.LittleEndian.Uint64(s.ParentID[:]),
			uint64(s.Start), uint64(s.End)} {
			h = (h ^ w) * prime
		}
	}
	return h, true
}

// maxSameFingerprint bounds the batches remembered per fingerprint, so
// that batches agreeing in IDs and times but differing in content (a span
// re-exported with more attributes) cost a few comparisons, never one per
// earlier batch.
const maxSameFingerprint = 4

// repeatCheck is what Add learns of one incoming batch before it stores it.
type repeatCheck struct {
	fp     uint64
	ok     bool   // fingerprinted: every span has an ID
	e      *entry // the trace it repeats a batch of, when repeat
	repeat bool
}

// checkRepeats fingerprints each batch and compares those whose
// fingerprint matches a batch kept with that batch. The comparison, as
// long as decoding the batch took, runs without the store's lock (kept
// spans never change: the store only appends), so a retry storm does not
// hold up other exports or the live view.
func (s *Store) checkRepeats(traces []*trace.Trace) []repeatCheck {
	checks := make([]repeatCheck, len(traces))
	type candidate struct {
		i    int
		kept []trace.Span
	}
	var cands []candidate
	for i, t := range traces {
		checks[i].fp, checks[i].ok = fingerprint(t.Spans)
	}
	s.mu.Lock()
	for i, t := range traces {
		c := &checks[i]
		e := s.traces[t.ID]
		if !c.ok || e == nil || e.n == 0 {
			continue
		}
		rec, found := e.batches[c.fp]
		if !found {
			continue
		}
		c.e = e
		for _, rec := range append([]batchRec{rec}, e.alike[c.fp]...) {
			if kept := e.spansAt(rec.off, rec.n); rec.full == len(t.Spans) && len(kept) == rec.n {
				cands = append(cands, candidate{i, kept})
			}
		}
	}
	s.mu.Unlock()
	for _, cand := range cands {
		c := &checks[cand.i]
		c.repeat = c.repeat || same(cand.kept, traces[cand.i].Spans)
	}
	return checks
}

// same compares the spans a batch kept with the first of spans. A batch's
// spans share a few Resource and Scope values, each a pointer of its own
// decode: those are compared once per pair, and each span with them made
// the same, so that Equal does not walk a resource's
// attributes again for every span (half the cost of a retried export).
func same(kept, spans []trace.Span) bool {
	res := map[[2]*trace.Resource]bool{}
	scopes := map[[2]*trace.Scope]bool{}
	for i := range kept {
		k, s := &kept[i], spans[i] // s a copy, its pointers replaced below
		rk := [2]*trace.Resource{k.Resource, s.Resource}
		eq, seen := res[rk]
		if !seen {
			eq = k.Resource.Equal(s.Resource)
			res[rk] = eq
		}
		sk := [2]*trace.Scope{k.Scope, s.Scope}
		scopeEq, seen := scopes[sk]
		if !seen {
			scopeEq = k.Scope.Equal(s.Scope)
			scopes[sk] = scopeEq
		}
		if !eq || !scopeEq {
			return false
		}
		s.Resource, s.Scope = k.Resource, k.Scope
		// Equal compares every field, as trace.Build's own repeat
		// check does, the ones added later too.
		if !k.Equal(&s) {
			return false
		}
	}
	return true
}

// remember records a batch kept at offset off (full spans received, n
// kept). The first batch of a fingerprint goes in batches, one entry per
// batch; later ones, rare, in alike.
func (e *entry) remember(fp uint64, off, n, full int) {
	rec := batchRec{off: off, n: n, full: full}
	if e.batches == nil {
		e.batches = map[uint64]batchRec{}
	}
	if _, ok := e.batches[fp]; !ok {
		e.batches[fp] = rec
		return
	}
	if e.alike == nil {
		e.alike = map[uint64][]batchRec{}
	}
	if len(e.alike[fp]) < maxSameFingerprint {
		e.alike[fp] = append(e.alike[fp], rec)
	}
}

// spansAt returns the n spans from off: a batch lies whole in t.Spans or
// in one pending batch.
func (e *entry) spansAt(off, n int) []trace.Span {
	if off+n <= len(e.t.Spans) {
		return e.t.Spans[off : off+n]
	}
	at := len(e.t.Spans)
	for _, b := range e.pending {
		if off < at+len(b) {
			return b[off-at : off-at+n]
		}
		at += len(b)
	}
	return nil
}
