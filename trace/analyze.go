package trace

import "slices"

// Analyze computes self time, the critical path, the bottleneck, error roles,
// the failure point and per-service totals. It is linear in the number of
// spans (plus sorting children) and iterative throughout.
func Analyze(tr *Tree) *Analysis {
	n := int32(tr.Len())
	a := &Analysis{
		Self:       make([]int64, n),
		Critical:   make([]int64, n),
		Roles:      make([]ErrorRole, n),
		Bottleneck: -1,
	}
	for i := int32(0); i < n; i++ {
		var unknown int64
		var after int32
		a.Self[i], unknown, after = selfTime(tr, i)
		if unknown > 0 {
			a.Unknown = append(a.Unknown, UnknownTime{Span: i, After: after, Time: unknown})
		}
	}
	criticalPath(tr, a)
	pathEntries(tr, a)
	for _, i := range a.Path {
		if a.Critical[i] == 0 {
			continue
		}
		// Rank by time on the critical path: an async child's self time
		// after its parent returned did not hold the request up.
		b := a.Bottleneck
		if b < 0 || a.Critical[i] > a.Critical[b] ||
			a.Critical[i] == a.Critical[b] && (a.Self[i] > a.Self[b] || a.Self[i] == a.Self[b] && tr.Pos[i] < tr.Pos[b]) {
			a.Bottleneck = i
		}
	}
	errorRoles(tr, a)
	a.Services = serviceStats(tr, a)
	return a
}

// selfTime is the span's duration minus the union of its children's
// intervals clipped to it, and minus what is unknown: from the start of
// the earliest unended span under it (see Span.Unended) the moments no
// timed child covers may be that span's, so they are neither counted as
// its own nor as anyone's; unknown is their length and after the unended
// span (-1 when none). Children are sorted by start, so one sweep.
// Untimed children take no part, but the timed work below them does.
func selfTime(tr *Tree, i int32) (self, unknown int64, after int32) {
	s := tr.Span(i)
	d := s.Duration()
	if d == 0 {
		return 0, 0, -1
	}
	open, after := s.End, int32(-1)
	if u, ok := tr.unendedUnder(i); ok && u.Start < s.End {
		open, after = max(u.Start, s.Start), u.Span
	}
	covered, coveredAfter := int64(0), int64(0)
	curStart, curEnd := int64(0), int64(0)
	run := false
	flush := func() {
		covered += curEnd - curStart
		coveredAfter += max(0, curEnd-max(curStart, open))
	}
	for _, c := range tr.timedChildren(i) {
		cs := tr.Span(c)
		lo, hi := max(cs.Start, s.Start), min(cs.End, s.End)
		if hi <= lo {
			continue
		}
		if run && lo <= curEnd {
			curEnd = max(curEnd, hi)
			continue
		}
		if run {
			flush()
		}
		curStart, curEnd, run = lo, hi, true
	}
	if run {
		flush()
	}
	unknown = s.End - open - coveredAfter
	return d - covered - unknown, unknown, after
}

// criticalPath walks back from the end of the trace: at each moment the
// path is in the deepest span running then. From a span it moves into the
// child that ends last by the moment reached (a child still running then
// counts, clipped to that moment); a stretch no child covers is the span's
// own time on the path. Jaeger UI's walk takes only children that ended
// before the moment, which hands a parent the time it spent waiting for a
// child that overlapped a later sibling, and drops a root still running
// when a later one started. Spans are first clipped to their parent's
// clipped interval, as Jaeger does, so async children that outlive their
// parent only count while it runs. Untimed spans take no part (their timed
// children hang from the nearest timed ancestor); placeholders and the
// trace itself hold no time of their own, so the path may have holes.
// A span's own stretch after an unended span under it started (the
// trace's, after an unended root started) is unknown: it goes to
// UnknownPath, named for the unended span, never to the span.
func criticalPath(tr *Tree, a *Analysis) {
	n := int32(tr.Len())
	if n == 0 {
		return
	}
	lo := make([]int64, n)
	hi := make([]int64, n)
	in := make([]bool, n)
	for _, i := range tr.Order {
		s := tr.Span(i)
		if !s.Timed() {
			continue
		}
		l, h := s.Start, s.End
		if p := tr.timedParent(i); p >= 0 {
			if !in[p] || l > hi[p] || h < lo[p] {
				continue
			}
			l, h = max(l, lo[p]), min(h, hi[p])
		}
		lo[i], hi[i], in[i] = l, h, true
	}
	// Children by clipped end, latest first, per span; roots under a virtual
	// root (index n) spanning the whole trace.
	byEnd := func(list []int32) []int32 {
		out := make([]int32, 0, len(list))
		for _, c := range list {
			if in[c] {
				out = append(out, c)
			}
		}
		slices.SortStableFunc(out, func(x, y int32) int {
			switch {
			case hi[x] > hi[y]:
				return -1
			case hi[x] < hi[y]:
				return 1
			}
			return 0
		})
		return out
	}
	kids := make(map[int32][]int32)
	cursor := make(map[int32]int)
	childrenOf := func(i int32) []int32 {
		if k, ok := kids[i]; ok {
			return k
		}
		var k []int32
		if i == n {
			k = byEnd(tr.timedRoots())
		} else {
			k = byEnd(tr.timedChildren(i))
		}
		kids[i] = k
		return k
	}
	parentOf := func(i int32) int32 {
		if p := tr.timedParent(i); p >= 0 {
			return p
		}
		return n
	}
	spanStart := func(i int32) int64 {
		if i == n {
			return tr.Start
		}
		return lo[i]
	}
	record := func(i int32, from, to int64) {
		if to <= from || i < n && tr.Marks[i]&MarkPlaceholder != 0 {
			return
		}
		if u, ok := tr.unendedUnder(i); ok {
			start, end := tr.Start, tr.End
			if i < n {
				start, end = lo[i], hi[i]
			}
			if at := max(u.Start, start, from); u.Start < end && at < to {
				a.UnknownPathTime += to - at
				a.UnknownPath = append(a.UnknownPath, Segment{Span: u.Span, Start: at, End: to})
				to = at
			}
		}
		if i == n || to <= from {
			return
		}
		a.Critical[i] += to - from
		a.PathTime += to - from
		a.CriticalPath = append(a.CriticalPath, Segment{Span: i, Start: from, End: to})
	}

	// The moment t only decreases, and a child starting at or after it
	// never runs before it, so one cursor per span makes the walk linear.
	cur, t := n, tr.End
	for {
		k := childrenOf(cur)
		c := cursor[cur]
		for c < len(k) && lo[k[c]] >= t {
			c++
		}
		if c < len(k) {
			child := k[c]
			cursor[cur] = c + 1
			end := min(hi[child], t)
			record(cur, end, t)
			cur, t = child, end
			continue
		}
		cursor[cur] = c
		record(cur, spanStart(cur), t)
		if cur == n {
			return
		}
		cur, t = parentOf(cur), spanStart(cur)
	}
}

// pathEntries lists the critical path's entries root first: each span
// holding time on it and each span it passes through to reach them (a
// parent whose child holds the whole stretch is an entry with 0 ns).
// Placeholders and untimed spans are never entries.
func pathEntries(tr *Tree, a *Analysis) {
	a.onPath = make([]bool, tr.Len())
	for _, seg := range a.CriticalPath {
		for i := seg.Span; i >= 0 && !a.onPath[i]; i = tr.Parent[i] {
			if tr.Marks[i]&MarkPlaceholder == 0 && tr.Span(i).Timed() {
				a.onPath[i] = true
				a.Path = append(a.Path, i)
			}
		}
	}
	slices.SortFunc(a.Path, func(x, y int32) int { return int(tr.Pos[x] - tr.Pos[y]) })
}
