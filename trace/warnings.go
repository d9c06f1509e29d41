package trace

import "math/bits"

// WarningKind is a kind of broken data the tree builder found in a trace.
// Each kind's doc says what Warning.Count counts.
type WarningKind uint8

const (
	// WarnOrphans: spans whose parent never arrived; Warning.Parents
	// counts the distinct missing parents (one placeholder each).
	WarnOrphans WarningKind = iota + 1
	// WarnRoots: real root spans (placeholders aside), when more than one.
	WarnRoots
	// WarnCycles: parent links cut to break a cycle.
	WarnCycles
	// WarnDuplicateIDs: spans sharing their span ID with another.
	WarnDuplicateIDs
	// WarnNoEnd: spans with no end time.
	WarnNoEnd
	// WarnEndBeforeStart: spans whose end precedes their start.
	WarnEndBeforeStart
	// WarnStartsBeforeParent: spans starting before their parent (skew).
	WarnStartsBeforeParent
	// WarnEndsAfterParent: spans ending after their parent (async work or
	// skew).
	WarnEndsAfterParent
	// WarnDropped: attributes producers dropped at their limits;
	// Warning.Events and Warning.Links count the dropped events and links.
	WarnDropped
	// WarnNoSpanID: spans with no span ID.
	WarnNoSpanID
	// WarnJoined64: spans that carried only the low 64 bits of this
	// 128-bit trace ID and were joined to it (Trace.Joined64).
	WarnJoined64
	// WarnRepeats: spans that arrived again with the same IDs and content
	// and were left out (Trace.Repeats); Count counts the copies dropped.
	WarnRepeats
	// WarnNoStart: spans with no start time.
	WarnNoStart
)

// Warning is one kind of broken data in a trace, counted. Render words it.
type Warning struct {
	Kind    WarningKind
	Count   int
	Parents int // WarnOrphans only
	Events  int // WarnDropped only
	Links   int // WarnDropped only
}

// markWarnings are the kinds that count spans carrying one mark, in the
// order they are reported (after orphans and roots).
var markWarnings = [...]struct {
	mark Mark
	kind WarningKind
}{
	{MarkCycle, WarnCycles}, {MarkDuplicateID, WarnDuplicateIDs}, {MarkNoStart, WarnNoStart}, {MarkNoEnd, WarnNoEnd},
	{MarkEndBeforeStart, WarnEndBeforeStart}, {MarkStartsBeforeParent, WarnStartsBeforeParent},
	{MarkEndsAfterParent, WarnEndsAfterParent},
}

func (tr *Tree) warn(zeroIDs, missingParents int) {
	var count [16]int
	realRoots := 0
	for i, m := range tr.Marks {
		for b := 0; b < 16; b++ {
			if m&(1<<b) != 0 {
				count[b]++
			}
		}
		if tr.Parent[i] < 0 && m&MarkPlaceholder == 0 {
			realRoots++
		}
	}
	of := func(m Mark) int { return count[bits.TrailingZeros16(uint16(m))] }
	if n := of(MarkOrphan); n > 0 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnOrphans, Count: n, Parents: missingParents})
	}
	if realRoots > 1 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnRoots, Count: realRoots})
	}
	for _, w := range markWarnings {
		if n := of(w.mark); n > 0 {
			tr.Warnings = append(tr.Warnings, Warning{Kind: w.kind, Count: n})
		}
	}
	if a, e, l := tr.Trace.Dropped(); a+e+l > 0 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnDropped, Count: int(a), Events: int(e), Links: int(l)})
	}
	if zeroIDs > 0 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnNoSpanID, Count: zeroIDs})
	}
	if n := tr.Trace.Joined64; n > 0 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnJoined64, Count: n})
	}
	if n := tr.Trace.Repeats; n > 0 {
		tr.Warnings = append(tr.Warnings, Warning{Kind: WarnRepeats, Count: n})
	}
}
