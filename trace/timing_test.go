package trace

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Kind 2: each critical-path entry carries its time on the path, the
// entries add up to the path's length, and the bottleneck is the entry
// holding the most of it. Shapes from testdata/cases (CASES.md).
func TestCriticalPathEntriesAddUpToThePath(t *testing.T) {
	orphan := sp(3, 9, 150, 450, "send email") // its parent never arrived
	orphan.Kind = KindConsumer
	for _, c := range []struct {
		name       string
		spans      []Span
		entries    []string
		onPath     []int64 // ms, per entry
		length     int64   // ms
		bottleneck string
	}{
		{"09 child overflows its parent on both sides",
			[]Span{sp(1, 0, 0, 50, "handle"), sp(2, 1, 10, 30, "call db"), sp(3, 2, 5, 40, "query")},
			[]string{"handle", "call db", "query"}, []int64{30, 0, 20}, 50, "handle"},
		{"04 orphan beside a complete request",
			[]Span{sp(1, 0, 0, 200, "get /profile"), sp(2, 1, 20, 120, "load profile"), orphan},
			[]string{"get /profile", "load profile", "send email"}, []int64{50, 100, 300}, 450, "send email"},
		// Made for tracetui: the child starts 10 ms before its parent and
		// ends inside it; clipped, it holds 25 ms, less than the root's 30,
		// although its unclipped self time (35 ms) is the largest.
		{"child overflows its parent on the left only",
			[]Span{sp(1, 0, 0, 70, "GET /orders"), sp(2, 1, 10, 50, "call inventory"), sp(3, 2, 0, 35, "SELECT stock")},
			[]string{"GET /orders", "call inventory", "SELECT stock"}, []int64{30, 15, 25}, 70, "GET /orders"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, a := build(c.spans...)
			if got := names(tr, a.Path); !slices.Equal(got, c.entries) {
				t.Fatalf("entries = %v, want %v", got, c.entries)
			}
			sum := int64(0)
			for k, i := range a.Path {
				if a.Critical[i] != c.onPath[k]*ms {
					t.Errorf("%s: %v on the path, want %d ms", tr.Span(i).Name, float64(a.Critical[i])/float64(ms), c.onPath[k])
				}
				sum += a.Critical[i]
			}
			if sum != c.length*ms || a.PathTime != c.length*ms {
				t.Errorf("entries add up to %d ms, path length %d ms; want %d", sum/ms, a.PathTime/ms, c.length)
			}
			if a.Bottleneck < 0 || tr.Span(a.Bottleneck).Name != c.bottleneck {
				t.Errorf("bottleneck = %d, want %s", a.Bottleneck, c.bottleneck)
			}
		})
	}
}

// adversarialTrace is a random tree with what real producers send: children
// overflowing their parents, overlapping siblings, orphans, and spans with
// no start, no end or an end before the start.
func adversarialTrace(n int, seed uint64) *Trace {
	r := rand.New(rand.NewPCG(seed, 3))
	t := &Trace{Spans: make([]Span, n)}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[6], s.SpanID[7] = byte(i>>8), byte(i+1)
		s.Start = t0 + r.Int64N(1000)*ms
		s.End = s.Start + r.Int64N(300)*ms
		if i > 0 {
			p := &t.Spans[r.IntN(i)]
			s.ParentID = p.SpanID
			if r.IntN(3) > 0 { // mostly nested, sometimes anywhere
				d := max(p.End-p.Start, 1)
				s.Start = p.Start + r.Int64N(d) - r.Int64N(d/4+1)
				s.End = s.Start + r.Int64N(d)
			}
			if r.IntN(20) == 0 {
				s.ParentID[0] = 0xee // its parent never arrives
			}
		}
		switch r.IntN(25) {
		case 0:
			s.Start = 0
		case 1:
			s.End = 0
		case 2:
			s.End = s.Start - ms
		}
	}
	return t
}

// The definitions hold on any trace: entries add up to the path's length,
// the bottleneck is the entry with the most time on the path, no span holds
// more of the path than its self time, and untimed spans and placeholders
// are never entries.
func TestCriticalPathDefinitionsHoldOnRandomTraces(t *testing.T) {
	for seed := uint64(0); seed < 300; seed++ {
		tr, a := build(adversarialTrace(1+int(seed%60), seed).Spans...)
		sum, best := int64(0), int32(-1)
		for _, i := range a.Path {
			sum += a.Critical[i]
			if s := tr.Span(i); s.Placeholder || !s.Timed() {
				t.Fatalf("seed %d: %s (placeholder %v, timed %v) is an entry", seed, s.Name, s.Placeholder, s.Timed())
			}
			if best < 0 || a.Critical[i] > a.Critical[best] {
				best = i
			}
		}
		if sum != a.PathTime || a.PathTime > tr.Duration() {
			t.Fatalf("seed %d: entries add up to %d, path %d, trace %d", seed, sum, a.PathTime, tr.Duration())
		}
		if a.PathTime > 0 && (a.Bottleneck < 0 || a.Critical[a.Bottleneck] != a.Critical[best]) {
			t.Fatalf("seed %d: bottleneck %d holds less of the path than entry %d", seed, a.Bottleneck, best)
		}
		for i := int32(0); i < int32(tr.Len()); i++ {
			if a.Critical[i] > a.Self[i] {
				t.Fatalf("seed %d: span %d holds %d ns of the path, more than its self time %d", seed, i, a.Critical[i], a.Self[i])
			}
			if a.Critical[i] > 0 && !a.OnCriticalPath(i) {
				t.Fatalf("seed %d: span %d holds time on the path but is no entry", seed, i)
			}
		}
	}
}
