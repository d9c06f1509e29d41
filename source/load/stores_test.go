package load

import (
	"os"
	"path/filepath"
	"testing"
)

// Files downloaded from Jaeger UI or Zipkin load like OTLP files, by
// content, and every real fixture is recognised as what it is.
func TestDetectsJaegerAndZipkinFiles(t *testing.T) {
	dirs := map[string]Format{
		"jaeger-v1": FormatJaegerJSON, "zipkin-v2": FormatZipkinJSON, "otlp": FormatOTLPJSON,
	}
	for dir, want := range dirs {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"))
		if len(files) == 0 {
			t.Fatalf("no fixtures in %s", dir)
		}
		for _, f := range files {
			head, _ := os.ReadFile(f)
			if got := Detect(head, int64(len(head))); got != want {
				t.Errorf("%s: detected %s, want %s", filepath.Base(f), got, want)
			}
			res, err := All([]Input{{Name: f}}, Options{})
			if err != nil {
				t.Errorf("%s: %v", filepath.Base(f), err)
				continue
			}
			if spans(res) == 0 {
				t.Errorf("%s: no spans", filepath.Base(f))
			}
		}
	}
}

// A Jaeger download and the OTLP it was converted from share a trace ID:
// loaded together they are one trace.
func TestJaegerAndOTLPFilesMergeByTraceID(t *testing.T) {
	res, err := All([]Input{
		{Name: filepath.Join("..", "..", "testdata", "jaeger-v1", "jaeger_query_otlp2jaeger-out.json")},
		{Name: filepath.Join("..", "..", "testdata", "otlp", "jaeger_query_otlp2jaeger-in.json")},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Traces) != 1 || spans(res) != 4 {
		t.Errorf("%d traces, %d spans; want 1 trace of 4 spans", len(res.Traces), spans(res))
	}
}
