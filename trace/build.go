package trace

import "slices"

// Build makes the span tree of t without modifying it. Broken data is kept
// and flagged (see Mark); Tree.Warnings summarises what was found. Spans
// that repeat another exactly are the one thing left out: Tree.Trace is
// then a copy of t without them (see withoutRepeats).
func Build(t *Trace) *Tree {
	n := len(t.Spans)
	tr := &Tree{Trace: t}
	tr.Parent = make([]int32, n, n+8)
	tr.Marks = make([]Mark, n, n+8)

	index := make(map[SpanID]int32, n)
	sharedClient := make(map[int32]int32) // server half → client half
	zeroIDs := 0
	var dups map[SpanID][]int32 // every span of an ID seen more than once
	for i := range t.Spans {
		s := &t.Spans[i]
		if s.SpanID.IsZero() {
			zeroIDs++
			continue
		}
		if j, dup := index[s.SpanID]; dup {
			if dups == nil {
				dups = map[SpanID][]int32{}
			}
			if dups[s.SpanID] == nil {
				dups[s.SpanID] = []int32{j}
			}
			dups[s.SpanID] = append(dups[s.SpanID], int32(i))
			continue
		}
		index[s.SpanID] = int32(i)
	}
	if dups != nil {
		// Exact repeats go first, so that what still shares an ID after
		// them is a real pairing or a real duplicate.
		if u := withoutRepeats(t, dups); u != nil {
			return Build(u)
		}
	}
	for id, group := range dups {
		tr.resolveDuplicates(index, sharedClient, id, group)
	}

	missing := make(map[SpanID]int32) // missing parent ID → placeholder index
	for i := range t.Spans {
		s := &t.Spans[i]
		tr.Parent[i] = -1
		client, shared := sharedClient[int32(i)]
		switch {
		case shared:
			tr.Parent[i] = client
		case s.ParentID.IsZero():
		case s.ParentID == s.SpanID:
			tr.Marks[i] |= MarkCycle
		default:
			if p, ok := index[s.ParentID]; ok && p != int32(i) {
				tr.Parent[i] = p
			} else {
				tr.Marks[i] |= MarkOrphan
				tr.Parent[i] = tr.placeholder(missing, s)
			}
		}
		tr.markUntimed(i)
	}
	tr.breakCycles()
	tr.link()
	tr.buildTiming()
	tr.bounds()
	tr.flagSkew()
	tr.markAsync()
	tr.warn(zeroIDs, len(missing))
	return tr
}

// resolveDuplicates handles spans that share an ID. One client span and
// server spans are one Zipkin RPC (or a message fanned out to several
// receivers) whose server halves reuse the client's ID: the servers go
// under the client and the first takes over the ID, because the spans
// below were created in a server. Anything else is a duplicate.
func (tr *Tree) resolveDuplicates(index map[SpanID]int32, shared map[int32]int32, id SpanID, group []int32) {
	client, servers, firstServer := int32(-1), 0, int32(-1)
	for _, k := range group {
		switch tr.Trace.Spans[k].Kind {
		case KindClient:
			if client == -1 {
				client = k
			} else {
				client = -2 // two clients: not one RPC
			}
		case KindServer:
			servers++
			if firstServer < 0 {
				firstServer = k
			}
		}
	}
	if client >= 0 && servers == len(group)-1 {
		for _, k := range group {
			if k != client {
				tr.Marks[k] |= MarkSharedRPC
				shared[k] = client
			}
		}
		index[id] = firstServer
		return
	}
	for _, k := range group[1:] {
		tr.Marks[k] |= MarkDuplicateID
	}
}

func (tr *Tree) placeholder(missing map[SpanID]int32, orphan *Span) int32 {
	if p, ok := missing[orphan.ParentID]; ok {
		widenPlaceholder(tr.Span(p), orphan)
		return p
	}
	tr.Extra = append(tr.Extra, Span{
		TraceID: orphan.TraceID, SpanID: orphan.ParentID, Name: "missing parent", Placeholder: true,
	})
	widenPlaceholder(&tr.Extra[len(tr.Extra)-1], orphan)
	p := int32(len(tr.Parent))
	tr.Parent = append(tr.Parent, -1)
	tr.Marks = append(tr.Marks, MarkPlaceholder)
	missing[orphan.ParentID] = p
	return p
}

// breakCycles walks parent pointers with three colours; on reaching a span
// already on the current walk it cuts the cycle at its earliest-starting
// span. Each span is visited a bounded number of times: linear overall.
func (tr *Tree) breakCycles() {
	const (
		white = iota
		onPath
		done
	)
	state := make([]uint8, len(tr.Parent))
	var path []int32
	for start := range tr.Parent {
		path = path[:0]
		i := int32(start)
		for i >= 0 && state[i] == white {
			state[i] = onPath
			path = append(path, i)
			i = tr.Parent[i]
		}
		if i >= 0 && state[i] == onPath {
			k := slices.Index(path, i)
			cut := path[k]
			for _, j := range path[k:] {
				if tr.Span(j).Start < tr.Span(cut).Start {
					cut = j
				}
			}
			tr.Parent[cut] = -1
			tr.Marks[cut] |= MarkCycle
		}
		for _, j := range path {
			state[j] = done
		}
	}
}

// link fills the CSR children arrays (sorted by start, stable), the roots,
// the pre-order and per-span depth, position and subtree size.
func (tr *Tree) link() {
	n := len(tr.Parent)
	tr.childStart = make([]int32, n+1)
	for _, p := range tr.Parent {
		if p >= 0 {
			tr.childStart[p+1]++
		}
	}
	for i := 0; i < n; i++ {
		tr.childStart[i+1] += tr.childStart[i]
	}
	tr.children = make([]int32, tr.childStart[n])
	fill := slices.Clone(tr.childStart[:n])
	for i, p := range tr.Parent {
		if p >= 0 {
			tr.children[fill[p]] = int32(i)
			fill[p]++
		} else {
			tr.Roots = append(tr.Roots, int32(i))
		}
	}
	byStart := func(a, b int32) int {
		sa, sb := tr.Span(a).Start, tr.Span(b).Start
		if sa != sb {
			if sa < sb {
				return -1
			}
			return 1
		}
		return int(a - b)
	}
	for i := 0; i < n; i++ {
		if c := tr.Children(int32(i)); len(c) > 1 {
			slices.SortFunc(c, byStart)
		}
	}
	slices.SortFunc(tr.Roots, byStart)

	tr.Order = make([]int32, 0, n)
	tr.Pos = make([]int32, n)
	tr.Depth = make([]int32, n)
	tr.Size = make([]int32, n)
	stack := make([]int32, 0, 64)
	for r := len(tr.Roots) - 1; r >= 0; r-- {
		stack = append(stack, tr.Roots[r])
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		tr.Pos[i] = int32(len(tr.Order))
		tr.Order = append(tr.Order, i)
		if p := tr.Parent[i]; p >= 0 {
			tr.Depth[i] = tr.Depth[p] + 1
		}
		c := tr.Children(i)
		for k := len(c) - 1; k >= 0; k-- {
			stack = append(stack, c[k])
		}
	}
	// Sizes bottom-up: in reverse pre-order every child precedes its parent.
	for k := len(tr.Order) - 1; k >= 0; k-- {
		i := tr.Order[k]
		tr.Size[i]++
		if p := tr.Parent[i]; p >= 0 {
			tr.Size[p] += tr.Size[i]
		}
	}
}

// bounds is the extent of the timed spans, widened to the starts of the
// unended spans with no timed ancestor (a root that started at 0 ms and
// never ended still started then: the trace's window must not begin at its
// first child), whose open end makes the duration a lower bound. An
// unended span under a timed one ended, as far as anyone knows, within it
// (a start before it is clock skew, and stretches nothing). A span with
// no start says nothing: its one known time would stretch the trace to
// 1970 or to a moment nothing ran. A trace with no timed span keeps no
// extent (its duration is unknown, not 0 ns); buildTiming must run first.
func (tr *Tree) bounds() {
	first := true
	for i := range tr.Parent {
		s := tr.Span(int32(i))
		if !s.Timed() {
			continue
		}
		if first {
			tr.Start, tr.End, first = s.Start, s.End, false
			continue
		}
		tr.Start = min(tr.Start, s.Start)
		tr.End = max(tr.End, s.End)
	}
	if u, ok := tr.unendedUnder(int32(tr.Len())); ok && !first {
		tr.Start = min(tr.Start, u.Start)
		tr.End = max(tr.End, tr.timing.lastOpen)
		tr.EndUnknown = true
	}
}

func (tr *Tree) flagSkew() {
	for i, p := range tr.Parent {
		if p < 0 || tr.Marks[p]&MarkPlaceholder != 0 {
			continue
		}
		// An untimed span has nothing to compare: a missing start is not
		// "before its parent".
		s, ps := tr.Span(int32(i)), tr.Span(p)
		if !s.Timed() || !ps.Timed() {
			continue
		}
		if s.Start < ps.Start {
			tr.Marks[i] |= MarkStartsBeforeParent
		}
		if s.End > ps.End {
			tr.Marks[i] |= MarkEndsAfterParent
		}
	}
}
