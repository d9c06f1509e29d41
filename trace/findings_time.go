package trace

import (
	"cmp"
	"slices"
)

// gaps finds stretches of a parent's time that no child covers: work no
// span was made for. Only parents with children count (a leaf's time is
// its own work, and says so).
func (f *Findings) gaps(tr *Tree, opt FindOptions) {
	floor := max(opt.MinGap, int64(opt.Share*float64(tr.Duration())))
	var found []Finding
	for p := int32(0); p < int32(tr.Len()); p++ {
		s := tr.Span(p)
		kids := tr.timedChildren(p) // untimed children cover nothing; timed work below them does
		if len(kids) == 0 || s.Placeholder || !s.Timed() {
			continue
		}
		// After an unended span under p started, an uncovered moment may
		// be that span's: unknown (Analysis.Unknown), no gap.
		end := s.End
		if u, ok := tr.unendedUnder(p); ok {
			end = min(end, max(u.Start, s.Start))
		}
		best, after := int64(0), int32(-1)
		covered, last := s.Start, int32(-1)
		inside := false
		for _, c := range kids { // by start time
			cs := tr.Span(c)
			if cs.Start >= s.End || cs.End <= s.Start {
				continue // async work after the parent returned: not inside it
			}
			inside = true
			// Children outside the parent (async, skew) are clipped to it.
			if g := min(cs.Start, end) - covered; g > best {
				best, after = g, last
			}
			if cs.End > covered {
				covered, last = cs.End, c
			}
		}
		if g := end - covered; g > best {
			best, after = g, last
		}
		if inside && best >= floor {
			found = append(found, Finding{Kind: FindingGap, Span: p, Spans: []int32{p}, Time: best, Of: s.Duration(), After: after})
		}
	}
	for _, g := range largest(found, 5) {
		f.add(g)
	}
}

// largest keeps the n findings with the most time, in that order.
func largest(list []Finding, n int) []Finding {
	slices.SortStableFunc(list, func(x, y Finding) int { return cmp.Compare(y.Time, x.Time) })
	return list[:min(n, len(list))]
}

// sequential finds runs of sibling calls to different services where each
// starts after the previous ended: run in parallel, the run would take as
// long as its longest call. Calls are clipped to their parent. Not under a
// placeholder (the "siblings" may come from different missing calls) or an
// untimed parent (nothing to clip to).
func (f *Findings) sequential(tr *Tree, opt FindOptions) {
	floor := max(opt.MinGap, int64(opt.Share*float64(tr.Duration())))
	var found []Finding
	for p := int32(0); p < int32(tr.Len()); p++ {
		kids := tr.Children(p)
		if len(kids) < 2 || tr.Span(p).Placeholder || !tr.Span(p).Timed() {
			continue
		}
		ps := tr.Span(p)
		var run []int32
		flush := func() {
			if x, ok := sequentialRun(tr, p, run, floor); ok {
				found = append(found, x)
			}
			run = run[:0]
		}
		lastEnd := int64(-1 << 62)
		for _, c := range kids {
			s := tr.Span(c)
			lo, hi := max(s.Start, ps.Start), min(s.End, ps.End)
			if f.Folded[c] != nil || !s.Timed() || hi <= lo || CallTarget(tr, c) == ps.Service() {
				// Local work between calls may be what the next call
				// needs; an untimed call or one outside the parent
				// breaks the run too.
				flush()
				continue
			}
			if lo < lastEnd {
				flush()
			}
			run = append(run, c)
			lastEnd = hi
		}
		flush()
	}
	for _, x := range largest(found, 3) {
		f.add(x)
	}
}

func sequentialRun(tr *Tree, parent int32, run []int32, floor int64) (Finding, bool) {
	if len(run) < 2 {
		return Finding{}, false
	}
	// Services, not operations: two calls to one service are not made
	// parallel by calling different endpoints.
	targets := map[string]bool{}
	ps := tr.Span(parent)
	var sum, longest int64
	for _, c := range run {
		targets[CallTarget(tr, c)] = true
		s := tr.Span(c)
		d := min(s.End, ps.End) - max(s.Start, ps.Start)
		sum += d
		longest = max(longest, d)
	}
	saving := sum - longest
	if len(targets) < 2 || saving < floor {
		return Finding{}, false
	}
	return Finding{Kind: FindingSequential, Span: parent, Spans: append([]int32(nil), run...), Count: len(run),
		Time: saving, Of: tr.Span(parent).Duration()}, true
}

// callTarget is the service a child call goes to: the server span under a
// client span, its peer.service, else the child's own service.
func callTarget(tr *Tree, c int32) string {
	s := tr.Span(c)
	if s.Kind == KindClient || s.Kind == KindProducer {
		if kids := tr.Children(c); len(kids) > 0 {
			return tr.Span(kids[0]).Service()
		}
		if v, ok := Lookup(s.Attrs, "peer.service"); ok {
			return v.AsString()
		}
	}
	return s.Service() + "\x00" + s.Name
}

// selfTime reports a bottleneck that is a parent's own code: its bar looks
// explained by its children, but the time on the critical path is not
// theirs. Only timed children count: an untimed one explains nothing, and
// "not in its child spans" would claim what no one knows.
func (f *Findings) selfTime(tr *Tree, a *Analysis, opt FindOptions) {
	b := a.Bottleneck
	if b < 0 || tr.Span(b).Placeholder {
		return
	}
	// Only timed children drawn inside the parent's bar can seem to explain
	// it; work handed off after it returned (a consumer) explains nothing,
	// and an untimed child is drawn nowhere.
	inside := overlapping(tr, b)
	if inside == 0 {
		return
	}
	if a.Critical[b] < int64(3*opt.Share*float64(tr.Duration())) {
		return
	}
	for _, x := range f.List {
		if x.Kind == FindingGap && x.Span == b {
			return // the gap already says where the time went
		}
	}
	f.add(Finding{Kind: FindingSelf, Span: b, Spans: []int32{b}, Count: inside, Time: a.Critical[b], Of: tr.Duration()})
}

// overlapping counts the timed children of p (through untimed ones, see
// timedChildren) whose interval overlaps p's.
func overlapping(tr *Tree, p int32) int {
	s, n := tr.Span(p), 0
	for _, c := range tr.timedChildren(p) {
		if cs := tr.Span(c); cs.Start < s.End && cs.End > s.Start {
			n++
		}
	}
	return n
}
