package remote

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkFetchAnswer reads and decodes a 20,000-span OTLP JSON answer
// through the client, as a Jaeger or Tempo fetch does: the cost of the
// --max-response and --max-value checks next to decoding.
func BenchmarkFetchAnswer(b *testing.B) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 20_000, Traces: 1, Seed: 1})
	answer := bytes.TrimSpace(buf.Bytes())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(answer) }))
	defer srv.Close()
	c, _ := New("Jaeger", srv.URL, Options{})
	b.SetBytes(int64(len(answer)))
	b.ResetTimer()
	for range b.N {
		resp, err := c.Get(context.Background(), "/api/v3/traces/1", nil, "")
		if err != nil {
			b.Fatal(err)
		}
		col := trace.NewCollector()
		err = resp.Decode(c, func(r io.Reader) error { return otlpjson.Decode(r, col, &source.Warnings{}) })
		resp.Close()
		if err != nil || col.SpanCount() != 20_000 {
			b.Fatalf("%v, %d spans", err, col.SpanCount())
		}
	}
}
