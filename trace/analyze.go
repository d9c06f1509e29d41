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
		a.Self[i] = selfTime(tr, i)
	}
	criticalPath(tr, a)
	for i := int32(0); i < n; i++ {
		if a.Critical[i] == 0 || tr.Marks[i]&MarkPlaceholder != 0 {
			continue
		}
		// Rank by self time on the critical path: an async child's self time
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
// intervals clipped to it. Children are sorted by start, so one sweep.
func selfTime(tr *Tree, i int32) int64 {
	s := tr.Span(i)
	d := s.Duration()
	if d == 0 {
		return 0
	}
	covered := int64(0)
	curStart, curEnd := int64(0), int64(0)
	open := false
	for _, c := range tr.Children(i) {
		cs := tr.Span(c)
		lo, hi := max(cs.Start, s.Start), min(cs.End, s.End)
		if !cs.HasEnd() || hi <= lo {
			continue
		}
		if open && lo <= curEnd {
			curEnd = max(curEnd, hi)
			continue
		}
		if open {
			covered += curEnd - curStart
		}
		curStart, curEnd, open = lo, hi, true
	}
	if open {
		covered += curEnd - curStart
	}
	return d - covered
}

// criticalPath walks Jaeger UI's last-finishing-child rule: from the end of
// the trace backwards, time belongs to the span whose latest-ending child
// (ending before the point reached so far) is not there to take it. Spans
// are first clipped to their parent's clipped interval, as Jaeger does, so
// async children that outlive their parent only count while it runs.
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
		l, h := s.Start, s.Start+s.Duration()
		if p := tr.Parent[i]; p >= 0 {
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
			k = byEnd(tr.Roots)
		} else {
			k = byEnd(tr.Children(i))
		}
		kids[i] = k
		return k
	}
	parentOf := func(i int32) int32 {
		if p := tr.Parent[i]; p >= 0 {
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
		if i == n || to <= from {
			return
		}
		a.Critical[i] += to - from
		a.CriticalPath = append(a.CriticalPath, Segment{Span: i, Start: from, End: to})
	}

	// fresh: just descended into cur, so its last-finishing child is taken
	// whatever its end; on returning, only a child ending no later than the
	// returning child's start may take over. (Jaeger requires strictly
	// before, which hands back-to-back sequential calls to their parent.) The returning time only
	// decreases, so one cursor per span makes the walk linear.
	cur, t, fresh := n, tr.End, true
	for {
		k := childrenOf(cur)
		c := cursor[cur]
		if !fresh {
			for c < len(k) && hi[k[c]] > t {
				c++
			}
		}
		if c < len(k) {
			child := k[c]
			cursor[cur] = c + 1
			record(cur, hi[child], t)
			cur, t, fresh = child, hi[child], true
			continue
		}
		cursor[cur] = c
		record(cur, spanStart(cur), t)
		if cur == n {
			return
		}
		cur, t, fresh = parentOf(cur), spanStart(cur), false
	}
}
