package load

import (
	"bytes"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// BenchmarkLoadJSON loads 20,000 spans of OTLP JSON lines: decoding with
// the --max-value check on every read.
func BenchmarkLoadJSON(b *testing.B) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1})
	b.SetBytes(int64(buf.Len()))
	for range b.N {
		res, err := All([]Input{{Name: "bench.jsonl", Reader: bytes.NewReader(buf.Bytes())}}, Options{})
		if err != nil || len(res.Traces) != 20 {
			b.Fatal(err)
		}
	}
}
