package datadog

import (
	"fmt"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// benchPayload is n traces of 10 spans, as a Go web service's tracer
// sends them: a few meta and metrics each.
func benchPayload(n int, v05 bool) []byte {
	var traces [][]ddSpan
	for i := range n {
		var tr []ddSpan
		for j := range 10 {
			tr = append(tr, ddSpan{service: "web", name: "http.request", resource: fmt.Sprintf("GET /items/%d", j), typ: "web",
				traceID: uint64(i + 1), spanID: uint64(j + 1), parentID: uint64(j), start: 1_700_000_000_000_000_000 + int64(j), duration: 1000,
				meta:    map[string]string{"span.kind": "server", "http.method": "GET", "http.url": "http://localhost/items", "component": "net/http"},
				metrics: map[string]float64{"_dd.measured": 1, "http.status_code": 200}})
		}
		traces = append(traces, tr)
	}
	if v05 {
		return payload05(traces...)
	}
	return payload04(traces...)
}

func BenchmarkDecode(b *testing.B) {
	for _, v := range []string{"v0.4", "v0.5"} {
		in := benchPayload(1000, v == "v0.5")
		b.Run(v, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				c := trace.NewCollector()
				if err := Decode(in, v, Meta{}, c, &source.Warnings{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/span")
		})
	}
}
