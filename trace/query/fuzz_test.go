package query

import (
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// FuzzParse: any text the explorer's / or f (or --where) receives parses
// into a query that matches spans without panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"service=cart duration>50ms error", "%>2.5 kind=server", "duration<abc", "http.route=/v2/rates", "=", "%<", "d>1e400"} {
		f.Add(s)
	}
	tr := trace.Build(&trace.Trace{Spans: []trace.Span{
		{Name: "GET /", Start: 1, End: 10, Attrs: []trace.Attr{{Key: "http.route", Value: trace.StringValue("/v2/rates")}}},
		{Name: "db", Start: 2, End: 3, Status: trace.StatusError, Resource: &trace.Resource{Attrs: []trace.Attr{{Key: "service.name", Value: trace.StringValue("cart")}}}},
	}})
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		for i := int32(0); i < int32(tr.Len()); i++ {
			q.Matches(tr, i)
		}
	})
}
