package trace

import (
	"fmt"
	"slices"
	"testing"
)

var resources = map[string]*Resource{}

// in puts a span in a service (resources shared, as decoders do).
func in(service string, s Span) Span {
	if resources[service] == nil {
		resources[service] = &Resource{Service: service}
	}
	s.Resource = resources[service]
	return s
}

func with(s Span, kind SpanKind, attrs ...string) Span {
	s.Kind = kind
	for k := 0; k+1 < len(attrs); k += 2 {
		s.Attrs = append(s.Attrs, Attr{Key: attrs[k], Value: StringValue(attrs[k+1])})
	}
	return s
}

func find(spans ...Span) (*Tree, *Findings) {
	tr, a := build(spans...)
	return tr, Find(tr, a, FindOptions{})
}

func kinds(f *Findings) []FindingKind {
	var out []FindingKind
	for _, x := range f.List {
		out = append(out, x.Kind)
	}
	return out
}

// inventory asks the database for 25 items one row at a time.
func nPlusOne(parallel bool, n int) []Span {
	spans := []Span{in("inventory", sp(1, 0, 0, 215, "ListCartItems"))}
	for k := 0; k < n; k++ {
		start := int64(10 + 7*k)
		if parallel {
			start = 10
		}
		s := in("inventory", sp(byte(10+k), 1, start, start+7, "SELECT items"))
		spans = append(spans, with(s, KindClient, "db.statement", fmt.Sprintf("SELECT * FROM items WHERE id = %d", k)))
	}
	return spans
}

func TestRepeatedSequentialCallsAreNPlusOne(t *testing.T) {
	tr, f := find(nPlusOne(false, 25)...)
	if !slices.Contains(kinds(f), FindingNPlusOne) {
		t.Fatalf("no N+1 in %v", kinds(f))
	}
	x := f.List[slices.IndexFunc(f.List, func(x Finding) bool { return x.Kind == FindingNPlusOne })]
	if x.Count != 25 || x.Time != 175*ms || x.Of != 215*ms || x.Max != 7*ms || tr.Span(x.Span).Name != "ListCartItems" {
		t.Errorf("N+1 = %+v", x)
	}
	if len(f.Folded) != 25 || !f.Repeats[0].Sequential {
		t.Errorf("the 25 calls should fold into one sequential group: %d folded", len(f.Folded))
	}
}

func TestParallelOrFewRepeatsAreNotNPlusOne(t *testing.T) {
	_, f := find(nPlusOne(true, 25)...)
	if slices.Contains(kinds(f), FindingNPlusOne) {
		t.Error("25 parallel calls are not N+1")
	}
	if len(f.Repeats) != 1 || f.Repeats[0].Sequential {
		t.Error("parallel repeats still fold, marked parallel")
	}
	// A cache hit repeated twice is below the threshold.
	_, f = find(in("cart", sp(1, 0, 0, 100, "GetCart")),
		with(in("cart", sp(2, 1, 10, 12, "GET")), KindClient, "db.statement", "GET cart:42"),
		with(in("cart", sp(3, 1, 20, 22, "GET")), KindClient, "db.statement", "GET cart:43"))
	if slices.Contains(kinds(f), FindingNPlusOne) || len(f.Folded) != 0 {
		t.Errorf("two calls fold or report: %v", kinds(f))
	}
}

func TestDuplicateCallsWhereverTheyOccur(t *testing.T) {
	_, f := find(in("web", sp(1, 0, 0, 100, "GET /page")),
		in("web", sp(2, 1, 0, 50, "render header")),
		with(in("web", sp(3, 2, 5, 15, "GET")), KindClient, "url.full", "http://users/api/me"),
		with(in("web", sp(4, 1, 60, 70, "GET")), KindClient, "url.full", "http://users/api/me"),
		with(in("web", sp(5, 1, 80, 90, "GET")), KindClient, "url.full", "http://users/api/settings"))
	var dup []Finding
	for _, x := range f.List {
		if x.Kind == FindingDuplicate {
			dup = append(dup, x)
		}
	}
	if len(dup) != 1 || dup[0].Count != 2 || !slices.Equal(dup[0].Spans, []int32{2, 3}) {
		t.Errorf("duplicates = %+v", dup)
	}
}

func TestServiceCycles(t *testing.T) {
	_, f := find(in("orders", sp(1, 0, 0, 100, "POST /orders")),
		with(in("orders", sp(2, 1, 10, 90, "GET /price")), KindClient),
		with(in("pricing", sp(3, 2, 11, 89, "GET /price")), KindServer),
		with(in("pricing", sp(4, 3, 20, 80, "GET /orders/1")), KindClient),
		with(in("orders", sp(5, 4, 21, 79, "GET /orders/1")), KindServer))
	i := slices.Index(kinds(f), FindingCycle)
	if i < 0 {
		t.Fatalf("no cycle in %v", kinds(f))
	}
	if x := f.List[i]; !slices.Equal(x.Path, []string{"orders", "pricing", "orders"}) || !slices.Equal(x.Spans, []int32{2, 4}) {
		t.Errorf("cycle %v spans %v", x.Path, x.Spans)
	}
	// One client/server pair is an edge, not a loop.
	_, f = find(in("orders", sp(1, 0, 0, 100, "POST /orders")),
		with(in("orders", sp(2, 1, 10, 90, "GET /price")), KindClient, "peer.service", "pricing"),
		with(in("pricing", sp(3, 2, 11, 89, "GET /price")), KindServer))
	if slices.Contains(kinds(f), FindingCycle) {
		t.Error("a client/server pair reported as a cycle")
	}
}

func TestGapAfterTheLastChild(t *testing.T) {
	tr, f := find(in("checkout", sp(1, 0, 0, 2000, "POST /checkout")),
		in("checkout", sp(2, 1, 0, 100, "ValidateCart")),
		in("checkout", sp(3, 1, 100, 800, "CreateOrder")))
	i := slices.Index(kinds(f), FindingGap)
	if i < 0 {
		t.Fatalf("no gap in %v", kinds(f))
	}
	if x := f.List[i]; x.Time != 1200*ms || tr.Span(x.After).Name != "CreateOrder" {
		t.Errorf("gap %+v", x)
	}
	// Fully covered: no gap.
	_, f = find(in("a", sp(1, 0, 0, 100, "root")), in("a", sp(2, 1, 0, 60, "x")), in("a", sp(3, 1, 50, 100, "y")))
	if slices.Contains(kinds(f), FindingGap) {
		t.Error("gap reported in a fully covered span")
	}
}

func TestSequentialCallsToDifferentServices(t *testing.T) {
	_, f := find(in("checkout", sp(1, 0, 0, 900, "POST /checkout")),
		with(in("checkout", sp(2, 1, 0, 300, "GetStock")), KindClient, "peer.service", "inventory"),
		with(in("checkout", sp(3, 1, 300, 600, "GetPrice")), KindClient, "peer.service", "pricing"),
		with(in("checkout", sp(4, 1, 600, 900, "GetRates")), KindClient, "peer.service", "shipping"))
	i := slices.Index(kinds(f), FindingSequential)
	if i < 0 || f.List[i].Time != 600*ms || f.List[i].Count != 3 {
		t.Fatalf("sequential: %v", f.List)
	}
	// The same calls in parallel save nothing.
	_, f = find(in("checkout", sp(1, 0, 0, 300, "POST /checkout")),
		with(in("checkout", sp(2, 1, 0, 300, "GetStock")), KindClient, "peer.service", "inventory"),
		with(in("checkout", sp(3, 1, 0, 300, "GetPrice")), KindClient, "peer.service", "pricing"))
	if slices.Contains(kinds(f), FindingSequential) {
		t.Error("parallel calls reported as sequential")
	}
}

func TestParentOwnTimeOnTheCriticalPath(t *testing.T) {
	// Many short children spread over the handler: no single gap, yet
	// most of its time is its own.
	spans := []Span{in("api", sp(1, 0, 0, 1000, "handler"))}
	for k := 0; k < 10; k++ {
		spans = append(spans, in("api", sp(byte(2+k), 1, int64(k*100), int64(k*100+10), fmt.Sprintf("step %d", k))))
	}
	tr, f := find(spans...)
	i := slices.Index(kinds(f), FindingSelf)
	if i < 0 || tr.Span(f.List[i].Span).Name != "handler" || f.List[i].Time != 900*ms || slices.Contains(kinds(f), FindingGap) {
		t.Errorf("self: %v", f.List)
	}
}

func TestAsyncChildAfterItsParentIsNoGapInside(t *testing.T) {
	_, f := find(in("a", sp(1, 0, 0, 100, "root")), in("a", sp(2, 1, 0, 100, "publish")), in("b", sp(3, 2, 500, 900, "consume")))
	for _, x := range f.List {
		if x.Kind == FindingGap && x.Span == 1 {
			t.Errorf("publish ends before its consumer starts: no gap inside it, got %+v", x)
		}
	}
}

func TestContextAndSamplingFromRootAndResource(t *testing.T) {
	root := with(in("checkout", sp(1, 0, 0, 100, "POST /checkout")), KindServer, "user.id", "u-7", "sampler.type", "probabilistic")
	root.Flags, root.TraceState = 0x101, "vendor=x"
	root.Resource = &Resource{Service: "checkout", Attrs: []Attr{{Key: "deployment.environment", Value: StringValue("prod")}}}
	child := with(in("orders", sp(2, 1, 10, 20, "GET")), KindClient, "app.order.id", "o-9", "user.id", "someone else")
	child.DroppedAttrs = 3
	tr, _ := build(root, child)
	got := map[string]string{}
	for _, a := range append(tr.Context(), tr.Sampling()...) {
		got[a.Key] = a.Value.AsString()
	}
	want := map[string]string{"user.id": "u-7", "deployment.environment": "prod", "app.order.id": "o-9",
		"sampler.type": "probabilistic", "sampled": "true", "tracestate": "vendor=x"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all %v)", k, got[k], v, got)
		}
	}
	if !hasWarning(tr, Warning{Kind: WarnDropped, Count: 3}) {
		t.Errorf("dropped counts not warned: %v", tr.Warnings)
	}
}
