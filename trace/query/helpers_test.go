package query

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// sp describes one span of a hand-built tree: its ID and its parent's
// (0: a root), "service name", a duration, and options.
type sp struct {
	id, parent byte
	label      string // "service name"
	dur        time.Duration
	opts       []func(*trace.Span)
}

func status(c trace.StatusCode) func(*trace.Span) { return func(s *trace.Span) { s.Status = c } }
func kind(k trace.SpanKind) func(*trace.Span)     { return func(s *trace.Span) { s.Kind = k } }
func attr(k string, v trace.Value) func(*trace.Span) {
	return func(s *trace.Span) { s.Attrs = append(s.Attrs, trace.Attr{Key: k, Value: v}) }
}
func event(name string, attrs ...trace.Attr) func(*trace.Span) {
	return func(s *trace.Span) { s.Events = append(s.Events, trace.Event{Name: name, Attrs: attrs}) }
}
func link(traceID trace.TraceID) func(*trace.Span) {
	return func(s *trace.Span) { s.Links = append(s.Links, trace.Link{TraceID: traceID}) }
}
func message(m string) func(*trace.Span) { return func(s *trace.Span) { s.StatusMessage = m } }
func str(v string) trace.Value           { return trace.StringValue(v) }
func num(v int64) trace.Value            { return trace.IntValue(v) }
func strs(vs ...string) trace.Value {
	items := make([]trace.Attr, len(vs))
	for k, v := range vs {
		items[k].Value = trace.StringValue(v)
	}
	return trace.ArrayValue(items)
}
func nums(vs ...int64) trace.Value {
	items := make([]trace.Attr, len(vs))
	for k, v := range vs {
		items[k].Value = trace.IntValue(v)
	}
	return trace.ArrayValue(items)
}

// build makes a tree: span k starts k ms after the trace and lasts dur;
// spans of one service share one resource, as decoders make them.
func build(spans ...sp) *trace.Tree {
	t := &trace.Trace{ID: trace.TraceID{0xab, 0xcd, 15: 1}}
	res := map[string]*trace.Resource{}
	for k, d := range spans {
		svc, name, _ := strings.Cut(d.label, " ")
		r := res[svc]
		if r == nil {
			r = &trace.Resource{Service: svc, Attrs: []trace.Attr{{Key: "service.name", Value: trace.StringValue(svc)}}}
			res[svc] = r
		}
		s := trace.Span{TraceID: t.ID, Name: name, Resource: r, Start: 1e9 + int64(k)*1e6}
		s.SpanID[7] = d.id
		if d.parent != 0 {
			s.ParentID[7] = d.parent
		}
		s.End = s.Start + int64(d.dur)
		for _, o := range d.opts {
			o(&s)
		}
		t.Spans = append(t.Spans, s)
	}
	return trace.Build(t)
}

// names lists the selected spans as "service name", in pre-order.
func names(tr *trace.Tree, set Set) []string {
	out := []string{}
	for _, i := range tr.Order {
		if set.Has(i) {
			s := tr.Span(i)
			out = append(out, s.Service()+" "+s.Name)
		}
	}
	return out
}

func mustCompile(t *testing.T, text string) *Query {
	t.Helper()
	q, err := Compile(text)
	if err != nil {
		t.Fatalf("Compile(%q): %v", text, err)
	}
	return q
}

// check compares what query selects in tr with want ("service name" in
// pre-order), and that MatchesTrace and Matches agree with it.
func check(t *testing.T, tr *trace.Tree, query string, want ...string) {
	t.Helper()
	q := mustCompile(t, query)
	set := q.Eval(tr)
	got := names(tr, set)
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s\n got  %q\n want %q", query, got, want)
	}
	if q.MatchesTrace(tr) != (len(want) > 0) {
		t.Errorf("%s: MatchesTrace = %v with %d spans selected", query, q.MatchesTrace(tr), len(want))
	}
	for i := int32(0); i < int32(tr.Len()); i++ {
		if q.Matches(tr, i) != set.Has(i) {
			t.Errorf("%s: Matches(%d) = %v, Eval says %v", query, i, q.Matches(tr, i), set.Has(i))
		}
	}
}
