package trace_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// fullLine is the list line as the whole pipeline makes it.
func fullLine(t *trace.Trace) trace.Summary {
	tr := trace.Build(t)
	return trace.Summarize(tr, trace.Analyze(tr))
}

// The list line made without the analysis (and without the tree when the
// trace is well formed) is the one the pipeline makes, over random trees
// broken in every way the builder judges: orphans, repeated and zero IDs,
// shared RPC IDs, self-parents, cycles, untimed spans, ties in start and
// in service time, context attributes anywhere.
func TestSummarizeTraceIsSummarize(t *testing.T) {
	fast, slow := 0, 0
	for seed := range uint64(3000) {
		tr := brokenTrace(seed)
		want := fullLine(tr)
		if got := trace.SummarizeTrace(tr); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: SummarizeTrace\n got %+v\nwant %+v", seed, got, want)
		}
		if got := trace.SummarizeTree(trace.Build(tr)); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: SummarizeTree\n got %+v\nwant %+v", seed, got, want)
		}
		if _, ok := trace.SummarizeSpans(tr); ok {
			fast++
		} else {
			slow++
		}
	}
	// Both paths must have been compared, each many times.
	t.Logf("fast %d slow %d", fast, slow)
	if fast < 500 || slow < 500 {
		t.Errorf("%d traces summarized in one pass, %d from the tree: the generator no longer covers both", fast, slow)
	}
}

var contextAttrs = []string{"user.id", "order.id", "deployment.environment", "session.id", "http.request_id", "app.request.id"}

// brokenTrace is a small random trace with, by chance, each kind of
// damage and each context placement.
func brokenTrace(seed uint64) *trace.Trace {
	r := rand.New(rand.NewPCG(seed, 19))
	n := 1 + r.IntN(40)
	t := tracegen.RandomTrace(n, seed)
	sp := t.Spans
	pick := func() *trace.Span { return &sp[r.IntN(n)] }
	chance := func(p float64) bool { return r.Float64() < p }
	attr := func() trace.Attr {
		return trace.Attr{Key: contextAttrs[r.IntN(len(contextAttrs))], Value: trace.StringValue(fmt.Sprint(r.IntN(3)))}
	}
	if chance(0.5) { // context on the root or its resource
		if chance(0.5) {
			sp[0].Attrs = append(sp[0].Attrs, attr(), attr())
		} else {
			res := *sp[0].Resource
			res.Attrs = []trace.Attr{attr()}
			sp[0].Resource = &res
		}
	}
	if chance(0.2) { // context elsewhere
		s := pick()
		s.Attrs = append(s.Attrs, attr())
	}
	if chance(0.1) { // a shared resource with context
		res := &trace.Resource{Service: "shared", Attrs: []trace.Attr{attr()}}
		for range 1 + r.IntN(n) {
			pick().Resource = res
		}
	}
	if chance(0.1) {
		pick().Resource = nil
	}
	if chance(0.3) { // ties in start, between roots and among siblings
		st := sp[0].Start
		for range 1 + r.IntN(n) {
			s := pick()
			s.Start, s.End = st, st+int64(r.IntN(3))*1e6
		}
	}
	if chance(0.2) { // ties in service time: every span as long as every other
		for i := range sp {
			sp[i].End = sp[i].Start + 1e6
		}
	}
	if chance(0.2) { // more roots
		pick().ParentID = trace.SpanID{}
	}
	if chance(0.2) {
		pick().Status = trace.StatusError
	}
	if chance(0.08) { // an orphan
		pick().ParentID = trace.SpanID{9, 9, 9, byte(r.IntN(2))}
	}
	if chance(0.05) { // a self-parent
		s := pick()
		s.ParentID = s.SpanID
	}
	if chance(0.05) { // a cycle through the root
		sp[0].ParentID = pick().SpanID
	}
	if chance(0.05) { // a repeated ID: an exact repeat, a shared RPC or a duplicate
		a, b := pick(), pick()
		if chance(0.3) {
			*b = *a
		} else {
			b.SpanID = a.SpanID
			a.Kind, b.Kind = trace.KindClient, trace.SpanKind(r.IntN(4))
		}
	}
	if chance(0.04) {
		pick().SpanID = trace.SpanID{}
	}
	if chance(0.06) { // untimed: no start, no end, or the end first
		s := pick()
		switch r.IntN(3) {
		case 0:
			s.Start = 0
		case 1:
			s.End = 0
		default:
			s.End = s.Start - 1
		}
	}
	if chance(0.02) {
		pick().Placeholder = true
	}
	r.Shuffle(n, func(i, j int) { sp[i], sp[j] = sp[j], sp[i] })
	return t
}

func TestSummarizeSpansDeclinesEmpty(t *testing.T) {
	if _, ok := trace.SummarizeSpans(&trace.Trace{}); ok {
		t.Error("an empty trace must go to the tree")
	}
	if got, want := trace.SummarizeTrace(&trace.Trace{}), fullLine(&trace.Trace{}); !reflect.DeepEqual(got, want) {
		t.Errorf("empty trace:\n got %+v\nwant %+v", got, want)
	}
}

// A deep trace past the context scan, its context on the root's resource
// as tracegen writes it, is summarized in one pass.
func TestSummarizeSpansBigTrace(t *testing.T) {
	tr := tracegen.RandomTrace(20_000, 3)
	for i := range tr.Spans {
		if tr.Spans[i].Resource.Attrs == nil {
			tr.Spans[i].Resource.Attrs = []trace.Attr{{Key: "deployment.environment", Value: trace.StringValue("bench")}}
		}
	}
	got, ok := trace.SummarizeSpans(tr)
	if !ok {
		t.Fatal("a well-formed trace went to the tree")
	}
	if want := fullLine(tr); !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}

func BenchmarkSummarize(b *testing.B) {
	for _, c := range []struct{ spans, traces int }{{10, 100_000}, {1_000_000, 1}} {
		traces := make([]*trace.Trace, c.traces)
		for k := range traces {
			traces[k] = tracegen.RandomTrace(c.spans, uint64(k))
		}
		b.Run(fmt.Sprintf("spans=%d/traces=%d/analyze", c.spans, c.traces), func(b *testing.B) {
			for range b.N {
				for _, t := range traces {
					fullLine(t)
				}
			}
		})
		b.Run(fmt.Sprintf("spans=%d/traces=%d/tree", c.spans, c.traces), func(b *testing.B) {
			for range b.N {
				for _, t := range traces {
					trace.SummarizeTree(trace.Build(t))
				}
			}
		})
		b.Run(fmt.Sprintf("spans=%d/traces=%d/spans", c.spans, c.traces), func(b *testing.B) {
			for range b.N {
				for _, t := range traces {
					trace.SummarizeTrace(t)
				}
			}
		})
	}
}
