package diff

import (
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// sp is a span in a built trace: ids are small numbers, times are ms from
// the trace's base.
type sp struct {
	id, parent int
	svc, name  string
	start, end int64
	err        bool
}

const hour = int64(3600e9)

// build makes an analyzed trace (with findings, so runs fold) from spans.
func build(base int64, spans ...sp) trace.Analyzed {
	t := &trace.Trace{ID: trace.TraceID{byte(base % 251), 1}}
	res := map[string]*trace.Resource{}
	for _, s := range spans {
		if res[s.svc] == nil {
			res[s.svc] = &trace.Resource{Service: s.svc}
		}
		x := trace.Span{TraceID: t.ID, SpanID: trace.SpanID{byte(s.id >> 16), byte(s.id >> 8), byte(s.id), 1}, Name: s.name,
			Start: base + s.start*1e6, End: base + s.end*1e6, Resource: res[s.svc]}
		if s.parent > 0 {
			x.ParentID = trace.SpanID{byte(s.parent >> 16), byte(s.parent >> 8), byte(s.parent), 1}
		}
		if s.err {
			x.Status = trace.StatusError
		}
		t.Spans = append(t.Spans, x)
	}
	return trace.AnalyzeOne(t, trace.PipelineOptions{Steps: trace.StepFindings})
}

const base = int64(1_790_000_000_000_000_000)

// checkout is a small request: a cart call, a rates call (with a query
// below it) and a charge.
func checkout(base int64, rates int64, chargeErr bool) trace.Analyzed {
	return build(base,
		sp{1, 0, "checkout", "POST /checkout", 0, 100 + rates + 50, false || chargeErr},
		sp{2, 1, "cart", "GET /v1/cart", 10, 40, false},
		sp{3, 1, "shipping", "GET /v2/rates", 50, 50 + rates, false},
		sp{4, 3, "shipping", "SELECT rates", 55, 60, false},
		sp{5, 1, "payment", "POST /v1/charges", 60 + rates, 90 + rates, chargeErr},
	)
}

func changedRows(d *Diff, th Threshold) []string {
	var out []string
	for i := range d.Rows {
		if d.Rows[i].Changed(th) {
			out = append(out, d.Rows[i].Service+" "+d.Rows[i].Name)
		}
	}
	return out
}

func TestIdenticalTracesHaveNoDiff(t *testing.T) {
	d := Align(checkout(base, 200, false), checkout(base, 200, false))
	if len(d.Rows) != 5 {
		t.Fatalf("rows = %d, want 5 (one per span)", len(d.Rows))
	}
	if got := changedRows(d, Threshold{}); len(got) != 0 {
		t.Errorf("changed rows %v, want none", got)
	}
	if v := d.Verdict(Threshold{}); v.Changed != 0 || v.Top != -1 || d.BottleneckMoved() {
		t.Errorf("verdict %+v, moved=%v; want nothing", v, d.BottleneckMoved())
	}
}

func TestOneSpanSlowerIsTheTopChange(t *testing.T) {
	d := Align(checkout(base, 200, false), checkout(base, 3000, false))
	v := d.Verdict(Threshold{})
	if v.Top < 0 || d.Rows[v.Top].Name != "GET /v2/rates" {
		t.Fatalf("top change = %d, want the rates call", v.Top)
	}
	r := d.Rows[v.Top]
	if r.SelfChange() != 2800e6 || r.DurChange() != 2800e6 {
		t.Errorf("rates change dur %d self %d, want +2.8 s both", r.DurChange(), r.SelfChange())
	}
	if v.DurB-v.DurA != 2800e6 {
		t.Errorf("trace change %d, want +2.8 s", v.DurB-v.DurA)
	}
	// The root grew too (its duration), the cart call and the query did not.
	want := []string{"checkout POST /checkout", "shipping GET /v2/rates"}
	if got := changedRows(d, Threshold{}); !equal(got, want) {
		t.Errorf("changed %v, want %v", got, want)
	}
	// A threshold hides the small changes and keeps the big one.
	if got := changedRows(d, Threshold{Abs: 3000e6}); len(got) != 0 {
		t.Errorf("with a 3 s threshold, changed %v, want none", got)
	}
}

func TestAddedAndRemovedSpans(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /", 0, 100, false},
		sp{2, 1, "cache", "GET key", 10, 20, false},
		sp{3, 1, "db", "SELECT", 30, 60, false},
	)
	b := build(base,
		sp{1, 0, "api", "GET /", 0, 100, false},
		sp{3, 1, "db", "SELECT", 30, 60, false},
		sp{4, 1, "search", "POST /query", 60, 90, false},
		sp{5, 4, "search", "scan", 61, 80, false},
	)
	d := Align(a, b)
	var added, removed []string
	for _, r := range d.Rows {
		switch {
		case r.Added():
			added = append(added, r.Name)
		case r.Removed():
			removed = append(removed, r.Name)
		}
	}
	if !equal(added, []string{"POST /query", "scan"}) || !equal(removed, []string{"GET key"}) {
		t.Errorf("added %v removed %v; want [POST /query scan] and [GET key]", added, removed)
	}
	// The removed call keeps its place: first under the root, as in A.
	if d.Rows[1].Name != "GET key" || d.Rows[1].Parent != 0 {
		t.Errorf("row 1 = %q under %d, want the removed cache call under the root", d.Rows[1].Name, d.Rows[1].Parent)
	}
	if v := d.Verdict(Threshold{}); v.Added != 2 || v.Removed != 1 {
		t.Errorf("verdict added %d removed %d, want 2 and 1", v.Added, v.Removed)
	}
}

func nPlusOne(n int) trace.Analyzed {
	spans := []sp{{1, 0, "inventory", "ListCartItems", 0, int64(10 + 7*n), false}}
	for k := range n {
		spans = append(spans, sp{10 + k, 1, "inventory", "SELECT items", int64(5 + 7*k), int64(11 + 7*k), false})
	}
	return build(base, spans...)
}

func TestNPlusOneRunAlignsAsOneRowWithCounts(t *testing.T) {
	d := Align(nPlusOne(6), nPlusOne(25))
	if len(d.Rows) != 2 {
		t.Fatalf("rows = %d, want 2 (the parent and one run row)", len(d.Rows))
	}
	r := d.Rows[1]
	if !r.Run || r.A.Count() != 6 || r.B.Count() != 25 {
		t.Errorf("run row: run=%v counts %d → %d, want a run ×6 → ×25", r.Run, r.A.Count(), r.B.Count())
	}
	if r.A.Dur != 36e6 || r.B.Dur != 150e6 {
		t.Errorf("run time %d → %d, want 36 ms → 150 ms", r.A.Dur, r.B.Dur)
	}
	if !r.Changed(Threshold{Abs: 1e9}) {
		t.Error("a run that grew from 6 to 25 calls is a change whatever the time threshold")
	}
}

func TestNewErrorIsReported(t *testing.T) {
	d := Align(checkout(base, 200, false), checkout(base, 200, true))
	v := d.Verdict(Threshold{})
	var names []string
	for _, i := range v.NewErrors {
		names = append(names, d.Rows[i].Name)
	}
	// The checkout fails too, but only because the charge did: one new error.
	if !equal(names, []string{"POST /v1/charges"}) {
		t.Errorf("new errors %v, want the charge", names)
	}
	if r := d.Rows[0]; !r.NewError() {
		t.Error("the root's row should still show its new error status")
	}
	back := Align(checkout(base, 200, true), checkout(base, 200, false)).Verdict(Threshold{})
	if len(back.FixedErrors) != 1 || len(back.NewErrors) != 0 {
		t.Errorf("B fixed the error: fixed %v new %v", back.FixedErrors, back.NewErrors)
	}
}

// A call that failed in A and that B does not make was not fixed: it is a
// removed error, not a fixed one.
func TestRemovedFailedCallIsNotFixed(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /", 0, 100, false},
		sp{2, 1, "cart", "GET session", 10, 20, true},
	)
	b := build(base, sp{1, 0, "api", "GET /", 0, 100, false})
	d := Align(a, b)
	v := d.Verdict(Threshold{})
	if len(v.FixedErrors) != 0 || len(v.RemovedErrors) != 1 || d.Rows[v.RemovedErrors[0]].Name != "GET session" {
		t.Errorf("fixed %v removed %v; want GET session removed, nothing fixed", v.FixedErrors, v.RemovedErrors)
	}
	for _, r := range d.Rows {
		if r.Removed() && (r.FixedError() || !r.RemovedError()) {
			t.Errorf("removed row %s: fixed %v removed error %v", r.Name, r.FixedError(), r.RemovedError())
		}
	}
}

func TestReorderedSiblingsAreNotAChange(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /", 0, 100, false},
		sp{2, 1, "cache", "GET key", 10, 30, false},
		sp{3, 1, "db", "SELECT", 40, 70, false},
	)
	b := build(base, // the same calls, the other way round
		sp{1, 0, "api", "GET /", 0, 100, false},
		sp{3, 1, "db", "SELECT", 10, 40, false},
		sp{2, 1, "cache", "GET key", 50, 70, false},
	)
	d := Align(a, b)
	if got := changedRows(d, Threshold{}); len(got) != 0 {
		t.Errorf("changed %v, want none", got)
	}
	if len(d.Rows) != 3 {
		t.Errorf("rows = %d, want 3: each call matched, none added or removed", len(d.Rows))
	}
}

func TestClockOffsetIsNotAChange(t *testing.T) {
	d := Align(checkout(base, 200, false), checkout(base+5*hour, 200, false))
	if got := changedRows(d, Threshold{}); len(got) != 0 {
		t.Errorf("changed %v, want none: only the wall clock differs", got)
	}
	if r := d.Rows[2]; r.A.Offset != r.B.Offset || r.A.Offset != 50e6 {
		t.Errorf("offsets %d and %d, want 50 ms from each trace's start", r.A.Offset, r.B.Offset)
	}
}

func TestBottleneckMoved(t *testing.T) {
	a := build(base,
		sp{1, 0, "api", "GET /", 0, 1000, false},
		sp{2, 1, "db", "SELECT", 10, 900, false},
	)
	b := build(base,
		sp{1, 0, "api", "GET /", 0, 1000, false},
		sp{2, 1, "db", "SELECT", 10, 40, false},
	)
	d := Align(a, b)
	if !d.BottleneckMoved() || d.Rows[d.BottleA].Name != "SELECT" || d.Rows[d.BottleB].Name != "GET /" {
		t.Errorf("bottleneck rows %d → %d, want SELECT → GET /", d.BottleA, d.BottleB)
	}
}

func TestOnlyChangedKeepsAncestors(t *testing.T) {
	d := Align(checkout(base, 200, false), checkout(base, 200, true))
	show := d.Visible(Threshold{}, true)
	var names []string
	for i, ok := range show {
		if ok {
			names = append(names, d.Rows[i].Name)
		}
	}
	if !equal(names, []string{"POST /checkout", "POST /v1/charges"}) {
		t.Errorf("shown %v, want the root and the failed charge", names)
	}
}

func TestDeepChainDoesNotRecurse(t *testing.T) {
	spans := make([]sp, 0, 100_000)
	for i := 1; i <= 100_000; i++ {
		spans = append(spans, sp{id: i, parent: i - 1, svc: "s", name: "n", start: int64(i), end: 300_000 - int64(i)})
	}
	a := build(base, spans...)
	d := Align(a, a)
	if len(d.Rows) != 100_000 || d.Rows[99_999].Depth != 99_999 {
		t.Errorf("rows %d, last depth %d; want a 100,000-deep chain", len(d.Rows), d.Rows[len(d.Rows)-1].Depth)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
