package trace

// Mark is what the tree builder found wrong or notable about a span (a bit set;
// not the W3C trace flags, which are Span.Flags). Marks are shown on the
// span's row; nothing is silently adjusted.
type Mark uint16

const (
	// MarkOrphan: the parent never arrived; the span hangs under a placeholder.
	MarkOrphan Mark = 1 << iota
	// MarkDuplicateID: another span in the trace has the same span ID.
	MarkDuplicateID
	// MarkSharedRPC: a Zipkin-style server half sharing its client's ID,
	// placed under that client half.
	MarkSharedRPC
	// MarkCycle: the parent link was cut because it formed a cycle (or
	// named the span itself); the span is drawn as a root.
	MarkCycle
	// MarkEndBeforeStart: the recorded end precedes the start.
	MarkEndBeforeStart
	// MarkNoEnd: no end time was recorded.
	MarkNoEnd
	// MarkStartsBeforeParent: starts before its parent (clock skew).
	MarkStartsBeforeParent
	// MarkEndsAfterParent: ends after its parent (async work or clock skew).
	MarkEndsAfterParent
	// MarkPlaceholder: made up by tracetui for a parent that never arrived.
	MarkPlaceholder
	// MarkAsync: work that does not hold its parent up: a consumer, a
	// Jaeger follows-from child, or a child still running after its
	// parent ended. Not a fault; rows show it with its own symbol.
	MarkAsync
	// MarkMessaging: async by hand-off (a consumer, a child outliving its
	// producer, a follows-from child, a child linking to its parent): the parent
	// never waits for it, so ending after the parent is no fault, and the
	// time from the parent's end to its start is a queue wait (QueueWait).
	// Always set together with MarkAsync.
	MarkMessaging
	// MarkNoStart: no start time was recorded (absent or 0); the span is
	// untimed (see Span.Timed) whatever its end says.
	MarkNoStart
)

// Tree is the span tree of one trace, in flat int32 arrays (CSR) so that a
// million spans cost a few arrays rather than a million pointer nodes.
// Span indexes 0..len(Trace.Spans)-1 are the trace's spans; indexes beyond
// are placeholders for missing parents, held in Extra.
type Tree struct {
	Trace *Trace
	Extra []Span // placeholders; index len(Trace.Spans)+k is Extra[k]

	Parent []int32 // per span index; -1 for a root
	Roots  []int32 // ordered by start time

	childStart []int32 // CSR: children of i are children[childStart[i]:childStart[i+1]]
	children   []int32 // ordered by start time, then input order

	Order []int32 // pre-order (depth first, children by start) of every span index
	Pos   []int32 // per span index: its position in Order
	Depth []int32 // per span index: 0 for roots
	Size  []int32 // per span index: spans in its subtree, itself included

	Marks []Mark // per span index

	// Start and End are the trace's known extent (unix ns): the earliest
	// start and latest end over the timed spans (Span.Timed), widened to
	// the starts of unended spans (Span.Unended: a start is known even when
	// the end is not); both 0 when no span is timed.
	Start, End int64
	// EndUnknown: some unended span has no timed ancestor, so nothing says
	// when it, and the trace, ended. End is then only the latest known
	// moment and Duration a lower bound, never a measurement.
	EndUnknown bool
	// Untimed counts the spans with no start, no end or an end before
	// the start: kept and marked, left out of everything timing derives.
	Untimed int
	timing  *timingTree // nil when every span is timed

	// Warnings count the broken data found, one per kind, for the trace
	// header and the reports; render words them.
	Warnings []Warning
}

// Len is the number of span indexes, placeholders included.
func (t *Tree) Len() int { return len(t.Parent) }

// Span returns the span at index i (a placeholder for i past the trace's spans).
func (t *Tree) Span(i int32) *Span {
	if n := int32(len(t.Trace.Spans)); i >= n {
		return &t.Extra[i-n]
	}
	return &t.Trace.Spans[i]
}

// Children returns the children of span i ordered by start time.
func (t *Tree) Children(i int32) []int32 {
	return t.children[t.childStart[i]:t.childStart[i+1]]
}

// Duration is the trace's wall-clock extent, ns; a lower bound when
// EndUnknown.
func (t *Tree) Duration() int64 { return t.End - t.Start }
