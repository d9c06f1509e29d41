package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"
)

// sdkApp is the program run_e2e_test.go wraps in `tracetui run`: a test
// runner whose two tests record their spans through the OpenTelemetry SDK
// configured by the environment alone (OTEL_EXPORTER_OTLP_ENDPOINT, as
// run sets it), over OTLP/HTTP or OTLP/gRPC. TestCheckout passes;
// TestRefund fails with an error span, and the program exits 1 as `go
// test` does.
func sdkApp(mode string) int {
	ctx := context.Background()
	var exp sdktrace.SpanExporter
	var err error
	if mode == "grpc" {
		exp, err = otlptracegrpc.New(ctx)
	} else {
		exp, err = otlptracehttp.New(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdkapp:", err)
		return 2
	}
	res, _ := resource.Merge(resource.Default(), resource.NewSchemaless(attribute.String("service.name", "shop")))
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	tr := tp.Tracer("sdkapp")

	test := func(name, call string, fail bool) {
		status := "pass"
		if fail {
			status = "fail"
		}
		ctx, root := tr.Start(ctx, name, oteltrace.WithAttributes(attribute.String("test.case.name", name),
			attribute.String("test.suite.name", "shop"), attribute.String("test.case.result.status", status)))
		_, span := tr.Start(ctx, call, oteltrace.WithSpanKind(oteltrace.SpanKindClient))
		time.Sleep(2 * time.Millisecond)
		if fail {
			span.SetStatus(codes.Error, "refund declined")
		}
		span.End()
		root.End()
		if fail {
			fmt.Printf("--- FAIL: %s\n", name)
		} else {
			fmt.Printf("--- PASS: %s\n", name)
		}
	}
	test("TestCheckout", "GET /cart", false)
	test("TestRefund", "POST /refund", true)

	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := tp.Shutdown(sctx); err != nil {
		fmt.Fprintln(os.Stderr, "sdkapp: export:", err)
		return 2
	}
	fmt.Println("FAIL")
	return 1
}
