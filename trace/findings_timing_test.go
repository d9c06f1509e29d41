package trace

import (
	"fmt"
	"slices"
	"testing"
)

const us = int64(1e3)

// Kind 7: findings only where true. No "sequential" finding for calls to
// one service (whatever their operations) or under a missing parent.
func TestSequentialIsOnlyForDifferentServices(t *testing.T) {
	for _, c := range []struct {
		name  string
		spans []Span
		want  bool
	}{
		{"three services", []Span{in("checkout", sp(1, 0, 0, 900, "POST /checkout")),
			withKind(in("inventory", sp(2, 1, 0, 300, "get stock")), KindServer),
			withKind(in("pricing", sp(3, 1, 300, 600, "get price")), KindServer),
			withKind(in("shipping", sp(4, 1, 600, 900, "get rates")), KindServer)}, true},
		// Made for tracetui (zipkin-sequential-calls-one-service.json):
		// three operations of one service, one after another.
		{"one service, three operations", []Span{in("checkout", sp(1, 0, 0, 900, "POST /checkout")),
			withKind(in("inventory", sp(2, 1, 0, 300, "get stock")), KindServer),
			withKind(in("inventory", sp(3, 1, 300, 600, "reserve")), KindServer),
			withKind(in("inventory", sp(4, 1, 600, 900, "commit")), KindServer)}, false},
		{"one service through client spans", []Span{in("checkout", sp(1, 0, 0, 900, "POST /checkout")),
			with(in("checkout", sp(2, 1, 0, 300, "GET /stock")), KindClient, "peer.service", "inventory"),
			with(in("checkout", sp(3, 1, 300, 600, "POST /reserve")), KindClient, "peer.service", "inventory")}, false},
		// Orphans of one missing parent may come from separate calls.
		{"under a missing parent", []Span{in("checkout", sp(1, 0, 0, 100, "POST /checkout")),
			withKind(in("inventory", sp(2, 9, 200, 500, "get stock")), KindServer),
			withKind(in("pricing", sp(3, 9, 500, 800, "get price")), KindServer)}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, f := find(c.spans...)
			if got := slices.Contains(kinds(f), FindingSequential); got != c.want {
				t.Errorf("sequential finding = %v, want %v: %+v", got, c.want, f.List)
			}
		})
	}
}

// N+1 totals and shares are computed on the calls clipped to the parent,
// so they never exceed it, and untimed spans take no part: never "774 µs of
// 271 µs", never "0 ns of 0 ns".
func TestNPlusOneIsMeasuredInsideItsParent(t *testing.T) {
	calls := func(parent byte, n int, start, each int64, mod func(Span) Span) []Span {
		var out []Span
		for k := 0; k < n; k++ {
			s := sp(byte(16+k), parent, 0, 0, "SELECT item")
			s.Start, s.End = t0+start+int64(k)*each, t0+start+int64(k+1)*each
			s = with(in("cart", s), KindClient, "db.statement", fmt.Sprintf("SELECT * FROM items WHERE id = %d", k))
			out = append(out, mod(s))
		}
		return out
	}
	same := func(s Span) Span { return s }
	parent := func(end int64) Span { s := in("cart", sp(1, 0, 0, 0, "load cart")); s.End = t0 + end; return s }
	noEnd := func(s Span) Span { s.End = 0; return s }
	for _, c := range []struct {
		name          string
		spans         []Span
		time, of, max int64 // ns; of < 0: no N+1 finding
		count         int
	}{
		// Made for tracetui (otlp-nplus1-overflows-parent.json): six calls
		// of 129 µs under a 271 µs parent, the last four past its end.
		{"calls overflow the parent", append([]Span{parent(271 * us)}, calls(1, 6, 0, 129*us, same)...), 271 * us, 271 * us, 129 * us, 6},
		{"calls inside the parent", append([]Span{parent(1000 * us)}, calls(1, 6, 10*us, 129*us, same)...), 774 * us, 1000 * us, 129 * us, 6},
		{"parent and calls without an end", append([]Span{noEnd(parent(0))}, calls(1, 5, 10*us, 10*us, noEnd)...), 0, -1, 0, 0},
		{"calls after the parent ended", append([]Span{parent(10 * us)}, calls(1, 5, 20*us, 10*us, same)...), 0, -1, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, f := find(c.spans...)
			k := slices.Index(kinds(f), FindingNPlusOne)
			if c.of < 0 {
				if k >= 0 {
					t.Errorf("N+1 reported: %+v", f.List[k])
				}
				return
			}
			if k < 0 {
				t.Fatalf("no N+1 in %v", kinds(f))
			}
			x := f.List[k]
			if x.Time != c.time || x.Of != c.of || x.Max != c.max || x.Count != c.count || x.Time > x.Of {
				t.Errorf("N+1 %d calls, %d µs of %d µs (max %d µs); want %d calls, %d of %d (max %d)",
					x.Count, x.Time/us, x.Of/us, x.Max/us, c.count, c.time/us, c.of/us, c.max/us)
			}
		})
	}
}

// Gaps end where an untimed child with a start began (case 14: the broken
// sleep starts at 10 ms; tick's time after it, before persist at 15 ms, is
// covered by no timed span but may be the sleep's: unknown, no gap).
func TestGapsEndWhereAnUnendedChildStarted(t *testing.T) {
	tr, f := find(sp(1, 0, 0, 40, "tick"), sp(2, 1, 10, 7, "sleep"), sp(3, 1, 15, 35, "persist"), sp(4, 1, 20, 30, "sleep"))
	k := slices.Index(kinds(f), FindingGap)
	if k < 0 || f.List[k].Time != 10*ms || f.List[k].After != -1 || tr.Span(f.List[k].Span).Name != "tick" {
		t.Errorf("gaps = %+v, want tick: 10 ms before its first child", f.List)
	}
}

// A child with no start says nothing about when it ran: gaps ignore it.
func TestGapsIgnoreChildrenWithNoStart(t *testing.T) {
	tr, f := find(sp(1, 0, 0, 40, "tick"), noTimes(sp(2, 1, 0, 0, "flush")), sp(3, 1, 15, 35, "persist"))
	k := slices.Index(kinds(f), FindingGap)
	if k < 0 || f.List[k].Time != 15*ms || f.List[k].After != -1 || tr.Span(f.List[k].Span).Name != "tick" {
		t.Errorf("gaps = %+v, want tick: 15 ms before its first child", f.List)
	}
}
