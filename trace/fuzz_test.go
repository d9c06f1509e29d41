package trace

import (
	"cmp"
	"slices"
	"testing"
)

// traceFromBytes turns fuzz bytes into a small broken trace: every 6 bytes
// are a span (id, parent, start, length, kind, status) from a tiny ID space,
// so duplicates, cycles, orphans and odd times are common.
func traceFromBytes(b []byte) *Trace {
	t := &Trace{}
	for len(b) >= 6 {
		s := Span{Start: int64(b[2]) * 10, Kind: SpanKind(b[4] % 6), Status: StatusCode(b[5] % 3)}
		s.SpanID[7] = b[0] % 16
		s.ParentID[7] = b[1] % 18
		switch {
		case b[3] == 0:
			s.End = 0
		case b[3] > 240:
			s.End = s.Start - int64(b[3]-240)
		default:
			s.End = s.Start + int64(b[3])*7
		}
		t.Spans = append(t.Spans, s)
		b = b[6:]
	}
	return t
}

func FuzzBuild(f *testing.F) {
	f.Add([]byte{1, 0, 0, 100, 2, 0, 2, 1, 5, 20, 3, 2, 3, 2, 6, 10, 1, 2})
	f.Add([]byte{1, 3, 0, 100, 2, 0, 2, 1, 5, 20, 3, 2, 3, 2, 6, 10, 1, 2})
	f.Add([]byte{1, 1, 0, 0, 2, 0, 1, 0, 5, 250, 3, 2, 2, 9, 6, 10, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		tr := Build(traceFromBytes(b))
		a := Analyze(tr)
		n := tr.Len()
		seen := make([]bool, n)
		if len(tr.Order) != n {
			t.Fatalf("order has %d of %d spans", len(tr.Order), n)
		}
		for p, i := range tr.Order {
			if seen[i] {
				t.Fatalf("span %d drawn twice", i)
			}
			seen[i] = true
			if tr.Pos[i] != int32(p) {
				t.Fatalf("pos mismatch")
			}
			if q := tr.Parent[i]; q >= 0 && (tr.Pos[q] >= int32(p) || tr.Pos[q]+tr.Size[q] < int32(p)+tr.Size[i]) {
				t.Fatalf("span %d not inside its parent's subtree", i)
			}
		}
		for i := int32(0); i < int32(n); i++ {
			d := tr.Span(i).Duration()
			if a.Self[i] < 0 || a.Self[i] > d || a.Critical[i] < 0 || a.Critical[i] > d {
				t.Fatalf("span %d: self %d critical %d duration %d", i, a.Self[i], a.Critical[i], d)
			}
			// Unknown time is neither self time nor time on the path.
			if u, ok := a.UnknownOf(i); ok && (u.Time <= 0 || a.Self[i]+u.Time > d || !tr.Span(u.After).Unended()) {
				t.Fatalf("span %d: self %d unknown %+v duration %d", i, a.Self[i], u, d)
			}
			if tr.Marks[i]&MarkPlaceholder == 0 && a.Critical[i] > a.Self[i] {
				t.Fatalf("span %d: %d on the path, more than its self time %d", i, a.Critical[i], a.Self[i])
			}
		}
		// Known and unknown stretches of the path never overlap.
		segs := append(slices.Clone(a.CriticalPath), a.UnknownPath...)
		slices.SortFunc(segs, func(x, y Segment) int { return cmp.Compare(x.Start, y.Start) })
		for k := 1; k < len(segs); k++ {
			if segs[k].Start < segs[k-1].End {
				t.Fatalf("path stretches overlap: %+v, %+v", segs[k-1], segs[k])
			}
		}
		if a.PathTime+a.UnknownPathTime > tr.Duration() {
			t.Fatalf("path %d + unknown %d longer than the trace, %d", a.PathTime, a.UnknownPathTime, tr.Duration())
		}
	})
}
