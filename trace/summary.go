package trace

// Summary is one line of a trace list: what a store's search returns
// before the trace itself is fetched, and what a loaded trace reduces to.
type Summary struct {
	ID          string // display form: hex, or the text an opaque ID had
	RootService string
	RootName    string
	Start       int64 // unix nanoseconds; 0 when unknown
	Duration    int64 // nanoseconds; a lower bound when EndUnknown
	EndUnknown  bool  // Tree.EndUnknown: a span never ended, so the trace's end is not known
	Spans       int   // -1 when the store did not say
	Errors      int   // -1 when the store did not say
	Services    []string
	Context     []string // key=value: user, order, correlation IDs, environment
}

// NamingSpan is the span that names a trace: the earliest real root, else
// (no root arrived) the earliest orphan under a placeholder; -1 if empty.
func (t *Tree) NamingSpan() int32 {
	for _, r := range t.Roots {
		if !t.Span(r).Placeholder {
			return r
		}
	}
	if len(t.Roots) == 0 {
		return -1
	}
	r := t.Roots[0]
	if c := t.Children(r); len(c) > 0 {
		return c[0]
	}
	return r
}

// Summarize reduces an analyzed trace to its list line.
func Summarize(t *Tree, a *Analysis) Summary {
	var names []string
	for _, svc := range a.Services {
		names = append(names, svc.Name)
	}
	return treeLine(t, a.Errors, names)
}

// treeLine is the list line of t given what the analysis adds to it: the
// error count and the service names, by total time.
func treeLine(t *Tree, errors int, services []string) Summary {
	s := Summary{ID: t.Trace.DisplayID(), Start: t.Start, Duration: t.Duration(), EndUnknown: t.EndUnknown,
		Spans: len(t.Trace.Spans), Errors: errors, Services: services}
	if r := t.NamingSpan(); r >= 0 {
		sp := t.Span(r)
		s.RootService, s.RootName = sp.Service(), sp.Name
	}
	for _, c := range t.Context() {
		s.Context = append(s.Context, c.Key+"="+c.Value.AsString())
	}
	return s
}
