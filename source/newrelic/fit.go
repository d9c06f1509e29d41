package newrelic

import "github.com/tracetui/tracetui/trace"

// msSlack is how much later than its timestamp a span may have started:
// agents send the start cut to the ms, so it lies in [timestamp,
// timestamp+1 ms).
const msSlack = 999_999

// fitStarts places each span's start within the millisecond its timestamp
// names, so that a segment fits inside its parent where the recorded
// times allow it. Taken at the start of their ms, a segment that ends
// just before its transaction (the last call of a handler) would seem to
// end after it — each start is cut by a different fraction of a ms — and
// every such segment would be marked as async work or clock skew. Here
// each span takes the earliest start in its ms that keeps its children
// inside it and it inside its parent (bottom-up, a parent's feasible
// starts are narrowed by each child's; top-down, each takes the
// earliest), which is its timestamp unless a child needs it later. A child
// that cannot fit anywhere in its ms (it outlives its parent by more:
// async work) is left outside. Durations are never changed; a start moves
// by less than 1 ms, within the ms the agent recorded. slack[i] says
// whether span i's start was cut to the ms (an integer timestamp).
func fitStarts(spans []trace.Span, slack []bool) {
	type key struct {
		t trace.TraceID
		s trace.SpanID
	}
	n := len(spans)
	timed := func(i int) bool { return spans[i].Start > 0 && spans[i].End > spans[i].Start }
	index := make(map[key]int, n)
	for i := range spans {
		if timed(i) {
			index[key{spans[i].TraceID, spans[i].SpanID}] = i
		}
	}
	parent := make([]int, n)
	children := make([][]int, n)
	var order []int
	for i := range spans {
		parent[i] = -1
		if !timed(i) || spans[i].ParentID.IsZero() {
			continue
		}
		if p, ok := index[key{spans[i].TraceID, spans[i].ParentID}]; ok && p != i {
			parent[i] = p
			children[p] = append(children[p], i)
		}
	}
	// Parents before children, from each root; a cycle (hostile input)
	// has no root and is left as it is.
	seen := make([]bool, n)
	for i := range spans {
		if parent[i] < 0 && timed(i) {
			seen[i] = true
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, c := range children[order[k]] {
			if !seen[c] {
				seen[c] = true
				order = append(order, c)
			}
		}
	}
	lo, hi := make([]int64, n), make([]int64, n)
	for _, i := range order {
		lo[i], hi[i] = spans[i].Start, spans[i].Start
		if slack[i] {
			hi[i] += msSlack
		}
	}
	// fits[c]: c is kept inside its parent.
	fits := make([]bool, n)
	for k := len(order) - 1; k >= 0; k-- {
		c := order[k]
		p := parent[c]
		if p < 0 || !seen[p] {
			continue
		}
		dp, dc := spans[p].End-spans[p].Start, spans[c].End-spans[c].Start
		if dc > dp {
			continue
		}
		// The parent's start s must leave c room: s ≤ c's start ≤ s+dp-dc.
		nlo, nhi := max(lo[p], lo[c]-(dp-dc)), min(hi[p], hi[c])
		if nlo > nhi {
			continue
		}
		lo[p], hi[p], fits[c] = nlo, nhi, true
	}
	for _, i := range order {
		start := lo[i]
		if p := parent[i]; p >= 0 && fits[i] {
			start = max(lo[i], spans[p].Start)
		}
		spans[i].End += start - spans[i].Start
		spans[i].Start = start
	}
}
