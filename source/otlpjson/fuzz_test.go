package otlpjson

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// FuzzDecode: any input decodes or fails with a positioned ParseError;
// never a panic, and whatever decoded builds a tree.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"otlp/otel-proto_examples_trace.json", "otlp/jaeger-ui_otlp2jaeger-multi-in.jsonl",
		"otlp/jaeger_memory_otel_traces_01.json", "jaeger-apiv3/jaeger_apiv3_GetTrace.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(request(`{"traceId":"W47/95gDgQPSabYzgT/GDA==","kind":"SPAN_KIND_SERVER","attributes":[{"key":"a","value":{"arrayValue":{"values":[{"kvlistValue":{}}]}}}]}`)))
	for _, c := range wrongTypes(f) {
		f.Add([]byte(request(`{"traceId":"01","spanId":"02","attributes":[{"key":"x","value":` + c.Before + c.Bad + c.After + `}]}`)))
	}
	f.Add([]byte(request(`{"traceId":"01","spanId":"02","attributes":[{"key":"x","value":{"foo":1}}]}`)))
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		var ws source.Warnings
		err := Decode(bytes.NewReader(in), c, &ws)
		if err != nil {
			var pe *source.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error without a position: %v", err)
			}
			if pe.Offset < 0 || pe.Offset > int64(len(in))+1 {
				t.Fatalf("offset %d outside input of %d bytes", pe.Offset, len(in))
			}
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}

// FuzzDecodeLogs: a log export decodes or fails with a positioned error.
func FuzzDecodeLogs(f *testing.F) {
	f.Add([]byte(`{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"5","severityNumber":17,"body":{"kvlistValue":{"values":[{"key":"k","value":{"intValue":"1"}}]}},"traceId":"0102","spanId":"03"}]}]}]}`))
	f.Add([]byte(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":"SEVERITY_NUMBER_WARN2"}]}]}]}` + "\n{}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		_, err := DecodeLogs(bytes.NewReader(in), &source.Warnings{})
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
	})
}
