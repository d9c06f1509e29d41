package trace

import "slices"

// Timed reports whether both of the span's times are known and in order: a
// start (not 0), an end (not 0) and the end no earlier than the start. An
// untimed span is kept and drawn, but its times mean nothing: it takes no
// part in the trace's extent, self time, the critical path, gaps, findings'
// totals or timing statistics, and it never makes clock skew.
func (s *Span) Timed() bool { return s.Start != 0 && s.End != 0 && s.End >= s.Start }

// timingTree is the tree as timing sees it: untimed spans left out and
// their children moved up to their nearest timed ancestor, because the
// work below an untimed span still ran inside that ancestor. Built only
// when a trace has untimed spans; otherwise timing reads the tree itself.
type timingTree struct {
	parent     []int32 // nearest timed ancestor; -1 none; -2 the span is untimed
	childStart []int32 // CSR, as Tree's
	children   []int32 // by start
	roots      []int32 // timed spans with no timed ancestor, by start
	// opened: per timed span (the trace: index Len()), the earliest of the
	// unended spans (see Unended) whose nearest timed ancestor it is.
	// Sparse: few spans are unended.
	opened map[int32]unendedStart
	// lastOpen is the latest start of the unended spans with no timed
	// ancestor: the trace ran at least until then.
	lastOpen int64
}

// unendedStart is the earliest unended span under a timed span: from its
// start on, the timed span's moments no timed child covers may be the
// unended span's, so nobody knows whose time they were.
type unendedStart struct {
	Span  int32 // the unended span
	Start int64 // its start, unix ns
}

// Unended reports whether the span has a start but no usable end: no end,
// or an end before the start. It is untimed, yet it started: after its
// start its parent's time is no longer known to be the parent's own. The
// start is kept even when the end precedes it: a clock stepped back while
// the span ran reads its start right and its end wrong.
func (s *Span) Unended() bool { return s.Start != 0 && !s.Timed() }

// markUntimed sets the one mark that says why a span's times are unusable
// (a missing start explains the rest) and counts them in Tree.Untimed.
func (tr *Tree) markUntimed(i int) {
	s := &tr.Trace.Spans[i]
	switch {
	case s.Start == 0:
		tr.Marks[i] |= MarkNoStart
	case s.End == 0:
		tr.Marks[i] |= MarkNoEnd
	case s.End < s.Start:
		tr.Marks[i] |= MarkEndBeforeStart
	default:
		return
	}
	tr.Untimed++
}

// widenPlaceholder stretches a missing parent over an orphan's times; an
// untimed orphan says nothing about when the parent ran.
func widenPlaceholder(ph, orphan *Span) {
	if !orphan.Timed() {
		return
	}
	if !ph.Timed() {
		ph.Start, ph.End = orphan.Start, orphan.End
		return
	}
	ph.Start, ph.End = min(ph.Start, orphan.Start), max(ph.End, orphan.End)
}

// buildTiming fills tr.timing after link; a no-op for a fully timed trace.
// Placeholders count as timed when one of their orphans is.
func (tr *Tree) buildTiming() {
	if tr.Untimed == 0 && !tr.untimedPlaceholder() {
		return
	}
	n := len(tr.Parent)
	tm := &timingTree{parent: make([]int32, n), childStart: make([]int32, n+1)}
	// up[i]: the nearest timed ancestor of i (itself excluded); parents come
	// first in pre-order, so one pass, linear however long an untimed chain.
	up := make([]int32, n)
	for _, i := range tr.Order {
		up[i] = -1
		if p := tr.Parent[i]; p >= 0 {
			up[i] = p
			if tm.parent[p] == -2 {
				up[i] = up[p]
			}
		}
		if s := tr.Span(i); !s.Timed() {
			tm.parent[i] = -2
			if s.Unended() {
				tm.open(max(up[i], -1), i, s.Start, int32(n))
			}
			continue
		}
		tm.parent[i] = up[i]
		if q := up[i]; q >= 0 {
			tm.childStart[q+1]++
		} else {
			tm.roots = append(tm.roots, i)
		}
	}
	for i := 0; i < n; i++ {
		tm.childStart[i+1] += tm.childStart[i]
	}
	tm.children = make([]int32, tm.childStart[n])
	fill := slices.Clone(tm.childStart[:n])
	for _, i := range tr.Order {
		if q := tm.parent[i]; q >= 0 {
			tm.children[fill[q]] = i
			fill[q]++
		}
	}
	byStart := func(a, b int32) int {
		if sa, sb := tr.Span(a).Start, tr.Span(b).Start; sa != sb {
			if sa < sb {
				return -1
			}
			return 1
		}
		return int(tr.Pos[a] - tr.Pos[b])
	}
	for i := 0; i < n; i++ {
		slices.SortFunc(tm.children[tm.childStart[i]:tm.childStart[i+1]], byStart)
	}
	slices.SortFunc(tm.roots, byStart)
	tr.timing = tm
}

// open records unended span i under its nearest timed ancestor p (-1: the
// trace, kept at index n), keeping the earliest start (pre-order breaks
// ties: the first seen stays).
func (tm *timingTree) open(p, i int32, start int64, n int32) {
	if p < 0 {
		p = n
		tm.lastOpen = max(tm.lastOpen, start)
	}
	if tm.opened == nil {
		tm.opened = map[int32]unendedStart{}
	}
	if o, ok := tm.opened[p]; !ok || start < o.Start {
		tm.opened[p] = unendedStart{Span: i, Start: start}
	}
}

// unendedUnder is the earliest unended span whose nearest timed ancestor
// is p (p == Len(): the unended spans with none).
func (tr *Tree) unendedUnder(p int32) (unendedStart, bool) {
	if tr.timing == nil || tr.timing.opened == nil {
		return unendedStart{}, false
	}
	o, ok := tr.timing.opened[p]
	return o, ok
}

func (tr *Tree) untimedPlaceholder() bool {
	for _, p := range tr.Extra {
		if !p.Timed() {
			return true
		}
	}
	return false
}

// timedChildren are the timed spans whose nearest timed ancestor is i, by
// start: the children that take part in i's timing.
func (tr *Tree) timedChildren(i int32) []int32 {
	if tm := tr.timing; tm != nil {
		return tm.children[tm.childStart[i]:tm.childStart[i+1]]
	}
	return tr.Children(i)
}

// timedParent is i's nearest timed ancestor, -1 for none.
func (tr *Tree) timedParent(i int32) int32 {
	if tm := tr.timing; tm != nil {
		return max(tm.parent[i], -1)
	}
	return tr.Parent[i]
}

// timedRoots are the timed spans with no timed ancestor, by start.
func (tr *Tree) timedRoots() []int32 {
	if tm := tr.timing; tm != nil {
		return tm.roots
	}
	return tr.Roots
}
