package trace

import "math"

// SummarizeTrace is t's list line, the same as Summarize(Build(t),
// Analyze(...)) gives, at a fraction of the cost: a well-formed trace
// (SummarizeSpans) is summarized in one pass over its spans with no tree;
// any other gets its tree but no analysis.
func SummarizeTrace(t *Trace) Summary {
	if s, ok := SummarizeSpans(t); ok {
		return s
	}
	return SummarizeTree(Build(t))
}

// SummarizeTree is Summarize without the analysis, which the list line
// takes only its error count and service order from.
func SummarizeTree(tr *Tree) Summary {
	errors := 0
	var tally serviceTally
	for i := int32(0); i < int32(tr.Len()); i++ {
		s := tr.Span(i)
		// As Analyze: errorRoles skips what the builder made up,
		// serviceStats what says it is made up.
		if s.IsError() && tr.Marks[i]&MarkPlaceholder == 0 {
			errors++
		}
		if !s.Placeholder {
			tally.add(s)
		}
	}
	return treeLine(tr, errors, tally.names())
}

// SummarizeSpans is SummarizeTrace's one pass: it reports ok = false,
// having made nothing, for a trace whose line needs the tree builder's
// judgement (no spans, a zero or repeated span ID, a span with no start or
// end or ending before it starts, a parent that never arrived or that is
// the span itself, a cycle) or its pre-order (a context attribute that
// the naming span lacks found on another span).
func SummarizeSpans(t *Trace) (Summary, bool) {
	spans := t.Spans
	n := len(spans)
	if n == 0 || n >= math.MaxInt32 {
		return Summary{}, false
	}
	var idBuf [smallTrace]SpanID
	var parentBuf [smallTrace]int32
	idx := newSpanIndex(n, idBuf[:0])
	start, end := spans[0].Start, spans[0].End
	errors := 0
	var statBuf [tallyScan]ServiceStat
	tally := serviceTally{stats: statBuf[:0]}
	for i := range spans {
		s := &spans[i]
		if s.SpanID.IsZero() || s.Placeholder || !s.Timed() || !idx.add(s.SpanID) {
			return Summary{}, false
		}
		start, end = min(start, s.Start), max(end, s.End)
		if s.IsError() {
			errors++
		}
		tally.add(s)
	}
	parent := parentBuf[:0]
	if n > smallTrace {
		parent = make([]int32, 0, n)
	}
	naming := int32(-1) // the earliest root, the first of equals: Tree.Roots[0]
	for i := range spans {
		s := &spans[i]
		if s.ParentID.IsZero() {
			parent = append(parent, -1)
			if naming < 0 || s.Start < spans[naming].Start {
				naming = int32(i)
			}
			continue
		}
		p := idx.find(s.ParentID)
		if p < 0 || p == int32(i) {
			return Summary{}, false
		}
		parent = append(parent, p)
	}
	idx = spanIndex{}
	if naming < 0 || !acyclic(parent) {
		return Summary{}, false
	}
	root := &spans[naming]
	ctx, ok := spanContext(spans, root)
	if !ok {
		return Summary{}, false
	}
	return Summary{ID: t.DisplayID(), RootService: root.Service(), RootName: root.Name, Start: start,
		Duration: end - start, Spans: n, Errors: errors, Services: tally.names(), Context: ctx}, true
}

// acyclic reports whether following parent links from every span ends at
// a root. Each span is visited at most twice.
func acyclic(parent []int32) bool {
	const (
		white = iota
		onPath
		done
	)
	var buf [smallTrace]uint8
	state := buf[:0]
	if len(parent) > smallTrace {
		state = make([]uint8, 0, len(parent))
	}
	state = state[:len(parent)]
	for start := range parent {
		i := int32(start)
		for i >= 0 && state[i] == white {
			state[i] = onPath
			i = parent[i]
		}
		if i >= 0 && state[i] == onPath {
			return false
		}
		for j := int32(start); j >= 0 && state[j] == onPath; j = parent[j] {
			state[j] = done
		}
	}
	return true
}

// spanContext is Tree.Context when the naming span root is the tree's
// first span in pre-order: what root holds comes first, and if no other
// span holds a key root lacks, the rest of the walk adds nothing, so its
// order does not matter. ok = false when some span does.
func spanContext(spans []Span, root *Span) ([]string, bool) {
	var out []string
	seen := make([]bool, len(contextKeys))
	left := len(contextKeys)
	for k, key := range contextKeys {
		v, ok := Lookup(root.Attrs, key)
		if !ok && root.Resource != nil {
			v, ok = Lookup(root.Resource.Attrs, key)
		}
		if ok {
			seen[k] = true
			left--
			out = append(out, key+"="+v.AsString())
		}
	}
	if left == 0 {
		return out, true
	}
	holds := func(attrs []Attr) bool {
		for i := range attrs {
			if k := contextKeyIndex(attrs[i].Key); k >= 0 && !seen[k] {
				return true
			}
		}
		return false
	}
	var lastRes *Resource
	for i := range spans {
		s := &spans[i]
		if holds(s.Attrs) {
			return nil, false
		}
		// Spans of one process share their resource: look at it once.
		if s.Resource != nil && s.Resource != lastRes {
			if holds(s.Resource.Attrs) {
				return nil, false
			}
			lastRes = s.Resource
		}
	}
	return out, true
}

// contextKeyFirst has, per key length, a bit for each first letter
// ('a' is bit 0) a context key of that length starts with.
var contextKeyFirst = func() (m [32]uint32) {
	for _, k := range contextKeys {
		m[len(k)] |= 1 << (k[0] - 'a')
	}
	return m
}()

// smallTrace is the size up to which a trace's span IDs are searched in
// a slice on the stack rather than a map: most traces of a big file are
// a few dozen spans.
const smallTrace = 64

// spanIndex finds a span by ID. add reports false for an ID already
// added; find returns -1 for an ID never added.
type spanIndex struct {
	ids []SpanID
	m   map[SpanID]int32
}

// newSpanIndex is an index of n spans; buf, of capacity smallTrace, holds
// a small trace's IDs.
func newSpanIndex(n int, buf []SpanID) spanIndex {
	if n > smallTrace {
		return spanIndex{m: make(map[SpanID]int32, n)}
	}
	return spanIndex{ids: buf}
}

func (x *spanIndex) add(id SpanID) bool {
	if x.m == nil {
		if x.find(id) >= 0 {
			return false
		}
		// Within buf's capacity: n <= smallTrace.
		x.ids = x.ids[:len(x.ids)+1]
		x.ids[len(x.ids)-1] = id
		return true
	}
	n := len(x.m)
	x.m[id] = int32(n)
	return len(x.m) > n
}

func (x *spanIndex) find(id SpanID) int32 {
	if x.m == nil {
		for i := range x.ids {
			if x.ids[i] == id {
				return int32(i)
			}
		}
		return -1
	}
	if i, ok := x.m[id]; ok {
		return i
	}
	return -1
}

// serviceTally sums span durations per service, for the list line's
// service order (serviceStats' order, without the rest of its totals).
type serviceTally struct {
	stats   []ServiceStat
	index   map[string]int // once there are many services
	lastRes *Resource      // the resource of the span before, and its service's place
	lastK   int
	any     bool
}

// tallyScan is how many services are searched by name before a map.
const tallyScan = 16

func (st *serviceTally) add(s *Span) {
	if !st.any || s.Resource != st.lastRes || s.Resource == nil {
		st.lastRes, st.lastK, st.any = s.Resource, st.place(s.Service()), true
	}
	st.stats[st.lastK].Total += s.Duration()
}

func (st *serviceTally) place(name string) int {
	if st.index != nil {
		if k, ok := st.index[name]; ok {
			return k
		}
	} else {
		for k := range st.stats {
			if st.stats[k].Name == name {
				return k
			}
		}
	}
	k := len(st.stats)
	if k == cap(st.stats) {
		// Never append: a tally on the stack keeps its first services there.
		grown := make([]ServiceStat, k, 2*k+tallyScan)
		copy(grown, st.stats)
		st.stats = grown
	}
	st.stats = st.stats[:k+1]
	st.stats[k] = ServiceStat{Name: name}
	if st.index == nil && len(st.stats) > tallyScan {
		st.index = make(map[string]int, 2*tallyScan)
		for j := range st.stats {
			st.index[st.stats[j].Name] = j
		}
	} else if st.index != nil {
		st.index[name] = k
	}
	return k
}

// names are the services by total time, descending, then name; nil for none.
func (st *serviceTally) names() []string {
	if len(st.stats) == 0 {
		return nil
	}
	sortServices(st.stats)
	out := make([]string, len(st.stats))
	for k := range st.stats {
		out[k] = st.stats[k].Name
	}
	return out
}

// contextKeyIndex is key's place in contextKeys, -1 if it is not one:
// every attribute of every span is asked, so most are turned away by
// their length and first letter alone.
func contextKeyIndex(key string) int {
	if len(key) == 0 || len(key) >= len(contextKeyFirst) || key[0] < 'a' || key[0] > 'z' ||
		contextKeyFirst[len(key)]&(1<<(key[0]-'a')) == 0 {
		return -1
	}
	switch key {
	case "user.id":
		return 0
	case "enduser.id":
		return 1
	case "app.user.id":
		return 2
	case "app.order.id":
		return 3
	case "order.id":
		return 4
	case "order_id":
		return 5
	case "correlation.id":
		return 6
	case "correlation_id":
		return 7
	case "request.id":
		return 8
	case "http.request_id":
		return 9
	case "session.id":
		return 10
	case "tenant.id":
		return 11
	case "deployment.environment":
		return 12
	case "deployment.environment.name":
		return 13
	}
	return -1
}
