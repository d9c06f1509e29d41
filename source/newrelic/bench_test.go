package newrelic

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkDecodeSpanEvents: one full harvest at tracetui's harvest limit
// (10,000 span events), as transactions of 10 segments with attributes.
func BenchmarkDecodeSpanEvents(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	var parts []string
	for len(parts) < 1000 {
		p := payloadOf(randomTransaction(rng, 10))
		parts = append(parts, p[len(`["run",{},[`):len(p)-2])
	}
	body := `["` + Agent{App: "shop"}.RunID() + `",{"reservoir_size":10000,"events_seen":10000},[` + strings.Join(parts, ",") + `]]`
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		c := trace.NewCollector()
		if _, err := DecodeSpanEvents(strings.NewReader(body), c, &source.Warnings{}); err != nil {
			b.Fatal(err)
		}
		if c.SpanCount() != 10000 {
			b.Fatalf("%d spans", c.SpanCount())
		}
	}
}
