package receiver

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/tracetui/tracetui/trace"
)

// One port serves the HTTP exporter (HTTP/1.1, protobuf and JSON) and the
// gRPC one (HTTP/2 prior knowledge): run hands apps a single endpoint.
func TestSharedAddrServesHTTPAndGRPCExporters(t *testing.T) {
	r, _ := start(t, Config{SharedAddr: "127.0.0.1:0"})
	addr := r.HTTPAddr()
	if addr == "" || r.GRPCAddr() != addr {
		t.Fatalf("HTTP on %q, gRPC on %q: want one address", addr, r.GRPCAddr())
	}
	for name, mk := range map[string]func() (sdktrace.SpanExporter, error){
		"http": func() (sdktrace.SpanExporter, error) {
			return otlptracehttp.New(context.Background(), otlptracehttp.WithEndpoint(addr), otlptracehttp.WithInsecure())
		},
		"grpc": func() (sdktrace.SpanExporter, error) {
			return otlptracegrpc.New(context.Background(), otlptracegrpc.WithEndpoint(addr), otlptracegrpc.WithInsecure())
		},
	} {
		t.Run(name, func(t *testing.T) {
			exp, err := mk()
			if err != nil {
				t.Fatal(err)
			}
			tid, ids := exportKnownTree(t, exp)
			if got := findTrace(t, r, trace.TraceID(tid)); len(got.Spans) != len(ids) {
				t.Fatalf("%d spans arrived, want %d", len(got.Spans), len(ids))
			}
		})
	}
	// OTLP/JSON over HTTP/1.1 reaches the same port.
	body := `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"json","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}`
	resp, err := http.Post("http://"+addr+"/v1/traces", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("OTLP/JSON on the shared port: %s", resp.Status)
	}
}
