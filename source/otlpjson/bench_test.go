package otlpjson

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/tracetui/tracetui/internal/naive"
	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func generated(b *testing.B, spans int) []byte {
	return generatedTraces(b, spans, max(1, spans/10000))
}

func generatedTraces(b *testing.B, spans, traces int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: spans, Traces: traces, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecode: MB/s (from SetBytes), spans/s, allocations and bytes
// per span, and the live heap per span once decoded (the model's resident
// size).
func BenchmarkDecode(b *testing.B) {
	// The last case is a CI file: many small traces of ten spans each.
	for _, tc := range []struct{ n, traces int }{{10_000, 1}, {100_000, 10}, {100_000, 10_000}} {
		n := tc.n
		data := generatedTraces(b, n, tc.traces)
		b.Run(fmt.Sprintf("spans=%d/traces=%d", n, tc.traces), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var live uint64
			var ms0, ms1 runtime.MemStats
			for i := 0; i < b.N; i++ {
				runtime.GC()
				runtime.ReadMemStats(&ms0)
				c := trace.NewCollector()
				if err := Decode(bytes.NewReader(data), c, &source.Warnings{}); err != nil {
					b.Fatal(err)
				}
				if c.Traces(); c.SpanCount() != n {
					b.Fatalf("decoded %d spans", c.SpanCount())
				}
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms1)
				live = ms1.HeapAlloc - ms0.HeapAlloc
				runtime.KeepAlive(c)
				b.StartTimer()
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(n)/perOp, "spans/s")
			b.ReportMetric(float64(live)/float64(n), "live-B/span")
		})
	}
}

// BenchmarkProtojsonBaseline is the naive approach the issue compares
// with: protojson.Unmarshal of every line, then conversion into the model.
func BenchmarkProtojsonBaseline(b *testing.B) {
	data := generated(b, 100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := naive.LoadJSONLines(bytes.NewReader(data))
		if err != nil || c.SpanCount() != 100_000 {
			b.Fatalf("naive load: %v", err)
		}
	}
	b.ReportMetric(100_000/(b.Elapsed().Seconds()/float64(b.N)), "spans/s")
}
