package otlpjson_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/otlpproto"
	"github.com/tracetui/tracetui/trace"
)

// FuzzSaveRoundTrip: whatever tracetui accepts (OTLP JSON or protobuf, as
// `listen` does) and saves with --save reads back as the same spans:
// decode → save → decode is the identity.
func FuzzSaveRoundTrip(f *testing.F) {
	for _, name := range []string{"otlp/otel-proto_examples_trace.json", "otlp/jaeger_integration_link_attributes_trace.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(hostile.NestedProto(source.MaxValueDepth))
	f.Add([]byte(hostile.NestedJSON(3)))
	f.Fuzz(func(t *testing.T, in []byte) {
		first := trace.NewCollector()
		var err error
		if len(in) > 0 && in[0] == '{' {
			err = otlpjson.Decode(bytes.NewReader(in), first, &source.Warnings{})
		} else {
			err = otlpproto.Decode(in, first, &source.Warnings{})
		}
		if err != nil {
			return
		}
		var spans []*trace.Span
		for _, tr := range first.Traces() {
			for i := range tr.Spans {
				spans = append(spans, &tr.Spans[i])
			}
		}
		if len(spans) == 0 {
			return
		}
		saved := otlpjson.AppendRequest(nil, spans)
		again := trace.NewCollector()
		if err := otlpjson.Decode(bytes.NewReader(saved), again, &source.Warnings{}); err != nil {
			t.Fatalf("saved line does not read back: %v\n%s", err, saved)
		}
		var back []*trace.Span
		for _, tr := range again.Traces() {
			for i := range tr.Spans {
				back = append(back, &tr.Spans[i])
			}
		}
		if len(back) != len(spans) {
			t.Fatalf("%d spans saved, %d read back", len(spans), len(back))
		}
		for i := range spans {
			if !spans[i].Equal(back[i]) {
				t.Fatalf("span %d changed on the way through --save:\nbefore %+v\nafter  %+v\nsaved %s", i, *spans[i], *back[i], saved)
			}
		}
	})
}
