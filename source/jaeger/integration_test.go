package jaeger

import (
	"context"
	"os"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// TestAgainstARealJaeger is opt-in: with a Jaeger running (for example
// `docker run -p 16686:16686 -p 4318:4318 jaegertracing/jaeger`), set
//
//	TRACETUI_JAEGER_URL=http://localhost:16686 TRACETUI_JAEGER_OTLP=localhost:4318
//
// and it sends a known tree over OTLP, then reads it back through tracetui.
func TestAgainstARealJaeger(t *testing.T) {
	query, otlp := os.Getenv("TRACETUI_JAEGER_URL"), os.Getenv("TRACETUI_JAEGER_OTLP")
	if query == "" || otlp == "" {
		t.Skip("set TRACETUI_JAEGER_URL and TRACETUI_JAEGER_OTLP to run against a real Jaeger")
	}
	exp, err := otlptracehttp.New(context.Background(), otlptracehttp.WithEndpoint(otlp), otlptracehttp.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	service := "tracetui-it-" + time.Now().Format("150405")
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", service))))
	tr := tp.Tracer("it")
	ctx, root := tr.Start(context.Background(), "root")
	_, child := tr.Start(ctx, "child")
	child.End()
	root.End()
	if err := tp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	j, err := New(query, remote.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := root.SpanContext().TraceID().String()
	var c *trace.Collector
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		c = trace.NewCollector()
		err = j.Fetch(context.Background(), id, c, &source.Warnings{})
		if err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("trace %s never became readable: %v", id, err)
	}
	spans := c.Traces()[0].Spans
	if len(spans) != 2 {
		t.Fatalf("%d spans, want 2", len(spans))
	}
	tree := trace.Build(c.Traces()[0])
	if len(tree.Roots) != 1 || tree.Span(tree.Roots[0]).Name != "root" {
		t.Errorf("parent links lost on the way through Jaeger")
	}
	res, err := j.Search(context.Background(), remote.Query{Service: service, Start: time.Now().Add(-time.Hour), End: time.Now(), Limit: 5})
	if err != nil || len(res) != 1 || res[0].ID != id {
		t.Errorf("search: %v %+v", err, res)
	}
}
