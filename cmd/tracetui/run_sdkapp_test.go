package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
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
	if file, ok := strings.CutPrefix(mode, "post:"); ok {
		return postOTLP(file)
	}
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

// postOTLP is a test program that exports the OTLP JSON lines of file to
// OTEL_EXPORTER_OTLP_ENDPOINT as an SDK exporting OTLP/HTTP JSON does, and
// fails (exit 1): the traces run prints are then exactly the file's.
func postOTLP(file string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdkapp:", err)
		return 2
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		resp, err := http.Post(os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT")+"/v1/traces", "application/json", strings.NewReader(line))
		if err != nil {
			fmt.Fprintln(os.Stderr, "sdkapp:", err)
			return 2
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			fmt.Fprintln(os.Stderr, "sdkapp: export:", resp.Status)
			return 2
		}
	}
	fmt.Println("FAIL")
	return 1
}
