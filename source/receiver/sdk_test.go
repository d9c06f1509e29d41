package receiver

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/tracetui/tracetui/trace"
)

// exportKnownTree records checkout → {cart, payment → charge} through a real
// SDK pipeline and returns the span IDs the SDK assigned, by name.
func exportKnownTree(t *testing.T, exp sdktrace.SpanExporter) (oteltrace.TraceID, map[string]oteltrace.SpanContext) {
	t.Helper()
	res := resource.NewSchemaless(attribute.String("service.name", "checkout"))
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	tr := tp.Tracer("tracetui/e2e")
	ids := map[string]oteltrace.SpanContext{}

	ctx, root := tr.Start(context.Background(), "POST /checkout", oteltrace.WithSpanKind(oteltrace.SpanKindServer))
	ids["POST /checkout"] = root.SpanContext()
	_, cart := tr.Start(ctx, "GetCart", oteltrace.WithSpanKind(oteltrace.SpanKindClient))
	ids["GetCart"] = cart.SpanContext()
	cart.End()
	pctx, pay := tr.Start(ctx, "Pay")
	ids["Pay"] = pay.SpanContext()
	_, charge := tr.Start(pctx, "Charge", oteltrace.WithAttributes(attribute.Int("amount", 42)))
	ids["Charge"] = charge.SpanContext()
	charge.SetStatus(codes.Error, "card declined")
	charge.End()
	pay.End()
	root.End()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tp.Shutdown(ctx); err != nil {
		t.Fatalf("the SDK could not export to the receiver: %v", err)
	}
	return root.SpanContext().TraceID(), ids
}

func TestRealSDKExportersDeliverTheWholeTree(t *testing.T) {
	r, _ := start(t, Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0"})
	exporters := map[string]func() (sdktrace.SpanExporter, error){
		"http": func() (sdktrace.SpanExporter, error) {
			return otlptracehttp.New(context.Background(), otlptracehttp.WithEndpoint(r.HTTPAddr()), otlptracehttp.WithInsecure())
		},
		"http+gzip": func() (sdktrace.SpanExporter, error) {
			return otlptracehttp.New(context.Background(), otlptracehttp.WithEndpoint(r.HTTPAddr()), otlptracehttp.WithInsecure(),
				otlptracehttp.WithCompression(otlptracehttp.GzipCompression))
		},
		"grpc": func() (sdktrace.SpanExporter, error) {
			return otlptracegrpc.New(context.Background(), otlptracegrpc.WithEndpoint(r.GRPCAddr()), otlptracegrpc.WithInsecure())
		},
		"grpc+gzip": func() (sdktrace.SpanExporter, error) {
			return otlptracegrpc.New(context.Background(), otlptracegrpc.WithEndpoint(r.GRPCAddr()), otlptracegrpc.WithInsecure(),
				otlptracegrpc.WithCompressor("gzip"))
		},
	}
	for name, mk := range exporters {
		t.Run(name, func(t *testing.T) {
			exp, err := mk()
			if err != nil {
				t.Fatal(err)
			}
			tid, ids := exportKnownTree(t, exp)
			got := findTrace(t, r, trace.TraceID(tid))
			if len(got.Spans) != len(ids) {
				t.Fatalf("%d spans arrived, want %d", len(got.Spans), len(ids))
			}
			byName := map[string]trace.Span{}
			for _, s := range got.Spans {
				byName[s.Name] = s
			}
			parents := map[string]string{"POST /checkout": "", "GetCart": "POST /checkout", "Pay": "POST /checkout", "Charge": "Pay"}
			for child, parent := range parents {
				s, ok := byName[child]
				if !ok {
					t.Fatalf("span %q missing", child)
				}
				if s.SpanID != trace.SpanID(ids[child].SpanID()) {
					t.Errorf("%s: span ID %s, the SDK assigned %s", child, s.SpanID, ids[child].SpanID())
				}
				want := trace.SpanID{}
				if parent != "" {
					want = trace.SpanID(ids[parent].SpanID())
				}
				if s.ParentID != want {
					t.Errorf("%s: parent %s, want %s (%s)", child, s.ParentID, want, parent)
				}
				if s.Service() != "checkout" {
					t.Errorf("%s: service %q", child, s.Service())
				}
			}
			if c := byName["Charge"]; !c.IsError() || c.StatusMessage != "card declined" {
				t.Errorf("Charge status %v %q, want error \"card declined\"", c.Status, c.StatusMessage)
			}
			if k := byName["POST /checkout"].Kind; k != trace.KindServer {
				t.Errorf("root kind %v, want server", k)
			}
		})
	}
}

// findTrace waits for a trace in the receiver's store: the SDK's Shutdown
// returns once the export got its answer, so it is there already unless
// the receiver lost it.
func findTrace(t *testing.T, r *Receiver, id trace.TraceID) *trace.Trace {
	t.Helper()
	for _, tr := range snapshot(r.store) {
		if tr.ID == id {
			return tr
		}
	}
	var have []string
	for _, tr := range snapshot(r.store) {
		have = append(have, tr.ID.String())
	}
	t.Fatalf("trace %s not in the store (have %s)", id, strings.Join(have, ", "))
	return nil
}
