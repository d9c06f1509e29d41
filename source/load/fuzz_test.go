package load

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// FuzzLoad: format detection and whichever decoder it picks (through gzip
// too) load the input or fail with an error naming the input; never a
// panic, and what loaded builds and analyzes.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"otlp/otel-proto_examples_trace.json", "jaeger-v1/jaeger_uimodel_ui_01.json",
		"zipkin-v2/zipkin-lens_skew.json", "otlp/otel-spec_file-exporter_traces.jsonl"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(hostile.NestedProto(3))
	f.Add(gzipOf(`{"resourceSpans":[`, " ", 1<<10, `]}`))
	f.Add([]byte{0, 0, 0, 4, 0x0a, 0x02, 0x0a, 0x00})
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := All([]Input{{Name: "fuzz.in", Reader: bytes.NewReader(in)}}, Options{MaxValue: 1 << 20})
		if err != nil {
			var pe *source.ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "fuzz.in") {
				t.Fatalf("error not naming the input: %v", err)
			}
			return
		}
		for _, tr := range res.Traces {
			trace.AnalyzeOne(tr, trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
		}
	})
}
