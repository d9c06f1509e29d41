package trace

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomTrace is a random recursive tree (each span's parent a uniformly
// random earlier span), in shuffled order, with times nested in parents.
func randomTrace(n int, seed uint64) *Trace {
	r := rand.New(rand.NewPCG(seed, 1))
	t := &Trace{Spans: make([]Span, n)}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[0], s.SpanID[1], s.SpanID[2], s.SpanID[3] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		s.SpanID[4] = 1
		if i == 0 {
			// A real start: 0 would mean "not recorded" and make the root untimed.
			s.Start, s.End = 1_790_000_000_000_000_000, 1_790_000_000_000_000_000+1e12
			continue
		}
		p := &t.Spans[r.IntN(i)]
		s.ParentID = p.SpanID
		d := p.End - p.Start
		s.Start = p.Start + r.Int64N(max(d, 1))
		s.End = s.Start + r.Int64N(max(p.End-s.Start, 1))
	}
	r.Shuffle(n, func(i, j int) { t.Spans[i], t.Spans[j] = t.Spans[j], t.Spans[i] })
	return t
}

func BenchmarkBuildAnalyze(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		t := randomTrace(n, 1)
		b.Run(fmt.Sprintf("1trace_spans=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Analyze(Build(t))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/span")
		})
	}
	// Every tenth span unended (no end): their parents' later time is
	// unknown; still linear (ns/span flat from 100k to 1M).
	for _, n := range []int{100_000, 1_000_000} {
		t := randomTrace(n, 1)
		for i := range t.Spans {
			if i%10 == 5 && !t.Spans[i].ParentID.IsZero() {
				t.Spans[i].End = 0
			}
		}
		b.Run(fmt.Sprintf("1trace_unended=10%%_spans=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Analyze(Build(t))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/span")
		})
	}
	traces := make([]*Trace, 100)
	for k := range traces {
		traces[k] = randomTrace(10_000, uint64(k))
	}
	b.Run("100traces_spans=10000", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, t := range traces {
				Analyze(Build(t))
			}
		}
	})
}

// BenchmarkFindings runs Find on random traces with realistic variety:
// 20 services, 50 operation names, a statement on every tenth span.
func BenchmarkFindings(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		t := randomTrace(n, 11)
		res := make([]*Resource, 20)
		for k := range res {
			res[k] = &Resource{Service: fmt.Sprintf("service-%d", k)}
		}
		for i := range t.Spans {
			s := &t.Spans[i]
			s.Resource = res[i%len(res)]
			s.Name = fmt.Sprintf("operation %d", i%50)
			if i%10 == 0 {
				s.Kind = KindClient
				s.Attrs = []Attr{{Key: "db.statement", Value: StringValue(fmt.Sprintf("SELECT * FROM t WHERE id = %d", i%1000))}}
			}
		}
		tr := Build(t)
		a := Analyze(tr)
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			for b.Loop() {
				Find(tr, a, FindOptions{})
			}
		})
	}
}

// BenchmarkBuildRepeats builds 50,000 spans with 8 attributes each
// delivered twice, the second copy decoded apart (its text elsewhere):
// what comparing spans in full costs when every span is a candidate.
func BenchmarkBuildRepeats(b *testing.B) {
	t := randomTrace(50_000, 1)
	res := &Resource{Service: "svc", Attrs: []Attr{{Key: "service.name", Value: StringValue("svc")}}}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.Resource, s.Name = res, "op"
		for k := range 8 {
			v := IntValue(int64(k))
			if k%2 == 0 {
				v = StringValue(fmt.Sprintf("value-%d-%d", i, k))
			}
			s.Attrs = append(s.Attrs, Attr{Key: fmt.Sprintf("attr.%d", k), Value: v})
		}
	}
	twice := &Trace{Spans: append([]Span(nil), t.Spans...)}
	for i := range t.Spans {
		s := t.Spans[i]
		s.Attrs = append([]Attr(nil), s.Attrs...)
		for k := range s.Attrs {
			if s.Attrs[k].Value.Kind() == ValueString {
				s.Attrs[k].Value = StringValue(string([]byte(s.Attrs[k].Value.Str())))
			}
		}
		twice.Spans = append(twice.Spans, s)
	}
	b.ReportAllocs()
	for range b.N {
		if tr := Build(twice); len(tr.Trace.Spans) != len(t.Spans) {
			b.Fatalf("%d spans kept, want %d", len(tr.Trace.Spans), len(t.Spans))
		}
	}
}
