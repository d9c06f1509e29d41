package trace

// markAsync tells async work from clock skew, after flagSkew, whose marks
// it reads. A child relates to its parent in one of three ways:
//
//   - skew: it starts before its parent, or it is the server half of a
//     client call yet reaches outside it. An effect cannot precede its
//     cause, and a server runs inside its client's call, so the clocks
//     disagree: the skew marks stay, and the span is never async.
//   - messaging: a consumer, a child that outlives its producer, a
//     follows-from child or a child that links to its parent. The parent
//     hands the work off and does not wait, so ending after it is how
//     messaging works, not broken data: MarkEndsAfterParent is dropped
//     (no warning) for MarkMessaging.
//   - anything else that ends after its parent: async work or skew, the
//     data cannot tell which, so it is async and keeps its note.
//
// A child of a placeholder can be messaging too: being a consumer does not
// need the parent.
//
// The parent span is read only when the child is a server or ends after
// it: a million spans' parents are a million cache misses otherwise.
func (tr *Tree) markAsync() {
	for i, p := range tr.Parent {
		s := tr.Span(int32(i))
		m := tr.Marks[i]
		if p < 0 || s.Placeholder || m&MarkStartsBeforeParent != 0 {
			continue
		}
		outlives := m&MarkEndsAfterParent != 0
		var pk SpanKind
		if s.Kind == KindServer || outlives {
			pk = tr.Span(p).Kind
		}
		if s.Kind == KindServer && pk == KindClient {
			continue
		}
		// A producer's own work inside it (serializing, say) is not the
		// message; what outlives the producer is.
		if s.Kind == KindConsumer || outlives && pk == KindProducer || followsFrom(s) || linksTo(s) {
			tr.Marks[i] = m&^MarkEndsAfterParent | MarkAsync | MarkMessaging
		} else if outlives {
			tr.Marks[i] |= MarkAsync
		}
	}
}

// followsFrom reports a Jaeger FOLLOWS_FROM parent reference, which the
// Jaeger decoder keeps as an attribute.
func followsFrom(s *Span) bool {
	v, ok := Lookup(s.Attrs, "jaeger.ref_type")
	return ok && v.AsString() == "follows_from"
}

// linksTo reports a link from s to its parent: OpenTelemetry messaging
// links a consumer to the message's producer, parent or not.
func linksTo(s *Span) bool {
	for k := range s.Links {
		if l := &s.Links[k]; l.SpanID == s.ParentID && (l.TraceID == s.TraceID || l.TraceID.IsZero()) {
			return true
		}
	}
	return false
}

// QueueWait is how long messaging span i waited after its parent (the
// producer) ended before it started, ns: the time the message sat in a
// queue. 0 when i is not MarkMessaging, started before the parent ended,
// or either time is unknown.
func (tr *Tree) QueueWait(i int32) int64 {
	p := tr.Parent[i]
	if p < 0 || tr.Marks[i]&MarkMessaging == 0 || tr.Marks[p]&(MarkPlaceholder|MarkNoEnd|MarkEndBeforeStart) != 0 {
		return 0
	}
	s, ps := tr.Span(i), tr.Span(p)
	if s.Start == 0 || s.Start <= ps.End {
		return 0
	}
	return s.Start - ps.End
}
