package query

import (
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// FuzzParse: any text the explorer's / or f (or --where) receives parses
// into a query, or an error with a column inside the text, and evaluates
// without panicking; Matches agrees with Eval.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"service=cart duration>50ms error", "%>2.5 kind=server", "duration<abc", "http.route=/v2/rates", "=", "%<", "d>1e400",
		`{ name =~ "GET.*" } >> { status = error }`, `{ span."a b" = 1 } | count() > 2`, `({ } || { .x != nil }) !~ { duration > 1ms }`,
		`{ } | avg(duration) > 20ms | { kind = server }`, `{ name = "é`, "{ .a = `x` }"} {
		f.Add(s)
	}
	tr := trace.Build(&trace.Trace{Spans: []trace.Span{
		{Name: "GET /", Start: 1, End: 10, Attrs: []trace.Attr{{Key: "http.route", Value: trace.StringValue("/v2/rates")}}},
		{Name: "db", Start: 2, End: 3, Status: trace.StatusError, SpanID: trace.SpanID{1}, ParentID: trace.SpanID{9},
			Resource: &trace.Resource{Attrs: []trace.Attr{{Key: "service.name", Value: trace.StringValue("cart")}}}},
	}})
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		if e, ok := q.Err().(*Error); ok && (e.Column < 1 || e.Column > len([]rune(s))+1) {
			t.Fatalf("%q: error column %d outside the query: %v", s, e.Column, e)
		}
		set := q.Eval(tr)
		for i := int32(0); i < int32(tr.Len()); i++ {
			if q.Matches(tr, i) != set.Has(i) {
				t.Fatalf("%q: Matches(%d) disagrees with Eval", s, i)
			}
		}
	})
}
