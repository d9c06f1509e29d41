package jaeger

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
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// bigTrace is one 100,000-span trace as Jaeger's api/v3 sends it: one
// OTLP JSON document wrapped in {"result": …}.
func bigTrace(b *testing.B) (body []byte, id string) {
	var buf bytes.Buffer
	// One request holding every span, as a GetTrace answer does.
	if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 100_000, Traces: 1, Seed: 3, BatchSize: 100_000}); err != nil {
		b.Fatal(err)
	}
	c := trace.NewCollector()
	if err := otlpjson.Decode(bytes.NewReader(buf.Bytes()), c, &source.Warnings{}); err != nil {
		b.Fatal(err)
	}
	return append(append([]byte(`{"result":`), bytes.TrimSpace(buf.Bytes())...), '}'), c.Traces()[0].ID.String()
}

// BenchmarkDecode100kFromMemory is the baseline: the same bytes decoded
// with no network at all.
func BenchmarkDecode100kFromMemory(b *testing.B) {
	body, _ := bigTrace(b)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		c := trace.NewCollector()
		if err := otlpjson.Decode(bytes.NewReader(body), c, &source.Warnings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetch100kFromJaeger fetches the same trace over HTTP from a
// local server through the client: request, transfer, streaming decode.
func BenchmarkFetch100kFromJaeger(b *testing.B) {
	body, id := bigTrace(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	j, err := New(srv.URL, remote.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		c := trace.NewCollector()
		if err := j.Fetch(context.Background(), id, c, &source.Warnings{}); err != nil {
			b.Fatal(err)
		}
		if c.SpanCount() != 100_000 {
			b.Fatalf("%d spans", c.SpanCount())
		}
	}
}

// BenchmarkTransfer100k is the transfer alone: GET and discard the body.
func BenchmarkTransfer100k(b *testing.B) {
	body, _ := bigTrace(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Get(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
