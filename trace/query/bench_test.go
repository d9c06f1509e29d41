package query

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// benchTree is a random recursive tree of n spans (each span's parent a
// random earlier span) over 20 services with three span attributes each,
// the shape internal/tracegen gives, built here since trace/ tests use the
// standard library only.
func benchTree(n int) *trace.Tree {
	r := rand.New(rand.NewPCG(1, 2))
	res := make([]*trace.Resource, 20)
	for k := range res {
		svc := fmt.Sprintf("service-%02d", k)
		res[k] = &trace.Resource{Service: svc, Attrs: []trace.Attr{{Key: "service.name", Value: trace.StringValue(svc)}}}
	}
	names := make([]string, 50)
	for k := range names {
		names[k] = fmt.Sprintf("GET /api/v1/item-%02d", k)
	}
	t := &trace.Trace{Spans: make([]trace.Span, n)}
	for i := range t.Spans {
		s := &t.Spans[i]
		s.SpanID[0], s.SpanID[1], s.SpanID[2], s.SpanID[3], s.SpanID[4] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i), 1
		s.Name = names[i%len(names)]
		s.Resource = res[r.IntN(len(res))]
		s.Kind = trace.SpanKind(r.IntN(6))
		if r.IntN(500) == 0 {
			s.Status = trace.StatusError
		}
		s.Attrs = []trace.Attr{
			{Key: "http.request.method", Value: trace.StringValue("GET")},
			{Key: "http.response.status_code", Value: trace.IntValue(int64(200 + 100*r.IntN(4)))},
			{Key: "net.peer.port", Value: trace.IntValue(int64(r.IntN(65536)))},
		}
		if i == 0 {
			s.Start, s.End = 1e18, 1e18+1e12
			continue
		}
		p := &t.Spans[r.IntN(i)]
		s.ParentID = p.SpanID
		s.Start = p.Start + r.Int64N(max(p.End-p.Start, 1))
		s.End = s.Start + r.Int64N(max(p.End-s.Start, 1))
	}
	return trace.Build(t)
}

var benchQueries = []struct{ name, q string }{
	{"filter3", `{ resource.service.name = "service-03" && span.http.response.status_code >= 400 && duration > 1ms }`},
	{"filter3-regex", `{ name =~ "GET /api/v1/item-0.*" && .http.response.status_code = 500 && kind = server }`},
	{"descendant", `{ resource.service.name = "service-03" && kind = server } >> { status = error }`},
	{"ancestor", `{ status = error } << { kind = server }`},
	{"sibling", `{ status = error } ~ { kind = client }`},
	{"count", `{ kind = client } | count() > 1000`},
	{"shorthand3", `service=service-03 duration>1ms kind=server`},
}

// BenchmarkEval1M: one query over a 1,000,000-span trace. The targets:
// a three-condition filter under 150 ms, { A } >> { B } under 400 ms.
func BenchmarkEval1M(b *testing.B) {
	tr := benchTree(1_000_000)
	for _, bq := range benchQueries {
		q, err := Compile(bq.q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			for b.Loop() {
				q.Eval(tr)
			}
		})
	}
}
