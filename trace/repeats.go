package trace

// repeatKey is what two spans must share before their whole content is
// compared: cheap fields, so a thousand spans sharing one ID but differing
// cost a map lookup each, not a thousand comparisons.
type repeatKey struct {
	id, parent SpanID
	start, end int64
	name       string
	kind       SpanKind
}

// maxRepeatCandidates bounds the full comparisons per span: past it, a span
// is kept (as a duplicate ID, the old behaviour) rather than let hostile
// input that agrees in every cheap field cost quadratic time.
const maxRepeatCandidates = 16

// withoutRepeats returns a copy of t without the spans that repeat an
// earlier span exactly (IDs and every field alike), with Trace.Repeats
// counting them; nil when no span does. dups holds, per span ID seen more
// than once, its spans in input order (Build collects them for free).
//
// An exporter retrying a batch, a Collector file written twice or a trace
// fetched twice delivers the same spans again; counted twice they would
// double the span and error counts and read as broken data ("2 root
// spans", "spans share an ID"). Spans that share an ID but differ
// (Zipkin's client and server halves) are different records and stay.
// t itself is left as it is: Build never modifies its input.
func withoutRepeats(t *Trace, dups map[SpanID][]int32) *Trace {
	var drop map[int32]bool
	seen := make(map[repeatKey][]int32)
	for _, group := range dups {
		for _, i := range group {
			s := &t.Spans[i]
			k := repeatKey{s.SpanID, s.ParentID, s.Start, s.End, s.Name, s.Kind}
			earlier := seen[k]
			repeat := false
			for _, j := range earlier[:min(len(earlier), maxRepeatCandidates)] {
				// Equal compares every field (equal_test.go keeps it
				// so) and what Resource, Scope and Raw point at.
				if s.Equal(&t.Spans[j]) {
					repeat = true
					break
				}
			}
			if !repeat {
				seen[k] = append(earlier, i)
				continue
			}
			if drop == nil {
				drop = make(map[int32]bool)
			}
			drop[i] = true
		}
	}
	if drop == nil {
		return nil
	}
	u := *t
	u.Spans = make([]Span, 0, len(t.Spans)-len(drop))
	for i := range t.Spans {
		if !drop[int32(i)] {
			u.Spans = append(u.Spans, t.Spans[i])
		}
	}
	u.Repeats += len(drop)
	return &u
}
