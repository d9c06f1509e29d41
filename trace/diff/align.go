package diff

import (
	"github.com/tracetui/tracetui/trace"
)

// Side is what one trace holds for an aligned row: one span, or every
// member of a run of repeated calls.
type Side struct {
	Spans    []int32 // span indexes in that trace's tree; empty: the row is not in this trace
	Dur      int64   // summed duration of the timed spans, ns
	Self     int64   // summed self time, ns
	Offset   int64   // earliest start minus the trace's start, ns
	Errors   int     // spans with status ERROR
	Critical bool    // a span of the row is on the critical path
	Bottle   bool    // the row holds the trace's bottleneck
	Origin   bool    // an error starts here (not one passed up from below)
	// SelfUnknown: a span of the row has time nobody can attribute (an
	// unended span started under it, trace.Analysis.Unknown): Self is only
	// what is known to be its own, no measurement to compare.
	SelfUnknown bool
	// Untimed spans (no start, no end, or an end before the start) are
	// among Spans; a side with any has no duration to compare. (int32
	// beside the bools: no row grows for it.)
	Untimed int32
}

// Present reports whether the row exists in this trace.
func (s Side) Present() bool { return len(s.Spans) > 0 }

// Timed reports a present side whose every span has its times.
func (s Side) Timed() bool { return s.Present() && s.Untimed == 0 }

// Count is the number of calls the row stands for.
func (s Side) Count() int { return len(s.Spans) }

// Row is one line of the merged tree.
type Row struct {
	Parent        int32 // row index, -1 for a root
	Depth         int32
	Service, Name string // as recorded (render sanitizes)
	Run           bool   // a run of repeated calls on at least one side
	A, B          Side
}

// Added reports a row only B has; Removed one only A has.
func (r *Row) Added() bool   { return !r.A.Present() && r.B.Present() }
func (r *Row) Removed() bool { return r.A.Present() && !r.B.Present() }

// NewError: the row failed in B and not in A (an added row that failed
// is a new error). FixedError: it failed in A and runs without error in
// B; a removed row that failed in A is not fixed, it is not called
// (RemovedError).
func (r *Row) NewError() bool     { return r.B.Errors > 0 && r.A.Errors == 0 }
func (r *Row) FixedError() bool   { return r.A.Errors > 0 && r.B.Present() && r.B.Errors == 0 }
func (r *Row) RemovedError() bool { return r.Removed() && r.A.Errors > 0 }

// Timed reports a row present and timed on both sides: only then are
// its times compared (an untimed span's 0 ns is no measurement).
func (r *Row) Timed() bool { return r.A.Timed() && r.B.Timed() }

// SelfKnown reports a Timed row whose self time is known on both sides
// (see Side.SelfUnknown): only then is it compared.
func (r *Row) SelfKnown() bool { return r.Timed() && !r.A.SelfUnknown && !r.B.SelfUnknown }

// DurChange and SelfChange are B minus A, ns; 0 unless the row is Timed
// (SelfChange: unless its self time is known, SelfKnown).
func (r *Row) DurChange() int64 {
	if !r.Timed() {
		return 0
	}
	return r.B.Dur - r.A.Dur
}

func (r *Row) SelfChange() int64 {
	if !r.SelfKnown() {
		return 0
	}
	return r.B.Self - r.A.Self
}

// Diff is two traces aligned, rows in tree order (pre-order, siblings in
// B's order, rows only A has placed after the sibling they followed in A).
type Diff struct {
	A, B trace.Analyzed
	Rows []Row
	// BottleA and BottleB are the rows holding each trace's bottleneck, -1 if none.
	BottleA, BottleB int32
}

// Duration is the whole trace's duration on each side, ns.
func (d *Diff) Duration() (a, b int64) { return d.A.Tree.Duration(), d.B.Tree.Duration() }

// Align matches b's spans to a's. Runs of repeated calls are taken from
// each side's Findings (Folded) when present: a key that is a run on either
// side becomes one row with both counts (×6 → ×25). Without findings,
// repeated siblings pair off in start order.
func Align(a, b trace.Analyzed) *Diff {
	// Rows never outnumber the spans of both sides: sized once, the big
	// row array is never copied while growing.
	n := a.Tree.Len() + b.Tree.Len()
	al := aligner{a: a, b: b, index: map[key]int{}, rows: make([]Row, 0, n), kids: make([][2]int32, 0, n)}
	al.walk()
	return al.preOrder()
}

type key struct{ service, name string }

// task is a pair of sibling lists waiting to be aligned under a row: an
// explicit stack instead of recursion, so a chain of 100,000 spans cannot
// overflow anything.
type task struct {
	parent, depth int32
	a, b          []int32
}

type aligner struct {
	a, b trace.Analyzed
	rows []Row // in discovery order
	// kids is per row its children as a range of rows: a task adds all of
	// one parent's rows in a row, so they are contiguous.
	kids   [][2]int32
	roots  []int32
	index  map[key]int // scratch: key → group, for parents with many children
	useMap bool
	gs     []group // scratch
}

// group is the spans of one key among the siblings of one parent.
type group struct {
	k    key
	a, b []int32
}

func (al *aligner) walk() {
	stack := []task{{parent: -1, a: al.a.Tree.Roots, b: al.b.Tree.Roots}}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, g := range al.groups(t.a, t.b) {
			if al.isRun(g) {
				stack = al.add(stack, t, g.k, true, g.a, g.b)
				continue
			}
			// Not a run: calls pair by duration (pairDurations), so two
			// same-name calls that swapped times are not two changes.
			if len(g.a) <= 1 && len(g.b) <= 1 { // the common case: nothing to pair
				stack = al.add(stack, t, g.k, false, g.a, g.b)
				continue
			}
			for _, p := range al.pairDurations(g.a, g.b) {
				stack = al.add(stack, t, g.k, false, at1(g.a, p[0]), at1(g.b, p[1]))
			}
		}
	}
}

// at1 is s[k] as a one-span slice, nil for k < 0.
func at1(s []int32, k int) []int32 {
	if k >= 0 {
		return s[k : k+1]
	}
	return nil
}

// add records a row under t's parent and queues its children.
func (al *aligner) add(stack []task, t task, k key, run bool, a, b []int32) []task {
	idx := int32(len(al.rows))
	al.rows = append(al.rows, Row{Parent: t.parent, Depth: t.depth, Service: k.service, Name: k.name, Run: run,
		A: side(al.a, a), B: side(al.b, b)})
	al.kids = append(al.kids, [2]int32{})
	if t.parent < 0 {
		al.roots = append(al.roots, idx)
	} else if k := &al.kids[t.parent]; k[1] == 0 {
		*k = [2]int32{idx, idx + 1}
	} else {
		k[1] = idx + 1
	}
	ca, cb := children(al.a.Tree, a), children(al.b.Tree, b)
	if len(ca)+len(cb) > 0 {
		stack = append(stack, task{parent: idx, depth: t.depth + 1, a: ca, b: cb})
	}
	return stack
}

// preOrder lays the rows out as the tree reads: each row, then its subtree,
// then its next sibling.
func (al *aligner) preOrder() *Diff {
	d := &Diff{A: al.a, B: al.b, BottleA: -1, BottleB: -1, Rows: make([]Row, 0, len(al.rows))}
	newIdx := make([]int32, len(al.rows))
	stack := make([]int32, 0, 64)
	for k := len(al.roots) - 1; k >= 0; k-- {
		stack = append(stack, al.roots[k])
	}
	for len(stack) > 0 {
		old := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		r := al.rows[old]
		if r.Parent >= 0 {
			r.Parent = newIdx[r.Parent]
		}
		idx := int32(len(d.Rows))
		newIdx[old] = idx
		if r.A.Bottle {
			d.BottleA = idx
		}
		if r.B.Bottle {
			d.BottleB = idx
		}
		d.Rows = append(d.Rows, r)
		kids := al.kids[old]
		for k := kids[1] - 1; k >= kids[0]; k-- {
			stack = append(stack, k)
		}
	}
	return d
}

// groups splits one parent's children (on each side) by service and name,
// in B's order; a key only A has goes right after the key it followed in A,
// so a removed call shows where it used to be.
func (al *aligner) groups(a, b []int32) []group {
	al.gs = al.gs[:0]
	// A few siblings are matched by scanning; many through the map, which
	// is emptied key by key after (clearing a map costs its capacity, and
	// one wide parent would make every later clear slow).
	al.useMap = len(a)+len(b) > 16
	if al.useMap {
		defer func() {
			for _, g := range al.gs {
				delete(al.index, g.k)
			}
		}()
	}
	for _, i := range b {
		s := al.b.Tree.Span(i)
		g, _ := al.find(key{s.Service(), s.Name})
		al.gs[g].b = append(al.gs[g].b, i)
	}
	inB := len(al.gs)
	var after []int // per A-only group: the group it follows (-1: first)
	prev := -1
	for _, i := range a {
		s := al.a.Tree.Span(i)
		g, added := al.find(key{s.Service(), s.Name})
		if added {
			after = append(after, prev)
		}
		al.gs[g].a = append(al.gs[g].a, i)
		prev = g
	}
	gs := al.gs
	if len(after) == 0 {
		return gs
	}
	return placeRemoved(gs, inB, after)
}

// find returns k's group, adding it when new.
func (al *aligner) find(k key) (g int, added bool) {
	if al.useMap {
		if g, ok := al.index[k]; ok {
			return g, false
		}
		al.index[k] = len(al.gs)
	} else {
		for g := range al.gs {
			if al.gs[g].k == k {
				return g, false
			}
		}
	}
	al.gs = append(al.gs, group{k: k})
	return len(al.gs) - 1, true
}

// placeRemoved orders the groups only A has after the group each followed.
func placeRemoved(gs []group, inB int, after []int) []group {
	out := make([]group, 0, len(gs))
	pending := map[int][]int{} // group → A-only groups to place after it
	for k, p := range after {
		pending[p] = append(pending[p], inB+k)
	}
	var place func(g int)
	place = func(g int) {
		for _, x := range pending[g] {
			out = append(out, gs[x])
			place(x)
		}
	}
	place(-1)
	for g := 0; g < inB; g++ {
		out = append(out, gs[g])
		place(g)
	}
	return out
}

func (al *aligner) isRun(g group) bool {
	return folded(al.a.Findings, g.a) || folded(al.b.Findings, g.b)
}

func folded(f *trace.Findings, spans []int32) bool {
	return f != nil && len(spans) > 1 && f.Folded[spans[0]] != nil
}

// children are the children of every span a row stands for.
func children(tr *trace.Tree, spans []int32) []int32 {
	switch len(spans) {
	case 0:
		return nil
	case 1:
		return tr.Children(spans[0])
	}
	var out []int32
	for _, s := range spans {
		out = append(out, tr.Children(s)...)
	}
	return out
}

func side(t trace.Analyzed, spans []int32) Side {
	s := Side{Spans: spans}
	if len(spans) == 0 {
		return s
	}
	tr, a := t.Tree, t.Analysis
	first := int64(0)
	for k, i := range spans {
		sp := tr.Span(i)
		if !sp.Timed() {
			s.Untimed++
		}
		s.Dur += sp.Duration()
		s.Self += a.Self[i]
		if _, ok := a.UnknownOf(i); ok {
			s.SelfUnknown = true
		}
		if sp.IsError() {
			s.Errors++
		}
		s.Critical = s.Critical || a.OnCriticalPath(i)
		s.Bottle = s.Bottle || a.Bottleneck == i
		s.Origin = s.Origin || a.Roles[i] == trace.RoleOrigin
		if k == 0 || sp.Start < first {
			first = sp.Start
		}
	}
	s.Offset = first - tr.Start
	return s
}
